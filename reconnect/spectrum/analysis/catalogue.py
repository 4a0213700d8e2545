"""The indicator catalogue: the factors a pupil can have, their domains and severities,
and the parameters a school may change. Pure Python.

Definitions follow the DfE and the research note (shared
``domain/vulnerability-indicators.md`` sections 1 and 4.2). Every cut-point is a
parameter, not code: a school's ``IndicatorConfig.overrides`` replace the defaults here,
and every change is logged.

Factor keys are stable: they are stored in ``PupilRecord.network_factors`` as bit
``Factor.bit`` and in saved cohort definitions. Never renumber a bit; add new factors at
the end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Domain(StrEnum):
    ECONOMIC = "economic"
    CARE = "care"
    SEND = "send"
    FAMILY = "family"
    LANGUAGE = "language"
    ENGAGEMENT = "engagement"


DOMAIN_LABELS: dict[Domain, str] = {
    Domain.ECONOMIC: "Economic",
    Domain.CARE: "Care and protection",
    Domain.SEND: "SEND and health",
    Domain.FAMILY: "Family roles and circumstances",
    Domain.LANGUAGE: "Language and mobility",
    Domain.ENGAGEMENT: "Engagement",
}

# The Hub themes (hub.Theme slugs) where each domain's evidence lives, most relevant first.
DOMAIN_THEMES: dict[Domain, tuple[str, ...]] = {
    Domain.ECONOMIC: ("poverty-and-hunger", "digital-divide"),
    Domain.CARE: ("mental-health-and-wellbeing", "place-and-community"),
    Domain.SEND: ("send",),
    Domain.FAMILY: ("place-and-community", "isolation-and-belonging"),
    Domain.LANGUAGE: ("transition", "isolation-and-belonging", "learning-gaps"),
    Domain.ENGAGEMENT: ("attendance", "engagement", "learning-gaps"),
}


@dataclass(frozen=True)
class Factor:
    key: str
    bit: int
    domain: Domain
    severity: int  # 1 = present, 2 = high
    label: str
    definition: str
    # The canonical columns it is read from, for the profile's "source" line.
    sources: tuple[str, ...]
    # Circumstance factors describe the pupil's situation; engagement factors are the
    # outcomes the cohort views measure gaps in, so they are left out of the gap analysis.
    circumstance: bool = True
    # Part of "known to services": support already in place.
    known_to_services: bool = False
    # Counts as recorded support for the support-gap marker.
    support: bool = False


FACTORS: tuple[Factor, ...] = (
    Factor("fsm_current", 0, Domain.ECONOMIC, 2, "Free school meals",
           "Eligible for free school meals now (benefits-related).", ("fsm_eligible",)),
    Factor("fsm_ever6", 1, Domain.ECONOMIC, 1, "Ever 6 FSM, not now",
           "Recorded as eligible for free school meals in the last six years (Ever 6), and not "
           "recorded as eligible now.",
           ("fsm_ever6", "fsm_eligible")),
    Factor("area_deprivation", 2, Domain.ECONOMIC, 1, "Lives in a deprived area",
           "Home area in IDACI deciles 1 to {area_deprivation_deciles} (1 is the 10% most "
           "deprived areas in England), and not recorded as eligible for free school meals "
           "now. An area measure: context, not a fact about the child.", ("idaci_decile",)),
    Factor("looked_after", 3, Domain.CARE, 2, "Looked after",
           "In the care of a local authority now.", ("looked_after",),
           known_to_services=True, support=True),
    Factor("child_in_need", 4, Domain.CARE, 2, "Child in need",
           "A child in need under section 17 of the Children Act 1989, now.", ("cin",),
           known_to_services=True, support=True),
    Factor("child_protection", 5, Domain.CARE, 2, "Child protection plan",
           "On a child protection plan now.", ("cpp",),
           known_to_services=True, support=True),
    Factor("previously_looked_after", 6, Domain.CARE, 1, "Previously looked after",
           "Left care through adoption (in England and Wales, or from state care abroad), a "
           "special guardianship order, a residence order or a child arrangements order "
           "(CS087 A, O, G, R or C).", ("post_looked_after",)),
    Factor("social_worker_ever6", 7, Domain.CARE, 1, "Social worker in the last 6 years",
           "Had a social worker in the last six years, and not looked after, a child in need "
           "or on a child protection plan now.", ("social_worker_ever6",)),
    Factor("kinship_care", 8, Domain.CARE, 1, "Kinship care",
           "Raised by a relative or friend (CS134 KF, KI or KU).", ("kinship_care",)),
    Factor("early_help", 9, Domain.CARE, 1, "Early help",
           "Supported through an early help assessment or plan.", ("early_help",),
           known_to_services=True, support=True),
    Factor("ehcp", 10, Domain.SEND, 2, "EHC plan",
           "Has an education, health and care plan (SEN provision E, or a legacy "
           "statement S).", ("sen_provision",), known_to_services=True, support=True),
    Factor("sen_support", 11, Domain.SEND, 1, "SEN support",
           "Receives SEN support (SEN provision K).", ("sen_provision",), support=True),
    Factor("medical_needs", 12, Domain.SEND, 1, "Medical needs",
           "Has a recorded medical condition or health care plan.", ("medical_needs",)),
    Factor("young_carer", 13, Domain.FAMILY, 2, "Young carer",
           "Cares for another person (CS118 P or S).", ("young_carer",)),
    Factor("service_child", 14, Domain.FAMILY, 1, "Service child",
           "A parent serves in the armed forces (CS006 Y).", ("service_child",)),
    Factor("eal_new", 15, Domain.LANGUAGE, 2, "New to English",
           "English as an additional language (the EAL flag, or a first language other than "
           "English; NOT and REF are unknown, not EAL) at proficiency A to C: new to "
           "English, early acquisition or developing competence.", ("english_proficiency", "eal")),
    Factor("eal", 16, Domain.LANGUAGE, 1, "EAL",
           "English as an additional language (the EAL flag, or a first language other than "
           "English; NOT and REF are unknown, not EAL), competent (D) or fluent (E), not "
           "yet assessed (N), or with no proficiency recorded.",
           ("first_language", "eal", "english_proficiency")),
    Factor("recent_arrival", 17, Domain.LANGUAGE, 2, "Recent arrival",
           "First entered a school in England within the last {recent_years} years, in Year 1 "
           "or later: pupils who began school in England in Nursery or Reception are not "
           "counted.",
           ("first_entry_english_school",)),
    Factor("mobile", 18, Domain.LANGUAGE, 1, "Joined mid-phase",
           "Joined the school within the last {recent_years} years at a time other than August "
           "or September (or January of the Reception year). Joining the school's nursery "
           "does not count.", ("entry_date",)),
    Factor("attendance_concern", 19, Domain.ENGAGEMENT, 1, "Attendance below expected",
           "Attendance above {persistent_absence_up_to}% and below "
           "{attendance_expected}%: the point to act before absence becomes persistent.",
           ("sessions_present", "sessions_possible", "attendance_pct"),
           circumstance=False),
    Factor("persistent_absence", 20, Domain.ENGAGEMENT, 2, "Persistent absence",
           "Attendance at or below {persistent_absence_up_to}% and above "
           "{severe_absence_up_to}%.",
           ("sessions_present", "sessions_possible", "attendance_pct"),
           circumstance=False),
    Factor("severe_absence", 21, Domain.ENGAGEMENT, 2, "Severe absence",
           "Attendance at or below {severe_absence_up_to}%.",
           ("sessions_present", "sessions_possible", "attendance_pct"), circumstance=False),
    Factor("suspended", 22, Domain.ENGAGEMENT, 1, "Suspended",
           "At least one suspension in the period, and fewer than "
           "{repeated_suspensions_from}.", ("suspensions_count",), circumstance=False),
    Factor("suspended_repeatedly", 23, Domain.ENGAGEMENT, 2, "Suspended repeatedly",
           "{repeated_suspensions_from} or more suspensions in the period.",
           ("suspensions_count",),
           circumstance=False),
    Factor("excluded_or_ap", 24, Domain.ENGAGEMENT, 2, "Excluded or in alternative provision",
           "Permanently excluded, or educated in alternative provision.",
           ("permanently_excluded", "alternative_provision"), circumstance=False),
    Factor("part_time_timetable", 25, Domain.ENGAGEMENT, 2, "Part-time timetable",
           "On a reduced timetable.", ("part_time_timetable",), circumstance=False),
    Factor("behaviour", 26, Domain.ENGAGEMENT, 1, "Behaviour concerns",
           "More than 0 negative behaviour points, and among the {behaviour_top_share}% of "
           "the school with the most (pupils tied at the cut-off are all included).",
           ("behaviour_negative",), circumstance=False),
    Factor("below_expected", 27, Domain.ENGAGEMENT, 1, "Below expected attainment",
           "Working below the expected standard in English or in maths.",
           ("attainment_english", "attainment_maths"), circumstance=False),
)  # fmt: skip

# The definitions above are templates over the parameters; ``Factor.definition`` holds
# the text with the defaults, ``definition_for`` the text with a school's own values.
DEFINITION_TEMPLATES: dict[str, str] = {factor.key: factor.definition for factor in FACTORS}


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    default: Any
    help: str


# Every cut-point a school may change. ``weight.<factor>`` parameters (the optional
# weighted score) and ``enabled.<factor>`` switches are generated below.
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("attendance_expected", "Expected attendance from (%)", 95.0,
              "At or above this, attendance raises no concern."),
    Parameter("persistent_absence_up_to", "Persistent absence: attendance at or below (%)", 90.0,
              "DfE: missing 10% or more of possible sessions."),
    Parameter("severe_absence_up_to", "Severe absence: attendance at or below (%)", 50.0,
              "DfE: missing 50% or more of possible sessions."),
    Parameter("area_deprivation_deciles", "Deprived area: IDACI deciles up to", 2,
              "Deciles 1 and 2 are the 20% most deprived areas."),
    Parameter("recent_years", "Recent arrival and mid-phase entry: within (years)", 3,
              "The funding formula's window for EAL and mobility."),
    Parameter("repeated_suspensions_from", "Repeated suspensions from", 2,
              "Two or more suspensions in the period."),
    Parameter("behaviour_top_share", "Behaviour concerns: top share of the school (%)", 10.0,
              "The pupils with the most negative points, as a share of the school."),
    Parameter("support_gap_domains", "Support gap: domains affected from", 3,
              "A pupil with this many domains, or high engagement severity, and no "
              "recorded support is flagged."),
)  # fmt: skip

# The Buckinghamshire RONI-style preset: 2 for the strongest predictors, 1 otherwise.
DEFAULT_WEIGHTS: dict[str, int] = {
    factor.key: 2 if factor.severity == 2 else 1 for factor in FACTORS
}


def _shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def definition_for(key: str, params: Mapping[str, Any]) -> str:
    """The factor's definition with the cut-points in ``params`` (e.g. a school's own)."""
    return DEFINITION_TEMPLATES[key].format_map(
        {p.key: _shown(params.get(p.key, p.default)) for p in PARAMETERS}
    )


FACTORS = tuple(replace(f, definition=definition_for(f.key, {})) for f in FACTORS)
BY_KEY: dict[str, Factor] = {factor.key: factor for factor in FACTORS}


def defaults() -> dict[str, Any]:
    """Every parameter key with its default value."""
    values: dict[str, Any] = {p.key: p.default for p in PARAMETERS}
    for factor in FACTORS:
        values[f"enabled.{factor.key}"] = True
        values[f"weight.{factor.key}"] = DEFAULT_WEIGHTS[factor.key]
    return values
