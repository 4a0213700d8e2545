"""The public evaluation calculator's input rules and answers, shared by its pages and its API.

Both the pages (``reconnect.lab.views.calculator``) and the JSON operations
(``reconnect.lab.api``) take their caps, their rate limit, the checks of which scores each
design needs and the answer in plain words from here, so the two can never disagree. The
arithmetic is the evaluation engine's (``reconnect.lab.analysis``); nothing is stored.

Limits (``docs/calculator.md``): a request body of at most ``MAX_BODY_BYTES``; at most
``MAX_VALUES`` scores in a list and ``MAX_STUDIES`` studies; ``RATE`` calculations per client
address, counted across the pages and the API together.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from allauth.core.internal import ratelimit as allauth_ratelimit
from django import forms
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_stubs_ext import StrOrPromise

from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.effect_sizes import hedges_g
from reconnect.lab.analysis.meta import MetaAnalysis, random_effects
from reconnect.lab.analysis.months import MonthsProgress, months_progress
from reconnect.lab.analysis.power import MinimumDetectableEffect, mdes_two_groups
from reconnect.lab.analysis.single_group import single_group_change

# A school's pupils fit many times over; a bigger paste is a mistake or a script.
MAX_VALUES = 10_000
MAX_STUDIES = 200
MAX_PUPILS = 100_000  # the engine's own ceiling for a group's size in the MDES
# Four columns of 10,000 scores written with 17 significant digits fit with room to spare.
MAX_BODY_BYTES = 1_000_000

# The project's limiter is allauth's (sign-in, the join form); the calculator brings its own
# rate rather than a settings entry, because it is not an account action.
RATE_APP = "reconnect.lab"
RATE_ACTION = "calculator"
RATE = "60/m/ip"

Design = Literal["post_only", "ancova", "single_group"]
DESIGNS: dict[str, StrOrPromise] = {
    "post_only": gettext_lazy("Post-test only, with a comparison group"),
    "ancova": gettext_lazy("Pre-test and post-test, with a comparison group (ANCOVA)"),
    "single_group": gettext_lazy("Pre-test and post-test, one group only"),
}
DESIGN_SHORT: dict[str, StrOrPromise] = {
    "post_only": gettext_lazy("post-test only"),
    "ancova": gettext_lazy("pre- and post-test (ANCOVA)"),
    "single_group": gettext_lazy("single group"),
}

NO_MONTHS_SINGLE_GROUP = gettext_lazy(
    "Months of additional progress compare pupils with a comparison group, so none are "
    "given for a single group."
)


# --- Rate limit and body size -------------------------------------------------------------


def rate_limit_wait(request: HttpRequest) -> int | None:
    """Count one calculation for the client's address: None if it may go ahead, otherwise
    how many seconds until it may (for the Retry-After header)."""
    config = {RATE_ACTION: RATE}
    usage = allauth_ratelimit.consume(
        request, app=RATE_APP, action=RATE_ACTION, config=config, limit_get=True
    )
    if usage is not None:
        return None
    rate = allauth_ratelimit.parse_rate(RATE)
    key = allauth_ratelimit.get_cache_key(request, app=RATE_APP, action=RATE_ACTION, rate=rate)
    history = cache.get(key) or [time.time()]
    return max(1, math.ceil(min(history) + rate.duration - time.time()))


def rate_limited_message(wait: int) -> str:
    return _(
        "You have run 60 calculations in the last minute, the most the calculator takes. "
        "Try again in %(seconds)s seconds."
    ) % {"seconds": wait}


def body_too_large(request: HttpRequest) -> bool:
    """Whether the request's declared body is over the cap (checked before it is read)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def body_too_large_message() -> str:
    return _(
        "The data sent is larger than 1 MB, the most the calculator takes: at most "
        "%(values)s scores in a list."
    ) % {"values": f"{MAX_VALUES:,}"}


# --- Which scores a design needs ----------------------------------------------------------


def design_problems(
    design: str,
    *,
    intervention_pre: bool,
    comparison_post: bool,
    comparison_pre: bool,
    comparison_given: bool = True,
) -> list[tuple[tuple[str, ...], str]]:
    """The scores ``design`` needs and does not have, as (field path, message) pairs.

    Paths are ``("intervention", "pre")``, ``("comparison", "post")`` and
    ``("comparison", "pre")``, or ``("comparison",)`` when the API was sent no comparison
    group at all; the intervention group's post-test scores are always needed and are
    checked where they are read.
    """
    short = DESIGN_SHORT[design]
    problems: list[tuple[tuple[str, ...], str]] = []
    if design in ("ancova", "single_group") and not intervention_pre:
        problems.append(
            (
                ("intervention", "pre"),
                _("The %(design)s design needs the intervention group’s pre-test scores.")
                % {"design": short},
            )
        )
    if design in ("post_only", "ancova") and not comparison_given:
        problems.append(
            (
                ("comparison",),
                _("The %(design)s design needs a comparison group.") % {"design": short},
            )
        )
        return problems
    if design in ("post_only", "ancova") and not comparison_post:
        problems.append(
            (
                ("comparison", "post"),
                _("The %(design)s design needs the comparison group’s post-test scores.")
                % {"design": short},
            )
        )
    if design == "ancova" and not comparison_pre:
        problems.append(
            (
                ("comparison", "pre"),
                _("The %(design)s design needs the comparison group’s pre-test scores.")
                % {"design": short},
            )
        )
    return problems


# --- Answers ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class EffectSizeAnswer:
    design: str
    method: str
    effect_size: float
    standard_error: float
    ci_low: float
    ci_high: float
    difference: float  # in the outcome's own units
    n_intervention: int
    n_comparison: int  # 0 for a single group
    months: MonthsProgress | None  # None for a single group: not additional progress
    is_impact_estimate: bool
    interpretation: str
    caveats: tuple[str, ...]


def effect_size_answer(
    design: str,
    *,
    intervention_post: Sequence[float],
    intervention_pre: Sequence[float] | None = None,
    comparison_post: Sequence[float] | None = None,
    comparison_pre: Sequence[float] | None = None,
) -> EffectSizeAnswer:
    """The effect size of ``design`` with its words; the engine's EvaluationInputError if
    the scores cannot be evaluated. Check ``design_problems`` first."""
    if design == "single_group":
        change = single_group_change(intervention_pre or [], intervention_post)
        words = _(
            "The pupils’ scores changed by %(g)s standard deviations between the pre-test and "
            "the post-test (%(diff)s points on average). This is how much they changed, not "
            "what the intervention did."
        ) % {"g": es(change.standardised_change), "diff": f"{change.mean_change:.2f}"}
        interval = interval_words(
            change.standardised_change_ci_low, change.standardised_change_ci_high
        )
        return EffectSizeAnswer(
            design=design,
            method=change.method,
            effect_size=change.standardised_change,
            standard_error=change.standardised_change_se,
            ci_low=change.standardised_change_ci_low,
            ci_high=change.standardised_change_ci_high,
            difference=change.mean_change,
            n_intervention=change.n,
            n_comparison=0,
            months=None,
            is_impact_estimate=False,
            interpretation=" ".join((words, interval)),
            caveats=(*change.caveats, str(NO_MONTHS_SINGLE_GROUP)),
        )
    if design == "ancova":
        adjusted = ancova_effect(
            intervention_pre or [], intervention_post, comparison_pre or [], comparison_post or []
        )
        estimate, se, low, high = (
            adjusted.estimate,
            adjusted.standard_error,
            adjusted.ci_low,
            adjusted.ci_high,
        )
        method, difference, caveats = (
            adjusted.method,
            adjusted.adjusted_difference,
            adjusted.caveats,
        )
        n1, n2 = adjusted.n_intervention, adjusted.n_comparison
    else:
        g = hedges_g(intervention_post, comparison_post or [])
        estimate, se, low, high = g.estimate, g.standard_error, g.ci_low, g.ci_high
        method, difference, caveats = g.method, g.difference, g.caveats
        n1, n2 = g.n_intervention, g.n_comparison
    months = months_progress(estimate)
    direction = _("higher") if estimate >= 0 else _("lower")
    words = _(
        "The intervention group’s post-test scores were %(size)s standard deviations "
        "%(direction)s than the comparison group’s: %(months)s (%(label)s, on the EEF "
        "Toolkit’s scale)."
    ) % {
        "size": es(abs(estimate)),
        "direction": direction,
        "months": months_words(months),
        "label": months.label,
    }
    return EffectSizeAnswer(
        design=design,
        method=method,
        effect_size=estimate,
        standard_error=se,
        ci_low=low,
        ci_high=high,
        difference=difference,
        n_intervention=n1,
        n_comparison=n2,
        months=months,
        is_impact_estimate=True,
        interpretation=f"{words} {interval_words(low, high)}",
        caveats=(*caveats, *months.caveats),
    )


@dataclass(frozen=True)
class MetaAnswer:
    result: MetaAnalysis
    months: MonthsProgress
    interpretation: str
    caveats: tuple[str, ...]


def heterogeneity_words(i2: float) -> str:
    # Higgins et al. (2003): 25%, 50% and 75% as low, moderate and high.
    if i2 < 0.25:
        return _("the studies’ results vary little beyond what chance would give")
    if i2 < 0.5:
        return _("the studies’ results vary a little more than chance would give")
    if i2 < 0.75:
        return _("the studies’ results vary moderately: they may not measure the same effect")
    return _("the studies’ results vary a lot: they may not measure the same effect")


def meta_answer(
    labels: Sequence[str], effect_sizes: Sequence[float], standard_errors: Sequence[float]
) -> MetaAnswer:
    result = random_effects(effect_sizes, standard_errors, labels)
    months = months_progress(result.estimate)
    words = _(
        "Pooling %(k)s studies gives an effect size of %(size)s: %(months)s. I² is %(i2)s%%, "
        "so %(spread)s."
    ) % {
        "k": result.k,
        "size": es(result.estimate),
        "months": months_words(months),
        "i2": f"{100 * result.i_squared:.0f}",
        "spread": heterogeneity_words(result.i_squared),
    }
    return MetaAnswer(
        result=result,
        months=months,
        interpretation=f"{words} {interval_words(result.ci_low, result.ci_high)}",
        caveats=(*result.caveats, *months.caveats),
    )


@dataclass(frozen=True)
class MdesAnswer:
    result: MinimumDetectableEffect
    r2: float
    months: MonthsProgress
    interpretation: str
    caveats: tuple[str, ...]


def mdes_answer(
    n_intervention: int, n_comparison: int, *, alpha: float, power: float, r2: float
) -> MdesAnswer:
    result = mdes_two_groups(n_intervention, n_comparison, alpha=alpha, power=power, r2=r2)
    months = months_progress(result.mdes)
    words = _(
        "With %(n1)s pupils in the intervention group and %(n2)s in the comparison group, the "
        "pilot has %(power)s%% power to detect an effect size of %(mdes)s or more (%(months)s) "
        "at the %(alpha)s%% significance level. A smaller effect may be real, but a pilot this "
        "size would probably miss it."
    ) % {
        "n1": result.n_intervention,
        "n2": result.n_comparison,
        "power": f"{100 * result.power:g}",
        "mdes": es(result.mdes),
        "months": months_words(months),
        "alpha": f"{100 * result.alpha:g}",
    }
    return MdesAnswer(
        result=result,
        r2=r2,
        months=months,
        interpretation=words,
        caveats=(*result.caveats, *months.caveats),
    )


# --- Pasted values ------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s,;]+")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def parse_values(text: str, name: str) -> list[float]:
    """Numbers pasted from a spreadsheet column (one a line) or typed with commas or tabs.

    Refuses words, NaN and infinity, naming the value's position, and more than
    ``MAX_VALUES`` values.
    """
    tokens = [t for t in _SEPARATORS.split(text.replace("\u2212", "-")) if t]
    if len(tokens) > MAX_VALUES:
        raise forms.ValidationError(
            _("The %(name)s have %(n)s values; the most the calculator takes is %(max)s.")
            % {"name": name, "n": f"{len(tokens):,}", "max": f"{MAX_VALUES:,}"}
        )
    values = []
    for position, token in enumerate(tokens, start=1):
        if not _NUMBER.match(token):
            shown = token if len(token) <= 20 else token[:20] + "…"
            raise forms.ValidationError(
                _("Value %(position)s of the %(name)s is “%(token)s”, which is not a number.")
                % {"position": position, "name": name, "token": shown}
            )
        values.append(float(token))
    return values


# --- Forms --------------------------------------------------------------------------------

_SCORES_HINT = gettext_lazy(
    "Paste a column from a spreadsheet, one pupil a line, or type the scores separated by "
    "commas. Keep the pupils in the same order in the pre-test and the post-test."
)


def _scores_field(label: StrOrPromise, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        help_text=_SCORES_HINT,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": gettext_lazy("Enter the intervention group’s post-test scores")
        },
    )


class EffectSizeForm(forms.Form):
    design = forms.ChoiceField(
        label=gettext_lazy("What data do you have?"),
        choices=list(DESIGNS.items()),
        initial="post_only",
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose what data you have"),
            "invalid_choice": gettext_lazy("Choose one of the three kinds of data"),
        },
    )
    intervention_post = _scores_field(
        gettext_lazy("Intervention group: post-test scores"), required=True
    )
    intervention_pre = _scores_field(gettext_lazy("Intervention group: pre-test scores"))
    comparison_post = _scores_field(gettext_lazy("Comparison group: post-test scores"))
    comparison_pre = _scores_field(gettext_lazy("Comparison group: pre-test scores"))

    choice_hints = {
        "design": {
            "post_only": gettext_lazy(
                "The EEF DIY guide’s effect size: only the scores at the end are compared."
            ),
            "ancova": gettext_lazy(
                "Allows for where each pupil started; the same pupils in the same order in "
                "both lists."
            ),
            "single_group": gettext_lazy(
                "Shows how much the pupils changed, which is not the intervention’s impact."
            ),
        }
    }
    NAMES = {
        "intervention_post": gettext_lazy("intervention group’s post-test scores"),
        "intervention_pre": gettext_lazy("intervention group’s pre-test scores"),
        "comparison_post": gettext_lazy("comparison group’s post-test scores"),
        "comparison_pre": gettext_lazy("comparison group’s pre-test scores"),
    }

    def _values(self, name: str) -> list[float] | None:
        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        return parse_values(text, str(self.NAMES[name]))

    def clean_intervention_post(self) -> list[float] | None:
        return self._values("intervention_post")

    def clean_intervention_pre(self) -> list[float] | None:
        return self._values("intervention_pre")

    def clean_comparison_post(self) -> list[float] | None:
        return self._values("comparison_post")

    def clean_comparison_pre(self) -> list[float] | None:
        return self._values("comparison_pre")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        design = data.get("design")
        if design and not self.errors:
            for path, message in design_problems(
                design,
                intervention_pre=bool(data.get("intervention_pre")),
                comparison_post=bool(data.get("comparison_post")),
                comparison_pre=bool(data.get("comparison_pre")),
            ):
                self.add_error("_".join(path), message)
        return data


class MetaAnalysisForm(forms.Form):
    studies = forms.CharField(
        label=gettext_lazy("Studies"),
        strip=True,
        help_text=gettext_lazy(
            "One study a line: its name, its effect size and the effect size’s standard error, "
            "separated by tabs or commas. Copy three columns from a spreadsheet, or type "
            "lines such as: Reading pilot 2024, 0.21, 0.12"
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Enter at least one study")},
    )

    def clean_studies(self) -> list[tuple[str, float, float]]:
        lines = [line.strip() for line in self.cleaned_data["studies"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_STUDIES:
            raise forms.ValidationError(
                _("There are %(n)s studies; the most the calculator pools is %(max)s.")
                % {"n": f"{len(lines):,}", "max": MAX_STUDIES}
            )
        studies: list[tuple[str, float, float]] = []
        for number, line in enumerate(lines, start=1):
            parts = line.split("\t") if "\t" in line else line.rsplit(",", 2)
            parts = [part.strip() for part in parts]
            if len(parts) != 3:
                raise forms.ValidationError(
                    _(
                        "Line %(line)s needs three things, a name, an effect size and a "
                        "standard error, separated by tabs or commas."
                    )
                    % {"line": number}
                )
            label, size, error = parts
            numbers = []
            for what, token in ((_("effect size"), size), (_("standard error"), error)):
                if not _NUMBER.match(token.replace("\u2212", "-")):
                    raise forms.ValidationError(
                        _("Line %(line)s: the %(what)s “%(token)s” is not a number.")
                        % {"line": number, "what": what, "token": token[:20]}
                    )
                numbers.append(float(token.replace("\u2212", "-")))
            if numbers[1] <= 0:
                raise forms.ValidationError(
                    _("Line %(line)s: the standard error must be greater than 0.")
                    % {"line": number}
                )
            name = label[:100] or _("Study %(n)s") % {"n": number}
            studies.append((name, numbers[0], numbers[1]))
        return studies


def _probability(
    label: StrOrPromise, field: StrOrPromise, example: str, *, zero_allowed: bool
) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        initial=float(example),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": format_lazy(gettext_lazy("Enter the {}"), field),
            "invalid": format_lazy(
                gettext_lazy("The {} must be a number, like {}"), field, example
            ),
        },
        help_text=(
            gettext_lazy("A number from 0 up to, but not including, 1.")
            if zero_allowed
            else gettext_lazy("A number between 0 and 1.")
        ),
    )


class MdesForm(forms.Form):
    n_intervention = forms.IntegerField(
        label=gettext_lazy("Pupils in the intervention group"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": gettext_lazy("Enter the number of pupils in the intervention group"),
            "invalid": gettext_lazy(
                "The number of pupils in the intervention group must be a whole number"
            ),
        },
    )
    n_comparison = forms.IntegerField(
        label=gettext_lazy("Pupils in the comparison group"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": gettext_lazy("Enter the number of pupils in the comparison group"),
            "invalid": gettext_lazy(
                "The number of pupils in the comparison group must be a whole number"
            ),
        },
    )
    alpha = _probability(
        gettext_lazy("Significance level (alpha)"),
        gettext_lazy("significance level"),
        "0.05",
        zero_allowed=False,
    )
    power = _probability(gettext_lazy("Power"), gettext_lazy("power"), "0.8", zero_allowed=False)
    r2 = _probability(
        gettext_lazy("Share of the variation the pre-test explains (R²)"),
        gettext_lazy("share of the variation the pre-test explains"),
        "0",
        zero_allowed=True,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, what in (
            ("n_intervention", _("pupils in the intervention group")),
            ("n_comparison", _("pupils in the comparison group")),
        ):
            value = data.get(name)
            if value is not None and not 1 <= value <= MAX_PUPILS:
                self.add_error(
                    name,
                    _("The number of %(what)s must be from 1 to %(max)s")
                    % {"what": what, "max": f"{MAX_PUPILS:,}"},
                )
        for name, what, zero_allowed in (
            ("alpha", _("significance level"), False),
            ("power", _("power"), False),
            ("r2", _("share of the variation the pre-test explains"), True),
        ):
            value = data.get(name)
            if value is None:
                continue
            if not (0 <= value < 1 if zero_allowed else 0 < value < 1):
                low = _("at least 0") if zero_allowed else _("more than 0")
                self.add_error(
                    name,
                    _("The %(what)s must be %(low)s and less than 1") % {"what": what, "low": low},
                )
        return data
