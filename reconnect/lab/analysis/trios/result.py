"""What the trio builder returns: the groups, with why each pair is there, and the bound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Travel = Literal["same borough", "neighbouring boroughs", "far"]
Status = Literal["OPTIMAL", "FEASIBLE"]


@dataclass(frozen=True, slots=True)
class PairReason:
    """What two members of a group share, and the points it scores."""

    first: str
    second: str
    score: int
    shared_challenges: tuple[str, ...]
    related_challenge: bool
    same_intervention: bool
    related_intervention: bool
    travel: Travel

    def describe(self) -> str:
        parts: list[str] = []
        if self.shared_challenges:
            parts.append("same challenge: " + ", ".join(self.shared_challenges))
        elif self.related_challenge:
            parts.append("related challenges")
        if self.same_intervention:
            parts.append("same intervention")
        elif self.related_intervention:
            parts.append("related interventions")
        parts.append(self.travel)
        return f"{self.first} and {self.second} ({self.score}): " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Lead:
    """A member at least one level stronger in a domain another member names as a challenge."""

    school: str
    helps: str
    domain: str
    score: float
    helped_score: float

    def describe(self) -> str:
        return (
            f"{self.school} leads on {self.domain}: {self.score:g} against "
            f"{self.helps}'s {self.helped_score:g}"
        )


@dataclass(frozen=True, slots=True)
class TrioGroup:
    schools: tuple[str, ...]  # ids, in the applicants' order
    score: int
    pairs: tuple[PairReason, ...]
    lead: Lead | None


@dataclass(frozen=True, slots=True)
class TrioPlan:
    """The proposed groups.

    ``objective`` is the sum of the groups' scores; ``bound`` a proven upper limit on any
    grouping's objective (CP-SAT's own bound when solved as one model, the package's
    computed bound otherwise); ``gap`` is ``(bound − objective) / bound``, 0 when proven
    optimal. ``method`` is ``"exact"`` or ``"neighbourhoods"``.
    """

    groups: tuple[TrioGroup, ...]
    objective: int
    bound: int
    gap: float
    status: Status
    wall_time: float
    method: str
