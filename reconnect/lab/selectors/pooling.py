"""Pooled results: what the network's (or a trio's) finished pilots of an approach found.

``network_result(intervention)`` pools every completed pilot of a Hub intervention whose
main measure has an impact estimate (a comparison group, enough data); ``trio_result(trio)``
does the same for a trio's pilots. Both use the calculator's random-effects meta-analysis
(``reconnect.lab.analysis.meta.random_effects``). A single-group pilot's before-and-after
change is not an impact estimate and is never pooled; running, draft and withdrawn pilots
are not either.

**Anonymity.** On the Hub the result is an anonymous aggregate, shown only once at least
``MIN_NETWORK_PILOTS`` pilots have a result, and each pilot is labelled by the order it
finished in ("Pilot 1"), never by its school, phase or year: with fewer pilots, or with
labels that say more, a reader who knows which schools ran the approach could single one
out. In a trio's workspace the schools know each other, so their names are shown.

**Cache.** Evaluating a pilot reads its outcome data (one or two queries each), so the
result is cached. The key holds the newest change among the completed pilots (the pilot
row, its summary figures, its uploads) and their number: a pilot completed, withdrawn or
given new data makes a new key, and the old entry expires unread. A cache hit costs one
query (the aggregate that makes the key), and so does an intervention or trio with no
completed pilot, so a page's query count does not depend on what is cached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.meta import MetaAnalysis, random_effects
from reconnect.lab.analysis.months import MonthsProgress, months_progress
from reconnect.lab.models import LogEntry, Pilot, PilotStatus, Trio
from reconnect.lab.selectors.evaluation import pilot_evaluation

if TYPE_CHECKING:
    from reconnect.hub.models import InterventionPage

CACHE_SECONDS = 24 * 60 * 60  # a backstop: the key changes with the data anyway
CACHE_VERSION = 1  # bump when PooledResult changes shape


@dataclass(frozen=True)
class PooledStudy:
    """One pilot's part in a pooled result, with its label (anonymous on the Hub)."""

    label: str
    estimate: float
    standard_error: float
    ci_low: float
    ci_high: float
    months: int
    padlocks: int | None


@dataclass(frozen=True)
class PooledResult:
    """The pooled effect of ``k`` pilots; with k = 1 it is that pilot's own result.

    ``left_out`` counts the completed pilots that could not be pooled: no impact estimate
    (one group, before and after) or not enough data for one. Plain data only, so that it
    can be cached and shown in any language (the words are the template tag's).
    """

    meta: MetaAnalysis
    months: MonthsProgress
    studies: tuple[PooledStudy, ...]
    left_out: int

    @property
    def k(self) -> int:
        return self.meta.k

    @property
    def pooled(self) -> bool:
        return self.meta.k >= 2


def _completed(pilots: QuerySet[Pilot]) -> QuerySet[Pilot]:
    return pilots.filter(status=PilotStatus.COMPLETED)


def _cache_key(prefix: str, pilots: QuerySet[Pilot]) -> str | None:
    """The key for the current state of ``pilots``; None when there are none (nothing to
    pool, and nothing worth caching)."""
    stamps = pilots.aggregate(
        n=Count("pk", distinct=True),
        pilot=Max("updated_at"),
        summary=Max("measures__summaries__entered_at"),
        upload=Max("imports__uploaded_at"),
    )

    def stamp(value: datetime | None) -> str:
        return "-" if value is None else f"{value.timestamp():.6f}"

    if not stamps["n"]:
        return None
    return ":".join(
        (
            f"lab:pooling:v{CACHE_VERSION}",
            prefix,
            get_language() or "-",  # the labels are in the page's language
            str(stamps["n"]),
            stamp(stamps["pilot"]),
            stamp(stamps["summary"]),
            stamp(stamps["upload"]),
        )
    )


# The fewest finished pilots the Hub shows a result for (see "Anonymity" above).
MIN_NETWORK_PILOTS = 3


def anonymous_label(index: int, pilot: Pilot) -> str:
    """ "Pilot 1": the order the pilot finished in, and nothing about its school."""
    return _("Pilot %(n)s") % {"n": index}


def named_label(index: int, pilot: Pilot) -> str:
    """The school's name and the pilot's title, for the trio's own workspace."""
    return f"{pilot.school.name}: {pilot.title}"


def _pool(pilots: QuerySet[Pilot], label: Callable[[int, Pilot], str]) -> PooledResult | None:
    loaded = (
        pilots.select_related("school")
        .prefetch_related("measures", Prefetch("log", queryset=LogEntry.objects.all()))
        .order_by("completed_at", "pk")
    )
    studies: list[PooledStudy] = []
    left_out = 0
    for pilot in loaded:
        evaluation = pilot_evaluation(pilot)
        if (
            evaluation is None
            or not evaluation.ready
            or not evaluation.is_impact_estimate
            or evaluation.estimate is None
            or evaluation.standard_error is None
            or evaluation.ci_low is None
            or evaluation.ci_high is None
            or evaluation.months is None
        ):
            left_out += 1
            continue
        studies.append(
            PooledStudy(
                label=label(len(studies) + 1, pilot),
                estimate=evaluation.estimate,
                standard_error=evaluation.standard_error,
                ci_low=evaluation.ci_low,
                ci_high=evaluation.ci_high,
                months=evaluation.months.months,
                padlocks=evaluation.padlocks,
            )
        )
    if not studies:
        return None
    try:
        meta = random_effects(
            [s.estimate for s in studies],
            [s.standard_error for s in studies],
            [s.label for s in studies],
        )
    except EvaluationInputError:
        # A standard error outside what an effect size can have: nothing sound to show.
        return None
    return PooledResult(
        meta=meta, months=months_progress(meta.estimate), studies=tuple(studies), left_out=left_out
    )


_MISSING = object()


def _cached(
    prefix: str, pilots: QuerySet[Pilot], label: Callable[[int, Pilot], str]
) -> PooledResult | None:
    completed = _completed(pilots)
    key = _cache_key(prefix, completed)
    if key is None:
        return None
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    result = _pool(completed, label)
    cache.set(key, result, CACHE_SECONDS)
    return result


def network_pooled(intervention: InterventionPage) -> PooledResult | None:
    """The network's completed pilots of ``intervention``, pooled, each labelled
    anonymously, however few; None when none has an impact estimate."""
    if intervention.pk is None:
        return None
    return _cached(
        f"intervention:{intervention.pk}",
        Pilot.objects.filter(intervention_id=intervention.pk),
        anonymous_label,
    )


def network_result(intervention: InterventionPage) -> PooledResult | None:
    """What the Hub shows: ``network_pooled``, or None until ``MIN_NETWORK_PILOTS`` pilots
    have an impact estimate."""
    result = network_pooled(intervention)
    if result is None or result.k < MIN_NETWORK_PILOTS:
        return None
    return result


def trio_result(trio: Trio) -> PooledResult | None:
    """The trio's completed pilots, pooled, labelled with their schools' names; None when
    none has an impact estimate."""
    return _cached(f"trio:{trio.pk}", Pilot.objects.filter(trio=trio), named_label)
