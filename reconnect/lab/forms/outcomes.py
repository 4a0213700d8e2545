"""The outcome file upload form and the summary figures form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reconnect.lab.models import Group, OutcomeMeasure, Timepoint
from reconnect.lab.services.outcomes import Figures

UPLOAD_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx")


class OutcomeUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Outcome file"),
        help_text=gettext_lazy(
            "A CSV file or an Excel workbook (.xlsx) with one sheet, up to 5 MB and 20,000 pupils."
        ),
        error_messages={
            "required": gettext_lazy("Choose the file to upload."),
            "empty": gettext_lazy("The chosen file is empty."),
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(
                _("Upload a CSV file or an Excel workbook (.xlsx)."), code="extension"
            )
        return upload


ALL_THREE = gettext_lazy("Enter the mean, standard deviation and number of pupils for %(where)s")
ALL_THREE_OR_NONE = gettext_lazy(
    "Enter the mean, standard deviation and number of pupils for %(where)s, or leave all "
    "three blank"
)


def _number(value: float) -> str:
    return f"{value:g}"


# The form's rows: each group at each time point, in the order the page shows them.
SLOTS: tuple[tuple[str, str], ...] = (
    (Group.INTERVENTION, Timepoint.PRE),
    (Group.INTERVENTION, Timepoint.POST),
    (Group.COMPARISON, Timepoint.PRE),
    (Group.COMPARISON, Timepoint.POST),
)


def field_name(group: str, timepoint: str, figure: str) -> str:
    return f"{group}_{timepoint}_{figure}"


class SummaryForm(forms.Form):
    """Mean, SD and n for each group (the intervention group only for a single-group
    pilot) before and after; the figures after are required, those before optional."""

    def __init__(self, *args: Any, measure: OutcomeMeasure, single_group: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.slots = [s for s in SLOTS if not (single_group and s[0] == Group.COMPARISON)]
        for group, timepoint in self.slots:
            where = _("%(group)s, %(time)s") % {
                "group": Group(group).label,
                "time": Timepoint(timepoint).label.lower(),
            }
            self.fields[field_name(group, timepoint, "mean")] = forms.FloatField(
                label=_("Mean"), required=False, localize=False
            )
            self.fields[field_name(group, timepoint, "sd")] = forms.FloatField(
                label=_("Standard deviation"), required=False
            )
            self.fields[field_name(group, timepoint, "n")] = forms.IntegerField(
                label=_("Number of pupils"), required=False
            )
            for figure in ("mean", "sd", "n"):
                field = self.fields[field_name(group, timepoint, figure)]
                field.error_messages["invalid"] = _("Enter a number for %(where)s") % {
                    "where": where
                }

    def rows(self) -> list[dict[str, Any]]:
        """The fields grouped for the page: one fieldset per group and time point."""
        return [
            {
                "group": Group(group).label,
                "timepoint": Timepoint(timepoint).label,
                "fields": [self[field_name(group, timepoint, f)] for f in ("mean", "sd", "n")],
            }
            for group, timepoint in self.slots
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lowest, highest = self.measure.lowest, self.measure.highest
        for group, timepoint in self.slots:
            names = {f: field_name(group, timepoint, f) for f in ("mean", "sd", "n")}
            if any(name in self.errors for name in names.values()):
                continue
            values = {f: data.get(name) for f, name in names.items()}
            where = _("the %(group)s %(time)s") % {
                "group": Group(group).label.lower(),
                "time": Timepoint(timepoint).label.lower(),
            }
            missing = ALL_THREE if timepoint == Timepoint.POST else ALL_THREE_OR_NONE
            if all(v is None for v in values.values()):
                if timepoint == Timepoint.POST:
                    self.add_error(names["mean"], str(missing) % {"where": where})
                continue
            for figure, name in names.items():
                if values[figure] is None:
                    self.add_error(name, str(missing) % {"where": where})
            mean, sd, n = values["mean"], values["sd"], values["n"]
            if mean is not None and (
                (lowest is not None and mean < lowest) or (highest is not None and mean > highest)
            ):
                self.add_error(
                    names["mean"],
                    _("Enter a mean from %(low)s to %(high)s for %(where)s")
                    % {
                        "low": _number(lowest) if lowest is not None else "…",
                        "high": _number(highest) if highest is not None else "…",
                        "where": where,
                    },
                )
            if sd is not None and sd < 0:
                self.add_error(
                    names["sd"],
                    _("Enter a standard deviation of 0 or more for %(where)s") % {"where": where},
                )
            if n is not None and n < 2:
                self.add_error(
                    names["n"], _("Enter 2 pupils or more for %(where)s") % {"where": where}
                )
        return data

    def figures(self) -> dict[tuple[str, str], Figures]:
        data = self.cleaned_data
        found: dict[tuple[str, str], Figures] = {}
        for group, timepoint in self.slots:
            mean = data.get(field_name(group, timepoint, "mean"))
            if mean is None:
                continue
            found[(str(group), str(timepoint))] = Figures(
                mean=float(mean),
                sd=float(data[field_name(group, timepoint, "sd")]),
                n=int(data[field_name(group, timepoint, "n")]),
            )
        return found

    @classmethod
    def initial_from(cls, summaries: list[Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for summary in summaries:
            initial[field_name(summary.group, summary.timepoint, "mean")] = summary.mean
            initial[field_name(summary.group, summary.timepoint, "sd")] = summary.sd
            initial[field_name(summary.group, summary.timepoint, "n")] = summary.n
        return initial
