"""What the Lab holds of a measure's outcome data, in the shape the evaluation needs.

Pupil-level records win: when a measure has any, its typed-in summary figures are not
used. Pupils without a post score count towards attrition and are left out of the arrays;
their pre score is not used either, so the arrays of a group stay aligned pupil by pupil.
Nothing here touches a request: callers scope the measure to the user first
(``reconnect.lab.selectors.pilots.pilot_for`` then ``child_for``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from reconnect.lab.models import Group, OutcomeMeasure, OutcomeRecord, SummaryStatistic, Timepoint

Array = npt.NDArray[np.float64]
Source = Literal["records", "summaries", "none"]


def _empty() -> Array:
    return np.empty(0, dtype=np.float64)


@dataclass(frozen=True)
class GroupScores:
    """One group's pupils who have a post score, aligned index by index.

    ``pre`` holds ``nan`` for a pupil without a pre score; ``pairs`` gives the pupils who
    have both, for analyses that need them (ANCOVA, before-and-after).
    """

    pre: Array = field(default_factory=_empty)
    post: Array = field(default_factory=_empty)
    allocated: int = 0  # every pupil of the group in the file, with or without a post score

    @property
    def analysed(self) -> int:
        return int(self.post.size)

    @property
    def missing_post(self) -> int:
        return self.allocated - self.analysed

    @property
    def attrition(self) -> float | None:
        """The share of the group's pupils without a post score (0 to 1), or None if none."""
        return self.missing_post / self.allocated if self.allocated else None

    @property
    def with_pre(self) -> int:
        return int(np.count_nonzero(~np.isnan(self.pre)))

    def pairs(self) -> tuple[Array, Array]:
        """The pre and post scores of the pupils who have both."""
        keep = ~np.isnan(self.pre)
        return self.pre[keep], self.post[keep]


@dataclass(frozen=True)
class SummaryFigures:
    """A group's typed-in mean, standard deviation and number at one time point."""

    mean: float
    sd: float
    n: int


@dataclass(frozen=True)
class OutcomeData:
    """A measure's outcome data: pupil-level scores, or the summaries when there are none.

    ``source`` says which: ``"records"`` (``intervention`` and ``comparison`` are filled,
    ``summaries`` is empty), ``"summaries"`` (the other way round) or ``"none"``.
    ``summaries`` is keyed by ``(group, timepoint)`` with the values of
    ``reconnect.lab.models.Group`` and ``Timepoint`` (``"intervention"``, ``"post"``...).
    """

    measure: OutcomeMeasure
    source: Source
    intervention: GroupScores = field(default_factory=GroupScores)
    comparison: GroupScores = field(default_factory=GroupScores)
    summaries: dict[tuple[str, str], SummaryFigures] = field(default_factory=dict)

    @property
    def allocated(self) -> int:
        return self.intervention.allocated + self.comparison.allocated

    @property
    def attrition(self) -> float | None:
        """The share of all pupils without a post score (0 to 1), or None without records."""
        missing = self.intervention.missing_post + self.comparison.missing_post
        return missing / self.allocated if self.allocated else None

    def summary(self, group: str, timepoint: str) -> SummaryFigures | None:
        return self.summaries.get((group, timepoint))


def _scores(rows: list[tuple[str, float | None, float | None]], group: str) -> GroupScores:
    mine = [(pre, post) for g, pre, post in rows if g == group]
    kept = [(np.nan if pre is None else pre, post) for pre, post in mine if post is not None]
    return GroupScores(
        pre=np.array([pre for pre, _ in kept], dtype=np.float64),
        post=np.array([post for _, post in kept], dtype=np.float64),
        allocated=len(mine),
    )


def outcome_data(measure: OutcomeMeasure) -> OutcomeData:
    """The measure's outcome data: one query when it has records, two when it has none."""
    rows = list(
        OutcomeRecord.objects.filter(measure=measure)
        .order_by("pk")
        .values_list("group", "pre", "post")
    )
    if rows:
        return OutcomeData(
            measure=measure,
            source="records",
            intervention=_scores(rows, Group.INTERVENTION),
            comparison=_scores(rows, Group.COMPARISON),
        )
    summaries = {
        (s.group, s.timepoint): SummaryFigures(mean=s.mean, sd=s.sd, n=s.n)
        for s in SummaryStatistic.objects.filter(measure=measure)
    }
    return OutcomeData(
        measure=measure, source="summaries" if summaries else "none", summaries=summaries
    )


__all__ = ["GroupScores", "OutcomeData", "SummaryFigures", "Timepoint", "outcome_data"]
