"""Forms of the privacy pages: retention, staff grants, indicator settings, delete all."""

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reconnect.accounts.models import User
from reconnect.schools.models import School
from reconnect.spectrum.analysis import catalogue
from reconnect.spectrum.services.data_settings import REASON_MAX, RETENTION_MAX, RETENTION_MIN

WEIGHT_MAX = 10

# The range each cut-point may take: what makes sense, not only what the analysis survives.
PARAMETER_BOUNDS: dict[str, tuple[float, float]] = {
    "attendance_expected": (50, 100),
    "persistent_absence_up_to": (50, 100),
    "severe_absence_up_to": (1, 90),
    "area_deprivation_deciles": (1, 10),
    "recent_years": (1, 10),
    "repeated_suspensions_from": (2, 20),
    "behaviour_top_share": (1, 50),
    "support_gap_domains": (1, len(catalogue.Domain)),
}


class RetentionForm(forms.Form):
    months = forms.IntegerField(
        label=_("Keep snapshots for (months)"),
        min_value=RETENTION_MIN,
        max_value=RETENTION_MAX,
        help_text=_(
            "Between 3 and 84 months. Snapshots older than this are deleted every night. "
            "The default, 24 months, keeps this year and last year for comparison."
        ),
        error_messages={
            "required": _("Enter how many months to keep snapshots."),
            "invalid": _("Enter a whole number of months."),
            "min_value": _("Keep snapshots for at least 3 months."),
            "max_value": _("Keep snapshots for at most 84 months (7 years)."),
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )


class StaffChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        title = f", {obj.job_title}" if getattr(obj, "job_title", "") else ""
        return f"{obj.display_name}{title}"


class GrantForm(forms.Form):
    staff_user = StaffChoiceField(
        label=_("Staff member"),
        queryset=User.objects.none(),
        empty_label=_("Choose a staff member"),
        error_messages={
            "required": _("Choose the staff member who should see the cohort views."),
            "invalid_choice": _("Choose a staff member of this school."),
        },
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(StaffChoiceField, self.fields["staff_user"]).queryset = staff


def parameter_field(parameter: catalogue.Parameter) -> forms.Field:
    low, high = PARAMETER_BOUNDS.get(parameter.key, (0, 100))
    # Django %-formats the bound messages with the limit: a label's own "%" is escaped.
    escaped = parameter.label.replace("%", "%%")
    messages = {
        "required": _("Enter a value for “%(label)s”.") % {"label": parameter.label},
        "min_value": _("“%(label)s” must be %(low)s or more.") % {"label": escaped, "low": low},
        "max_value": _("“%(label)s” must be %(high)s or less.") % {"label": escaped, "high": high},
    }
    attrs = {"class": "govuk-input--width-4"}
    if isinstance(parameter.default, float):
        return forms.FloatField(
            label=parameter.label,
            min_value=low,
            max_value=high,
            help_text=parameter.help,
            error_messages={**messages, "invalid": _("Enter a number.")},
            widget=forms.NumberInput(attrs={**attrs, "step": "any"}),
        )
    return forms.IntegerField(
        label=parameter.label,
        min_value=int(low),
        max_value=int(high),
        help_text=parameter.help,
        error_messages={**messages, "invalid": _("Enter a whole number.")},
        widget=forms.NumberInput(attrs=attrs),
    )


class IndicatorForm(forms.Form):
    """Every cut-point, each factor on or off and its weight, and why they change.

    Field names avoid the parameter keys' dots (``enabled.fsm_current`` is
    ``enabled__fsm_current``) so ids stay plain; ``values()`` maps them back.
    """

    reason = forms.CharField(
        label=_("Why are you changing these settings?"),
        required=False,
        max_length=REASON_MAX,
        help_text=_(
            "Kept in the change log below with your name, so colleagues know why the numbers moved."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, current: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for parameter in catalogue.PARAMETERS:
            self.fields[parameter.key] = parameter_field(parameter)
            self.initial[parameter.key] = current[parameter.key]
        for factor in catalogue.FACTORS:
            self.fields[f"enabled__{factor.key}"] = forms.BooleanField(
                label=factor.label, required=False
            )
            self.fields[f"weight__{factor.key}"] = forms.IntegerField(
                label=_("Weight of “%(factor)s”") % {"factor": factor.label},
                min_value=0,
                max_value=WEIGHT_MAX,
                error_messages={
                    "required": _("Enter a weight for “%(factor)s”.") % {"factor": factor.label},
                    "invalid": _("Enter a whole number."),
                    "min_value": _("Weights are 0 or more."),
                    "max_value": _("Weights are %(max)s or less.") % {"max": WEIGHT_MAX},
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
            )
            self.initial[f"enabled__{factor.key}"] = current[f"enabled.{factor.key}"]
            self.initial[f"weight__{factor.key}"] = current[f"weight.{factor.key}"]
        # The reason goes last, under everything it explains.
        self.order_fields([name for name in self.fields if name != "reason"] + ["reason"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        severe = cleaned.get("severe_absence_up_to")
        persistent = cleaned.get("persistent_absence_up_to")
        expected = cleaned.get("attendance_expected")
        if None not in (severe, persistent, expected):
            if not severe < persistent:  # type: ignore[operator]
                self.add_error(
                    "severe_absence_up_to",
                    _("Severe absence must start below persistent absence."),
                )
            if not persistent <= expected:  # type: ignore[operator]
                self.add_error(
                    "persistent_absence_up_to",
                    _("Persistent absence must start at or below expected attendance."),
                )
        return cleaned

    def values(self) -> dict[str, Any]:
        """Every parameter key (``catalogue.defaults()``'s) with the value submitted."""
        data = self.cleaned_data
        found: dict[str, Any] = {p.key: data[p.key] for p in catalogue.PARAMETERS}
        for factor in catalogue.FACTORS:
            found[f"enabled.{factor.key}"] = bool(data[f"enabled__{factor.key}"])
            found[f"weight.{factor.key}"] = data[f"weight__{factor.key}"]
        return found

    def parameter_fields(self) -> list[forms.BoundField]:
        return [self[p.key] for p in catalogue.PARAMETERS]

    def factor_fields(self, factor_key: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"enabled__{factor_key}"], self[f"weight__{factor_key}"]


class DeleteAllForm(forms.Form):
    """Typing the school's name is the confirmation: a slip of the mouse cannot do it."""

    school_name = forms.CharField(
        label=_("Type the school’s name to confirm"),
        max_length=200,
        error_messages={"required": _("Type the school’s name to confirm.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["school_name"].help_text = _("Type “%(name)s”.") % {"name": school.name}

    def clean_school_name(self) -> str:
        typed: str = self.cleaned_data["school_name"]

        def folded(text: str) -> str:
            return " ".join(text.split()).casefold()

        if folded(typed) != folded(self.school.name):
            raise forms.ValidationError(
                _("That is not the school’s name. Type “%(name)s”.") % {"name": self.school.name}
            )
        return typed
