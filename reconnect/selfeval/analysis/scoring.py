"""How a review is scored, and what counts as a strength or a priority.

Each statement is rated on the four-level rubric, scored 1 (Not yet) to 4 (Embedded). A
domain's score is the mean of its statements' levels; the overall score is the mean of the
domain scores, so every domain weighs the same whether it has four statements or seven (a
school's picture should not tilt towards whichever area the framework wrote most about).

Strengths are the domains scored at Established (3.0) or above, best first; priorities the
domains below it, weakest first. Both lists keep at most ``LIMIT`` domains, ties broken by
the framework's own order, so a report reads the same every time it is drawn.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

STRONG_FROM = 3.0
LIMIT = 3
LOWEST, HIGHEST = 1, 4


def mean_level(levels: Sequence[int]) -> float | None:
    """The mean of the levels given, or None when there are none."""
    if not levels:
        return None
    for level in levels:
        if not LOWEST <= level <= HIGHEST:
            raise ValueError(f"A level is 1 to 4, not {level!r}")
    return sum(levels) / len(levels)


def overall(domain_scores: Sequence[float]) -> float | None:
    """The mean of the domain scores: each domain counts once."""
    if not domain_scores:
        return None
    return sum(domain_scores) / len(domain_scores)


@dataclass(frozen=True, slots=True)
class Ranked:
    strengths: tuple[str, ...]
    priorities: tuple[str, ...]


def strengths_and_priorities(
    scores: Mapping[str, float], order: Sequence[str], *, limit: int = LIMIT
) -> Ranked:
    """Domain codes of the strengths (best first) and priorities (weakest first).

    ``order`` is the framework's order of domain codes; it breaks ties. Codes without a
    score are left out.
    """
    position = {code: index for index, code in enumerate(order)}
    scored = [code for code in order if code in scores]
    strong = sorted(
        (c for c in scored if scores[c] >= STRONG_FROM), key=lambda c: (-scores[c], position[c])
    )
    weak = sorted(
        (c for c in scored if scores[c] < STRONG_FROM), key=lambda c: (scores[c], position[c])
    )
    return Ranked(strengths=tuple(strong[:limit]), priorities=tuple(weak[:limit]))


def changes(current: Mapping[str, float], previous: Mapping[str, float]) -> dict[str, float | None]:
    """For each current domain code, the change in score since ``previous`` (None if new)."""
    return {
        code: (score - previous[code]) if code in previous else None
        for code, score in current.items()
    }
