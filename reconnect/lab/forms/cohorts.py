"""The cohorts' forms: a cohort, an application, a pairing rule, a move to another trio.

Choices (the user's schools' pilots, the cohort's applicants, its proposed trios) come from
the view, already scoped; cleaning maps a chosen id back to one of those objects, so an id
typed in by hand that is not on the list is a form error, never another school's object.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.core.date_input import DateInputField
from reconnect.lab.models import LabCohort, PairingRule, Pilot, Trio
from reconnect.lab.selectors.cohorts import ApplyChoice
from reconnect.lab.services import cohorts as services
from reconnect.schools.models import School


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the cohort"),
        max_length=services.NAME_MAX,
        help_text=_("For example: Attendance cohort, spring 2027."),
        error_messages={"required": _("Enter a name for the cohort.")},
    )
    description = forms.CharField(
        label=_("What the cohort is about (optional)"),
        required=False,
        max_length=services.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who it is for, what schools commit to, when trios meet."),
    )
    applications_close_on = DateInputField(
        noun=_("closing date"),
        label=_("Applications close on (optional)"),
        help_text=_("For example, 27 3 2027"),
    )

    @staticmethod
    def initial_from(cohort: LabCohort) -> dict[str, Any]:
        return {
            "name": cohort.name,
            "description": cohort.description,
            "applications_close_on": cohort.applications_close_on,
        }

    def plan(self) -> services.CohortPlan:
        data = self.cleaned_data
        return services.CohortPlan(
            name=data["name"],
            description=data["description"],
            applications_close_on=data["applications_close_on"],
        )


class ApplicationForm(forms.Form):
    """Apply with one pilot of one of the schools the user leads."""

    pilot = forms.TypedChoiceField(
        label=_("The pilot your school will run"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the pilot your school will run."),
            "invalid_choice": _("Choose the pilot your school will run."),
        },
    )
    statement = forms.CharField(
        label=_("Why your school wants to join (optional)"),
        required=False,
        max_length=services.STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you hope to learn, and what you can offer two partner schools."),
    )

    def __init__(self, *args: Any, choices: Sequence[ApplyChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pilots: dict[int, Pilot] = {}
        options: list[tuple[int, str]] = []
        several = len(choices) > 1
        for choice in choices:
            for pilot in choice.pilots:
                self.pilots[pilot.pk] = pilot
                label = f"{pilot.title} ({choice.school.name})" if several else pilot.title
                options.append((pilot.pk, label))
        cast(forms.TypedChoiceField, self.fields["pilot"]).choices = options

    def chosen(self) -> Pilot:
        return self.pilots[self.cleaned_data["pilot"]]


class PairingForm(forms.Form):
    first = forms.TypedChoiceField(
        label=_("School"),
        coerce=int,
        error_messages={
            "required": _("Choose the first school."),
            "invalid_choice": _("Choose the first school."),
        },
    )
    second = forms.TypedChoiceField(
        label=_("And school"),
        coerce=int,
        error_messages={
            "required": _("Choose the second school."),
            "invalid_choice": _("Choose the second school."),
        },
    )
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=PairingRule.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether to keep them together or apart."),
            "invalid_choice": _("Choose whether to keep them together or apart."),
        },
    )
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=services.REASON_MAX,
        help_text=_("Only coordinators see this."),
    )

    def __init__(self, *args: Any, schools: Sequence[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schools = {s.pk: s for s in schools}
        options = [("", _("Choose a school")), *((s.pk, s.name) for s in schools)]
        for name in ("first", "second"):
            cast(forms.TypedChoiceField, self.fields[name]).choices = options

    def school(self, name: str) -> School:
        return self.schools[self.cleaned_data[name]]


class MoveForm(forms.Form):
    to_trio = forms.TypedChoiceField(
        label=_("Move to"),
        coerce=int,
        error_messages={
            "required": _("Choose the trio to move the school to."),
            "invalid_choice": _("Choose the trio to move the school to."),
        },
    )

    def __init__(self, *args: Any, trios: Sequence[Trio], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trios = {t.pk: t for t in trios}
        cast(forms.TypedChoiceField, self.fields["to_trio"]).choices = [
            (t.pk, t.name) for t in trios
        ]

    def chosen(self) -> Trio:
        return self.trios[self.cleaned_data["to_trio"]]
