"""A date typed as day, month and year: the GOV.UK date input, for any form.

``DateInputField(noun=_("due date"))`` cleans the three boxes into a ``datetime.date``
(or None when all are blank) with GOV.UK's messages ("The due date must include a month.").
``accounts/includes/date_field.html`` draws it, given the field and ``date_parts(field)``.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DATE_PARTS = ("day", "month", "year")
# A four-digit year typed as "26" or "20266" is a slip, not a date anyone means here.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes; drawn by the template, not by Django."""

    def __init__(self) -> None:
        numeric = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__({part: forms.TextInput(attrs=numeric) for part in DATE_PARTS})

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """An optional date; ``noun`` names it in the messages ("as-at date", "due date")."""

    widget = DateInputWidget

    def __init__(self, *, noun: str | Promise, **kwargs: Any) -> None:
        self.noun = noun
        # Five characters or more in a box is not a date either; say so in the same words.
        too_long = {"max_length": _("The %(noun)s must be a real date.") % {"noun": noun}}
        parts = tuple(
            forms.CharField(required=False, max_length=4, error_messages=too_long)
            for _part in DATE_PARTS
        )
        super().__init__(parts, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list: Sequence[str]) -> datetime.date | None:
        values = [str(v).strip() for v in data_list] if data_list else ["", "", ""]
        if not any(values):
            return None
        missing = [part for part, value in zip(DATE_PARTS, values, strict=True) if not value]
        if missing:
            words = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            raise forms.ValidationError(
                _("The %(noun)s must include %(part)s.")
                % {"noun": self.noun, "part": words[missing[0]]}
            )
        not_real = _("The %(noun)s must be a real date.") % {"noun": self.noun}
        if not all(value.isdigit() for value in values):
            raise forms.ValidationError(not_real)
        day, month, year = (int(value) for value in values)
        if len(values[2]) != 4 or not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise forms.ValidationError(_("The year must be four numbers, like 2026."))
        try:
            return datetime.date(year, month, day)
        except ValueError as error:
            raise forms.ValidationError(not_real) from error


def date_parts(bound: BoundField) -> dict[str, Any]:
    """What the day, month and year boxes show: as typed, or from the initial date."""
    value = bound.value()
    if not isinstance(value, list | tuple):
        value = DateInputWidget().decompress(value)
    return dict(zip(DATE_PARTS, ["" if v is None else v for v in value], strict=True))
