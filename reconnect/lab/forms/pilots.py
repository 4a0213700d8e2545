"""The pilot's forms: the plan, a milestone, a log entry, an outcome measure, a status.

The choices a plan may link to (themes, the school's actions and target groups, the Hub's
interventions) are read once by the view (``selectors.pilots.pilot_choices``), already
scoped to the pilot's school; cleaning maps the chosen id back to one of those objects, so
an id typed in by hand that is not on the list (another school's target group, a draft
page) is a form error, never another school's object. The services check the same again.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.core.date_input import DateInputField
from reconnect.lab.models import Design, Fidelity, MeasureKind, Phase, Pilot, PilotStatus
from reconnect.lab.selectors.pilots import PilotChoices
from reconnect.lab.services import pilots as services


def _id_field(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, required=False, coerce=int, empty_value=None, help_text=help_text
    )


def _whole(label: Any, *, maximum: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=maximum,
        help_text=help_text,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("Enter 0 or more."),
            "max_value": _("Enter %(limit_value)s or fewer."),
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )


class PilotForm(forms.Form):
    """Start a pilot, or change its plan."""

    title = forms.CharField(
        label=_("Name of the pilot"),
        max_length=services.TITLE_MAX,
        help_text=_("Short and plain, for example: Year 7 reading catch-up."),
        error_messages={"required": _("Enter a name for the pilot.")},
    )
    challenge = forms.CharField(
        label=_("The challenge"),
        max_length=services.CHALLENGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What problem, for which pupils, and how you know it is a problem."),
        error_messages={"required": _("Describe the challenge the pilot answers.")},
    )
    theme = _id_field(_("Knowledge Hub theme (optional)"))
    priority = _id_field(
        _("Self-evaluation action it answers (optional)"),
        _("An action from your school’s self-evaluation action plan."),
    )
    target_group = _id_field(
        _("Pupil-data target group (optional)"),
        _("A target group saved in your school’s pupil data. It stores no pupil names."),
    )
    intervention = _id_field(
        _("Knowledge Hub intervention (optional)"),
        _("The evidence-based approach you will try."),
    )
    target_pupils = forms.CharField(
        label=_("Which pupils (optional)"),
        required=False,
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: Year 7 pupils with a reading age two years below their age."),
    )
    design = forms.ChoiceField(
        label=_("How will you know it made a difference?"),
        choices=Design.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the pilot will compare.")},
    )
    comparison = forms.CharField(
        label=_("The comparison group (optional)"),
        required=False,
        max_length=services.TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who you will compare with, and how they were chosen."),
    )
    success_criteria = forms.CharField(
        label=_("What success looks like (optional)"),
        required=False,
        max_length=services.CRITERIA_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say it before you start, in numbers where you can."),
    )
    planned_intervention = _whole(
        _("Pupils in the intervention group (optional)"), maximum=services.PUPILS_MAX
    )
    planned_comparison = _whole(
        _("Pupils in the comparison group (optional)"), maximum=services.PUPILS_MAX
    )
    starts_on = DateInputField(
        noun=_("start date"), label=_("Start date (optional)"), help_text=_("For example, 7 9 2026")
    )
    ends_on = DateInputField(
        noun=_("end date"), label=_("End date (optional)"), help_text=_("For example, 16 7 2027")
    )

    def __init__(self, *args: Any, choices: PilotChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._objects: dict[str, dict[int, Any]] = {
            "theme": {t.pk: t for t in choices.themes},
            "priority": {a.pk: a for a in choices.priorities},
            "intervention": {i.pk: i for i in choices.interventions},
        }
        lists: dict[str, list[tuple[Any, str]]] = {
            "theme": [(t.pk, t.name) for t in choices.themes],
            "priority": [(a.pk, f"{a.domain.title}: {a.title}") for a in choices.priorities],
            "intervention": [(i.pk, i.title) for i in choices.interventions],
        }
        if choices.target_groups is None:
            # Not offered to someone who may not see the school's cohort views.
            del self.fields["target_group"]
        else:
            self._objects["target_group"] = {g.pk: g for g in choices.target_groups}
            lists["target_group"] = [(g.pk, g.name) for g in choices.target_groups]
        wrong = {
            "theme": _("Choose a theme from the list, or none."),
            "priority": _("Choose an action from your school’s action plan, or none."),
            "target_group": _("Choose one of your school’s target groups, or none."),
            "intervention": _("Choose an intervention from the list, or none."),
        }
        for name, options in lists.items():
            field = cast(forms.TypedChoiceField, self.fields[name])
            field.choices = [("", _("None")), *options]
            field.error_messages["invalid_choice"] = wrong[name]
        for name in ("planned_intervention", "planned_comparison"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})

    @classmethod
    def initial_from(cls, pilot: Pilot) -> dict[str, Any]:
        return {
            name: getattr(pilot, f"{name}_id" if name in cls.LINKS else name)
            for name in cls.base_fields
        }

    LINKS = ("theme", "priority", "target_group", "intervention")

    def _object(self, name: str) -> Any:
        chosen = self.cleaned_data.get(name)
        return None if chosen is None else self._objects[name][chosen]

    def clean_theme(self) -> Any:
        return self._object("theme")

    def clean_priority(self) -> Any:
        return self._object("priority")

    def clean_target_group(self) -> Any:
        return self._object("target_group")

    def clean_intervention(self) -> Any:
        return self._object("intervention")

    def plan(self, *, keep_target_group: Any = None) -> services.PilotPlan:
        """The cleaned form as the service's plan. ``keep_target_group`` is the pilot's
        current group, kept when the field was not offered."""
        data = self.cleaned_data
        return services.PilotPlan(
            title=data["title"],
            challenge=data["challenge"],
            design=data["design"],
            theme=data["theme"],
            priority=data["priority"],
            target_group=data["target_group"]
            if "target_group" in self.fields
            else keep_target_group,
            intervention=data["intervention"],
            target_pupils=data["target_pupils"],
            comparison=data["comparison"],
            success_criteria=data["success_criteria"],
            planned_intervention=data["planned_intervention"] or None,
            planned_comparison=data["planned_comparison"] or None,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )


class MilestoneForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=Phase.choices,
        error_messages={
            "required": _("Choose one of the four phases."),
            "invalid_choice": _("Choose one of the four phases."),
        },
    )
    title = forms.CharField(
        label=_("What needs to happen"),
        max_length=services.MILESTONE_MAX,
        error_messages={"required": _("Enter what needs to happen.")},
    )
    due_on = DateInputField(
        noun=_("due date"), label=_("Due date (optional)"), help_text=_("For example, 27 3 2027")
    )


class LogEntryForm(forms.Form):
    happened_on = DateInputField(
        noun=_("date"), label=_("Date"), help_text=_("The day or the end of the week it covers.")
    )
    sessions_planned = _whole(_("Sessions planned"), maximum=services.SESSIONS_MAX)
    sessions_delivered = _whole(_("Sessions delivered"), maximum=services.SESSIONS_MAX)
    pupils_present = _whole(
        _("Pupils present"),
        maximum=services.PUPILS_MAX,
        help_text=_("On average across the sessions, if there were several."),
    )
    fidelity = forms.ChoiceField(
        label=_("How closely did it follow the plan?"),
        required=False,
        choices=Fidelity.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose how closely it followed the plan.")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=services.NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, what got in the way, what you changed. No pupil names."),
    )

    def clean_happened_on(self) -> Any:
        value = self.cleaned_data.get("happened_on")
        if value is None:
            raise forms.ValidationError(_("Enter the date."))
        return value

    def entry(self) -> services.LogPlan:
        data = self.cleaned_data
        return services.LogPlan(
            happened_on=data["happened_on"],
            sessions_planned=data["sessions_planned"],
            sessions_delivered=data["sessions_delivered"],
            pupils_present=data["pupils_present"],
            fidelity=data["fidelity"],
            notes=data["notes"],
        )


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of measure"),
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of measure it is.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=services.MEASURE_NAME_MAX,
        help_text=_("For example: Reading age (months), or New Group Reading Test score."),
        error_messages={"required": _("Enter a name for the measure.")},
    )
    unit = forms.CharField(label=_("Unit (optional)"), required=False, max_length=services.UNIT_MAX)
    lowest = forms.FloatField(
        label=_("Lowest possible score (optional)"),
        required=False,
        help_text=_("Left empty, WEMWBS is 14 to 70, SWEMWBS 7 to 35 and attendance 0 to 100."),
        error_messages={"invalid": _("Enter a number.")},
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}),
    )
    highest = forms.FloatField(
        label=_("Highest possible score (optional)"),
        required=False,
        error_messages={"invalid": _("Enter a number.")},
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}),
    )
    higher_is_better = forms.BooleanField(
        label=_("A higher score is better"), required=False, initial=True
    )
    is_primary = forms.BooleanField(
        label=_("This is the pilot’s main measure"),
        required=False,
        help_text=_("The one measure the pilot is judged on, named before it starts."),
    )

    def plan(self) -> services.MeasurePlan:
        data = self.cleaned_data
        return services.MeasurePlan(
            kind=data["kind"],
            name=data["name"],
            unit=data["unit"],
            higher_is_better=data["higher_is_better"],
            is_primary=data["is_primary"],
            lowest=data["lowest"],
            highest=data["highest"],
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=PilotStatus.choices,
        error_messages={"required": _("Choose a status."), "invalid_choice": _("Choose a status.")},
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase the pilot is in"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the four phases."),
            "invalid_choice": _("Choose one of the four phases."),
        },
    )
