"""The one exception the evaluation engine raises, and the checks that raise it.

Every function in ``reconnect.lab.analysis`` checks its input here before doing any
arithmetic, so a caller sees an ``EvaluationInputError`` with a message a data lead can act
on, never a ``ZeroDivisionError``, a numpy ``RuntimeWarning`` or a NaN in a report.
``EvaluationInputError`` is a ``ValueError``, so code that already catches ``ValueError``
keeps working.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

MAX_VALUES = 100_000  # per group: far beyond any pilot, small enough to stay fast
# No test score or attendance comes near a billion; bounding values keeps every square and
# sum of squares finite, so no overflow can turn a result into inf or NaN.
MAX_MAGNITUDE = 1e9

Values = Sequence[float] | npt.NDArray[np.float64]
Array = npt.NDArray[np.float64]


class EvaluationInputError(ValueError):
    """The data cannot be evaluated as given; the message says why and what to do."""


def group_values(values: Values, name: str, *, minimum: int = 2) -> Array:
    """``values`` as a float array after checking it is usable as one group's scores.

    ``name`` is how the message names the group ("intervention", "comparison pre-test").
    """
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise EvaluationInputError(f"The {name} values must all be numbers.") from error
    if array.ndim != 1:
        raise EvaluationInputError(f"The {name} values must be a flat list of numbers.")
    n = array.size
    if n == 0:
        raise EvaluationInputError(f"The {name} group has no pupils.")
    if n > MAX_VALUES:
        raise EvaluationInputError(
            f"The {name} group has {n:,} values; the most this evaluation takes is "
            f"{MAX_VALUES:,} per group."
        )
    bad = int(np.count_nonzero(~np.isfinite(array)))
    if bad:
        raise EvaluationInputError(
            f"The {name} group has {bad} missing or infinite value{'s' if bad != 1 else ''} "
            "(NaN or inf); remove those pupils or fill in their scores first."
        )
    if float(np.abs(array).max()) > MAX_MAGNITUDE:
        raise EvaluationInputError(
            f"The {name} group has values beyond ±1,000,000,000, too large to be scores."
        )
    if n < minimum:
        raise EvaluationInputError(
            f"The {name} group has only {n} pupil{'s' if n != 1 else ''}; "
            f"at least {minimum} are needed."
        )
    return array


def same_length(first: Array, second: Array, what: str) -> None:
    """Check paired scores (pre and post for the same pupils) line up one to one."""
    if first.size != second.size:
        raise EvaluationInputError(
            f"The {what} pre-test has {first.size} values and the post-test {second.size}; "
            "each pupil needs both, in the same order."
        )


def finite(value: float, name: str) -> float:
    """``value`` as a float, refusing NaN and infinity."""
    number = float(value)
    if not math.isfinite(number):
        raise EvaluationInputError(f"The {name} must be a finite number, not {value}.")
    return number


def score(value: float, name: str) -> float:
    """A finite summary statistic (a mean or an SD) within the bounds scores can have."""
    number = finite(value, name)
    if abs(number) > MAX_MAGNITUDE:
        raise EvaluationInputError(
            f"The {name} is beyond ±1,000,000,000, too large to come from scores."
        )
    return number


def count(value: int, name: str, *, minimum: int) -> int:
    """A whole-number count (pupils, schools) of at least ``minimum``."""
    # NaN and infinity first: int() of either raises a ValueError or OverflowError of its own.
    not_whole = isinstance(value, bool) or not isinstance(value, int | float)
    if not_whole or not math.isfinite(value) or int(value) != value:
        raise EvaluationInputError(f"The {name} must be a whole number, not {value}.")
    number = int(value)
    if number < minimum:
        raise EvaluationInputError(f"The {name} must be at least {minimum}, not {number}.")
    if number > MAX_VALUES:
        raise EvaluationInputError(
            f"The {name} is {number:,}; the most this evaluation takes is {MAX_VALUES:,}."
        )
    return number


def open_unit(value: float, name: str) -> float:
    """A probability strictly between 0 and 1 (alpha, power, a proportion allocated)."""
    number = float(value)
    if not (0.0 < number < 1.0):
        raise EvaluationInputError(f"The {name} must be between 0 and 1, not {value}.")
    return number


def half_open_unit(value: float, name: str) -> float:
    """A share of variance explained: at least 0 and below 1 (R², ICC)."""
    number = float(value)
    if not (0.0 <= number < 1.0):
        raise EvaluationInputError(f"The {name} must be at least 0 and less than 1, not {value}.")
    return number
