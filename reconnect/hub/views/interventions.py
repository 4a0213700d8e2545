"""The interventions explorer and the side-by-side comparison: the EEF Toolkit view, better.

Both are GET pages open to visitors (members also see members-only interventions), work
without JavaScript, and share the explorer's ranking and the EEF wording with the API.
The network's own pilots column waits for the Innovation Lab, which does not exist yet.
"""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reconnect.core.htmx import is_htmx
from reconnect.hub import selectors
from reconnect.hub.analysis import eef


class ExplorerForm(forms.Form):
    """The explorer's filters; an invalid value is dropped, never an error page."""

    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    phase = forms.MultipleChoiceField(
        label=gettext_lazy("Phase"), required=False, widget=forms.CheckboxSelectMultiple
    )
    min_evidence = forms.TypedChoiceField(
        label=gettext_lazy("Evidence at least"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Any evidence"))]
        + [(str(r), f"{r} – {label}") for r, label in eef.EVIDENCE_LABELS.items() if r > 0],
    )
    max_cost = forms.TypedChoiceField(
        label=gettext_lazy("Cost at most"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Any cost"))]
        + [(str(r), f"{'£' * r} {band.label}") for r, band in eef.COST_BANDS.items()],
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            (selectors.InterventionSort.IMPACT, gettext_lazy("Impact, highest first")),
            (selectors.InterventionSort.COST, gettext_lazy("Cost, lowest first")),
            (selectors.InterventionSort.EVIDENCE, gettext_lazy("Evidence, strongest first")),
            (selectors.InterventionSort.NAME, gettext_lazy("Name, A to Z")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The taxonomy is kept by coordinators, so the choices are read per request.
        themes = [(t.slug, t.name) for t in selectors.theme_list()]
        self.fields["theme"].choices = [("", _("All themes")), *themes]  # type: ignore[attr-defined]
        phases = [(p.slug, p.name) for p in selectors.phase_list()]
        self.fields["phase"].choices = phases  # type: ignore[attr-defined]
        # GOV.UK's select: full-size text (a phone does not zoom in) and a visible focus ring.
        for name in ("theme", "min_evidence", "max_cost", "sort"):
            self.fields[name].widget.attrs["class"] = "govuk-select"

    def filters(self) -> selectors.InterventionFilters:
        """The valid part of the request: each bad field is ignored on its own."""
        if not self.is_bound:
            return selectors.InterventionFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.InterventionFilters(
            theme=data.get("theme") or "",
            phases=tuple(data.get("phase") or ()),
            min_evidence=data.get("min_evidence"),
            max_cost=data.get("max_cost"),
            sort=selectors.InterventionSort(data.get("sort") or selectors.InterventionSort.IMPACT),
        )


def intervention_explorer(request: HttpRequest) -> HttpResponse:
    form = ExplorerForm(request.GET or None)
    filters = form.filters()
    interventions = list(selectors.intervention_list(request.user, filters))
    template = "hub/intervention_explorer.html"
    return render(
        request,
        f"{template}#results" if is_htmx(request) else template,
        {
            "form": form,
            "interventions": interventions,
            "sort": filters.sort.value,
            "compare_max": selectors.COMPARE_MAX,
            # Ticked again when the reader comes back from the compare page with its ids.
            "chosen": _compare_ids(request.GET.getlist("id"))[0],
            "htmx": is_htmx(request),
        },
    )


def _compare_ids(values: list[str]) -> tuple[list[int], str]:
    """The chosen ids in order, without repeats, or a message saying what is wrong."""
    ids: list[int] = []
    for value in values:
        if not value.isascii() or not value.isdigit() or len(value) > 12:
            return [], _("That link to compare interventions is not valid.")
        if int(value) not in ids:
            ids.append(int(value))
    if len(ids) < 2:  # comparing one thing with nothing says nothing
        return [], _("Choose two or three interventions in the explorer to compare them.")
    if len(ids) > selectors.COMPARE_MAX:
        return [], _("You can compare up to %(max)d interventions at a time. You chose %(n)d.") % {
            "max": selectors.COMPARE_MAX,
            "n": len(ids),
        }
    return ids, ""


def intervention_compare(request: HttpRequest) -> HttpResponse:
    ids, error = _compare_ids(request.GET.getlist("id"))
    interventions: list[Any] = []
    status = 200
    if error:
        status = 400 if request.GET.getlist("id") else 200
    else:
        interventions = selectors.interventions_for_compare(request.user, ids)
        missing = len(ids) - len(interventions)
        if missing:
            # Unknown and members-only-to-a-visitor read the same: neither exists for them.
            error = ngettext(
                "One of the interventions you chose could not be found.",
                "%(n)d of the interventions you chose could not be found.",
                missing,
            ) % {"n": missing}
            interventions, status = [], 404
    return render(
        request,
        "hub/intervention_compare.html",
        {"interventions": interventions, "error": error},
        status=status,
    )
