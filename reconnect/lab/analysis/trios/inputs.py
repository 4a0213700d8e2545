"""What the trio builder is given: the applicants, the coordinator's pairs, the options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Applicant:
    """A school applying to a Lab cohort.

    ``challenges`` are its priority keys (self-evaluation domain codes such as
    ``"attendance"``); ``intervention`` the Hub intervention it wants to pilot, with that
    intervention's Hub ``themes`` and any ``related_interventions``; ``strengths`` its
    self-evaluation score (1–4) per domain, a missing domain being unknown. ``borough`` is
    the DfE LA code; which boroughs neighbour it is passed to the builder separately.
    """

    id: str
    borough: int
    challenges: frozenset[str] = frozenset()
    intervention: str | None = None
    themes: frozenset[str] = frozenset()
    related_interventions: frozenset[str] = frozenset()
    strengths: Mapping[str, float] = field(default_factory=dict)
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class Constraints:
    """The coordinator's pairs of school ids: to keep together, and to keep apart."""

    together: tuple[tuple[str, str], ...] = ()
    apart: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Options:
    """How to solve.

    ``time_limit`` is wall-clock seconds for the whole run. ``workers`` and ``seed`` go to
    CP-SAT; with one worker and a run that ends by proving optimality, the same input gives
    the same groups. Up to ``exact_limit`` schools are solved as one model; more are
    improved neighbourhood by neighbourhood (see the package's docstring).
    """

    time_limit: float = 10.0
    workers: int = 1
    seed: int = 0
    exact_limit: int = 120
    neighbourhood_size: int = 48


class TrioInfeasibleError(ValueError):
    """The applicants and the coordinator's pairs admit no grouping; says why, in English."""

    def __init__(self, message: str, schools: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.schools = schools
