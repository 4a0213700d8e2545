"""The GOV.UK date input shared by the action plan and the pupil-data upload."""

import datetime

import pytest
from django import forms

from reconnect.core.date_input import DateInputField, date_parts


class _Form(forms.Form):
    when = DateInputField(noun="due date", label="Due date")


def _clean(day: str, month: str, year: str) -> tuple[datetime.date | None, list[str]]:
    form = _Form({"when_day": day, "when_month": month, "when_year": year})
    valid = form.is_valid()
    messages = [str(message) for message in form.errors.get("when", [])]
    return (form.cleaned_data["when"] if valid else None), messages


def test_three_boxes_make_a_date_and_three_blanks_make_none():
    assert _clean("27", "3", "2026") == (datetime.date(2026, 3, 27), [])
    assert _clean(" 1 ", "01", "2030") == (datetime.date(2030, 1, 1), [])
    assert _clean("", "", "") == (None, [])


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "3", "2026", "The due date must include a day."),
        ("27", "", "2026", "The due date must include a month."),
        ("27", "3", "", "The due date must include a year."),
        ("", "", "2026", "The due date must include a day."),
        ("twenty", "3", "2026", "The due date must be a real date."),
        ("tw", "3", "2026", "The due date must be a real date."),
        ("31", "2", "2026", "The due date must be a real date."),
        ("29", "2", "2027", "The due date must be a real date."),
        ("27", "3", "26", "The year must be four numbers, like 2026."),
        ("27", "3", "1999", "The year must be four numbers, like 2026."),
        ("27", "3", "2101", "The year must be four numbers, like 2026."),
    ],
)
def test_each_mistake_has_its_own_message_naming_the_date(day, month, year, message):
    assert _clean(day, month, year) == (None, [message])


def test_the_noun_names_the_date_in_the_message():
    class AsAt(forms.Form):
        when = DateInputField(noun="as-at date")

    form = AsAt({"when_day": "27", "when_month": "", "when_year": "2026"})

    assert not form.is_valid()
    assert form.errors["when"] == ["The as-at date must include a month."]


def test_the_boxes_show_what_was_typed_or_the_initial_date():
    typed = _Form({"when_day": "31", "when_month": "2", "when_year": "2026"})
    initial = _Form(initial={"when": datetime.date(2026, 11, 5)})
    empty = _Form()

    assert date_parts(typed["when"]) == {"day": "31", "month": "2", "year": "2026"}
    assert date_parts(initial["when"]) == {"day": 5, "month": 11, "year": 2026}
    assert date_parts(empty["when"]) == {"day": "", "month": "", "year": ""}
