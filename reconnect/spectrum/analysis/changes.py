"""What changed for a pupil since the previous snapshot, in plain English. Pure Python.

Both rows are derived rows (``profiles.derive(...).row(i, named=True)``) of the same pupil
on two snapshots. Reported, in this order:

- a move between attendance bands (expected, below expected, persistent absence, severe
  absence), with both percentages; the three attendance factors are reported only as this
  move, never as a factor starting or ending;
- a domain whose severity went up (present → high) or down (high → present) while it kept
  at least one factor;
- each factor new since the previous snapshot, then each factor that ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from reconnect.spectrum.analysis.catalogue import DOMAIN_LABELS, FACTORS, Domain
from reconnect.spectrum.analysis.profiles import ATTENDANCE_BAND_LABELS, ATTENDANCE_BANDS

ATTENDANCE_FACTORS = frozenset({"attendance_concern", "persistent_absence", "severe_absence"})
SEVERITY_WORDS = {1: "present", 2: "high"}

Kind = Literal["attendance", "severity_up", "severity_down", "new", "ended"]


@dataclass(frozen=True, slots=True)
class Change:
    kind: Kind
    key: str  # the factor key, the domain, or "attendance"
    text: str


def _has(row: Mapping[str, Any], key: str) -> bool:
    return row.get(f"f_{key}") is True


def _severity(row: Mapping[str, Any], domain: Domain) -> int:
    return max((f.severity for f in FACTORS if f.domain == domain and _has(row, f.key)), default=0)


def _percent(value: Any) -> str:
    return "not recorded" if value is None else f"{float(value):.1f}%"


def changes(previous: Mapping[str, Any] | None, current: Mapping[str, Any]) -> list[Change]:
    """The changes from ``previous`` to ``current``; none when there is no previous row."""
    if previous is None:
        return []
    found: list[Change] = []
    before, after = previous.get("attendance_band"), current.get("attendance_band")
    if before != after and before in ATTENDANCE_BANDS and after in ATTENDANCE_BANDS:
        found.append(
            Change(
                "attendance",
                "attendance",
                f"Attendance moved from {ATTENDANCE_BAND_LABELS[before].lower()} to "
                f"{ATTENDANCE_BAND_LABELS[after].lower()} "
                f"({_percent(previous.get('attendance'))} to "
                f"{_percent(current.get('attendance'))}).",
            )
        )
    for domain in Domain:
        was, now = _severity(previous, domain), _severity(current, domain)
        if was and now and was != now:
            up = now > was
            found.append(
                Change(
                    "severity_up" if up else "severity_down",
                    domain.value,
                    f"{DOMAIN_LABELS[domain]}: severity went {'up' if up else 'down'} from "
                    f"{SEVERITY_WORDS[was]} to {SEVERITY_WORDS[now]}.",
                )
            )
    for factor in FACTORS:
        if factor.key in ATTENDANCE_FACTORS:
            continue
        if _has(current, factor.key) and not _has(previous, factor.key):
            found.append(Change("new", factor.key, f"New: {factor.label}."))
    for factor in FACTORS:
        if factor.key in ATTENDANCE_FACTORS:
            continue
        if _has(previous, factor.key) and not _has(current, factor.key):
            found.append(Change("ended", factor.key, f"No longer: {factor.label}."))
    return found
