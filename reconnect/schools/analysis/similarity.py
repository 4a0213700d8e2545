"""Schools like mine: the nearest schools of the same phase on context, as EEF Families of
Schools finds them.

Method
------
Each school is described by five context features: number on roll (on a log scale, so 200
against 400 pupils counts as much as 600 against 1,200), % FSM, % EAL, % SEN (support and
EHC plans together) and attendance. Within one phase, each feature is standardised to a
z-score, ``(value - mean) / standard deviation`` (the population standard deviation of
every school in the phase that has the figure), so that a point of attendance and a point
of FSM weigh what they mean in that phase, not what their units happen to be. The distance
between two schools is the Euclidean distance between their z-scores.

A figure one of the two schools lacks is skipped for that pair, and the sum of squares is
scaled up by ``K / k`` (``K`` features in use, ``k`` compared), so that a pair compared on
fewer features is not made to look closer: ``d = sqrt(K / k * sum(z_i - z_j)^2)``, the
rule scikit-learn's ``nan_euclidean_distances`` uses. A pair with no feature in common has
no distance and is left out. A feature that no longer varies within the phase (every known
value the same, or fewer than two known) cannot tell schools apart and is not used; ``K``
counts only the features in use.

The reasons given for a match are the features on which the two schools are closest
(smallest standardised gap), with both schools' figures.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FEATURES: tuple[str, ...] = (
    "number_on_roll",
    "percent_fsm",
    "percent_eal",
    "percent_sen",
    "attendance",
)
LOG_SCALE = frozenset({"number_on_roll"})
DEFAULT_COUNT = 10
DEFAULT_REASONS = 3

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SchoolContext:
    """One school's context figures; ``None`` where the figure is not known."""

    key: int
    number_on_roll: float | None = None
    percent_fsm: float | None = None
    percent_eal: float | None = None
    percent_sen: float | None = None
    attendance: float | None = None

    def values(self) -> tuple[float | None, ...]:
        return tuple(getattr(self, name) for name in FEATURES)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why two schools are alike on one feature: both figures and the gap in standard
    deviations of the phase."""

    feature: str
    here: float
    there: float
    gap: float


@dataclass(frozen=True, slots=True)
class Match:
    key: int
    distance: float
    features_compared: int
    reasons: tuple[Reason, ...]


def most_similar(
    target: SchoolContext,
    population: Sequence[SchoolContext],
    *,
    count: int = DEFAULT_COUNT,
    max_reasons: int = DEFAULT_REASONS,
) -> list[Match]:
    """The ``count`` schools of ``population`` nearest to ``target``, nearest first.

    ``population`` is every school of the target's phase (it may include the target, which
    is never its own match). Ties are broken by key, so the order is stable.
    """
    schools = [target, *(school for school in population if school.key != target.key)]
    keys = np.array([school.key for school in schools], dtype=np.int64)
    return _nearest(keys, _matrix(schools), count=count, max_reasons=max_reasons)


def most_similar_in(
    target_key: int,
    keys: npt.NDArray[np.int64],
    figures: FloatArray,
    *,
    count: int = DEFAULT_COUNT,
    max_reasons: int = DEFAULT_REASONS,
) -> list[Match]:
    """``most_similar`` on arrays, for a whole phase loaded at once: ``keys`` has one key per
    school and ``figures`` one row per school with a column per ``FEATURES`` entry (raw
    values, NaN where unknown). Returns [] if ``target_key`` is not among ``keys``."""
    if figures.shape != (len(keys), len(FEATURES)):
        raise ValueError(f"figures must be {len(keys)} x {len(FEATURES)}, not {figures.shape}")
    at_target = keys == target_key
    if not at_target.any():
        return []
    first = int(np.flatnonzero(at_target)[0])
    order = np.concatenate(([first], np.flatnonzero(~at_target)))
    return _nearest(keys[order], figures[order], count=count, max_reasons=max_reasons)


def _nearest(
    keys: npt.NDArray[np.int64], raw: FloatArray, *, count: int, max_reasons: int
) -> list[Match]:
    """Row 0 is the target; every other row a candidate."""
    if len(keys) < 2 or count <= 0:
        return []
    scaled = _standardised(raw)
    features_in_use = scaled.shape[1] - int(np.isnan(scaled).all(axis=0).sum())
    if features_in_use == 0:
        return []

    gaps = np.abs(scaled[1:] - scaled[0])
    compared = ~np.isnan(gaps)
    counts = compared.sum(axis=1)
    squares = np.where(compared, gaps * gaps, 0.0).sum(axis=1)
    comparable = counts > 0
    distances = np.full(len(keys) - 1, np.inf)
    distances[comparable] = np.sqrt(squares[comparable] * features_in_use / counts[comparable])

    # Rounded for ordering only, so schools equally far apart on paper tie (and go in key
    # order) rather than being split by floating-point noise.
    candidates = keys[1:]
    order = np.lexsort((candidates, np.round(distances, 9)))
    matches = []
    for index in order[:count]:
        if not comparable[index]:
            break  # the rest have no feature in common with the target
        matches.append(
            Match(
                key=int(candidates[index]),
                distance=float(distances[index]),
                features_compared=int(counts[index]),
                reasons=_reasons(raw[0], raw[index + 1], gaps[index], max_reasons),
            )
        )
    return matches


def _matrix(schools: Sequence[SchoolContext]) -> FloatArray:
    """Raw figures, one row per school, NaN where unknown."""
    return np.array(
        [[math.nan if value is None else float(value) for value in s.values()] for s in schools],
        dtype=np.float64,
    ).reshape(len(schools), len(FEATURES))


def _standardised(raw: FloatArray) -> FloatArray:
    """z-scores per feature; a whole column of NaN where the feature is not in use."""
    values = raw.copy()
    for column, name in enumerate(FEATURES):
        if name in LOG_SCALE:
            col = values[:, column]
            # A school with no pupils on roll has not opened: its size is not known.
            col[~(col > 0)] = math.nan
            values[:, column] = np.log(col, where=~np.isnan(col), out=np.full_like(col, np.nan))
    known = ~np.isnan(values)
    counts = known.sum(axis=0)
    filled = np.where(known, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = filled.sum(axis=0) / counts
        deviations = np.where(known, values - means, 0.0)
        stds = np.sqrt((deviations * deviations).sum(axis=0) / counts)
    # Relative tolerance: a constant column can come out a rounding error away from zero.
    scale = np.maximum(np.abs(np.where(counts > 0, means, 0.0)), 1.0)
    in_use = (counts >= 2) & (stds > 1e-12 * scale)
    scaled = np.full_like(values, np.nan)
    scaled[:, in_use] = (values[:, in_use] - means[in_use]) / stds[in_use]
    return scaled


def _reasons(
    here: FloatArray, there: FloatArray, gaps: FloatArray, max_reasons: int
) -> tuple[Reason, ...]:
    compared = [column for column in range(len(FEATURES)) if not math.isnan(gaps[column])]
    closest = sorted(compared, key=lambda column: (float(gaps[column]), column))
    return tuple(
        Reason(
            feature=FEATURES[column],
            here=float(here[column]),
            there=float(there[column]),
            gap=float(gaps[column]),
        )
        for column in closest[:max_reasons]
    )
