"""Reasons two schools are alike, in words, e.g. "% FSM 24.5% here, 26.1% there"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reconnect.schools.analysis.similarity import Reason

FEATURE_LABELS = {
    "number_on_roll": gettext_lazy("Number on roll"),
    "percent_fsm": gettext_lazy("% FSM"),
    "percent_eal": gettext_lazy("% EAL"),
    "percent_sen": gettext_lazy("% SEN (support and EHC plans)"),
    "attendance": gettext_lazy("Attendance"),
}


def reason_text(reason: Reason) -> str:
    label = FEATURE_LABELS[reason.feature]
    if reason.feature == "number_on_roll":
        return _("%(label)s %(here)s here, %(there)s there") % {
            "label": label,
            "here": f"{round(reason.here):,}",
            "there": f"{round(reason.there):,}",
        }
    return _("%(label)s %(here)s%% here, %(there)s%% there") % {
        "label": label,
        "here": f"{reason.here:.1f}",
        "there": f"{reason.there:.1f}",
    }
