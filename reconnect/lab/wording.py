"""How the Lab writes its figures in words: effect sizes, months' progress, intervals.

Shared by the calculator and the pilots' pages, so a figure reads the same everywhere.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.lab.analysis.months import MonthsProgress


def es(value: float) -> str:
    """An effect size as the pages write it: two decimals and a true minus sign."""
    text = f"{value:.2f}"
    if text in ("-0.00", "0.00"):
        return "0.00"
    return text.replace("-", "−")


def months_words(months: MonthsProgress) -> str:
    n = months.months
    if n == 0:
        return _("no months’ additional progress")
    if n > 0:
        return ngettext(
            "about %(n)s month’s additional progress",
            "about %(n)s months’ additional progress",
            n,
        ) % {"n": n}
    return ngettext(
        "about %(n)s month’s less progress", "about %(n)s months’ less progress", -n
    ) % {"n": -n}


def months_shown(months: MonthsProgress) -> str:
    """The months as a headline figure: "+7 months", "−1 month", "0 months"."""
    n = months.months
    sign = "+" if n > 0 else ("−" if n < 0 else "")
    return sign + ngettext("%(n)s month", "%(n)s months", abs(n)) % {"n": abs(n)}


def interval_words(low: float, high: float) -> str:
    if low > 0:
        return _(
            "The 95%% confidence interval runs from %(low)s to %(high)s. It is all above zero, "
            "so a difference this large is unlikely to be chance alone."
        ) % {"low": es(low), "high": es(high)}
    if high < 0:
        return _(
            "The 95%% confidence interval runs from %(low)s to %(high)s. It is all below zero, "
            "so a difference this large is unlikely to be chance alone."
        ) % {"low": es(low), "high": es(high)}
    return _(
        "The 95%% confidence interval runs from %(low)s to %(high)s. It includes zero, so the "
        "result is also consistent with no difference at all."
    ) % {"low": es(low), "high": es(high)}


def heterogeneity_words(i2: float) -> str:
    # Higgins et al. (2003): 25%, 50% and 75% as low, moderate and high.
    if i2 < 0.25:
        return _("the studies’ results vary little beyond what chance would give")
    if i2 < 0.5:
        return _("the studies’ results vary a little more than chance would give")
    if i2 < 0.75:
        return _("the studies’ results vary moderately: they may not measure the same effect")
    return _("the studies’ results vary a lot: they may not measure the same effect")
