"""Context figures of a demo school: number on roll, % FSM, % EAL, % SEN, attendance.

Ranges follow London's published figures by phase: more free school meals in inner London,
EHC plans for nearly every pupil of a special school, attendance lower in secondary and
alternative provision and where disadvantage is higher.
"""

import random
from decimal import Decimal


def _decimal(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def context_figures(rng: random.Random, phase: str, inner: bool) -> dict[str, object]:
    """Number on roll and the Families-of-Schools context, in realistic London ranges."""
    roll_ranges = {
        "nursery": (50, 140, 90),
        "primary": (180, 700, 410),
        "secondary": (600, 1700, 1050),
        "all_through": (1100, 2200, 1500),
        "16_plus": (300, 1400, 700),
        "special": (60, 260, 120),
        "alternative_provision": (20, 110, 45),
    }
    low, high, mode = roll_ranges[phase]
    number_on_roll = round(rng.triangular(low, high, mode))

    fsm = rng.triangular(15, 60, 34) if inner else rng.triangular(5, 50, 21)
    if phase in {"special", "alternative_provision"}:
        fsm += rng.triangular(5, 20, 12)
    elif phase == "nursery":
        fsm *= 0.8
    fsm = _clamp(fsm, 5, 60)

    eal = rng.triangular(15, 78, 45) if inner else rng.triangular(4, 72, 32)
    if phase in {"special", "alternative_provision"}:
        eal *= 0.7
    elif phase in {"secondary", "16_plus"}:
        eal *= 0.85

    sen_ranges = {
        "nursery": ((4, 15, 8), (0.5, 4, 1.5)),
        "primary": ((8, 22, 13.5), (1, 6, 2.8)),
        "secondary": ((7, 20, 12), (1, 6, 2.7)),
        "all_through": ((8, 20, 12.5), (1.5, 6, 3)),
        "16_plus": ((4, 12, 7), (0.5, 4, 1.5)),
        "special": ((0, 6, 1.5), (90, 100, 97.5)),
        "alternative_provision": ((25, 60, 40), (5, 25, 12)),
    }
    (s_low, s_high, s_mode), (e_low, e_high, e_mode) = sen_ranges[phase]
    sen_support = rng.triangular(s_low, s_high, s_mode)
    ehcp = rng.triangular(e_low, e_high, e_mode)
    if sen_support + ehcp > 100:
        sen_support = 100 - ehcp

    attendance_ranges = {
        "nursery": (89, 95, 92),
        "primary": (93, 97, 95.2),
        "secondary": (89, 95, 91.8),
        "all_through": (90, 95.5, 92.5),
        "16_plus": (88, 94, 90),
        "special": (88, 94, 90.5),
        "alternative_provision": (88, 91.5, 89),
    }
    a_low, a_high, a_mode = attendance_ranges[phase]
    # Absence rises with disadvantage: a little lower where more pupils claim free meals.
    attendance = _clamp(rng.triangular(a_low, a_high, a_mode) - (fsm - 25) * 0.03, 88, 97)

    return {
        "number_on_roll": number_on_roll,
        "percent_fsm": _decimal(fsm),
        "percent_eal": _decimal(eal),
        "percent_sen_support": _decimal(sen_support),
        "percent_ehcp": _decimal(ehcp),
        "attendance_percent": _decimal(attendance),
    }
