"""The contract's header aliases cover the research note's table (section 3.2 of
``domain/vulnerability-indicators.md``), and never collide with refused headers."""

from __future__ import annotations

import pytest

from reconnect.spectrum.columns import (
    ALIASES,
    BY_NAME,
    COLUMNS,
    REFUSED_HEADERS,
    REQUIRED,
    normalise_header,
)

# The research note's table, column by column: "Common alternative headers seen in MIS
# exports and DfE data" (copied so the test does not depend on the shared notes).
NOTE_ALIASES: dict[str, tuple[str, ...]] = {
    "pupil_ref": ("Admission No", "Adno", "Adm No", "MIS ID", "Person ID", "Student ID",
                  "Pupil ID", "ID"),
    "upn": ("UPN", "Unique Pupil Number"),
    "as_at_date": ("Date", "Report Date", "Census Date"),
    "year_group": ("NC Year", "NCyearActual", "Year", "Year Group", "Curriculum Year"),
    "reg_group": ("Reg Group", "Form", "Tutor Group", "Class", "Registration Group"),
    "sex": ("Gender", "Sex"),
    "date_of_birth": ("DOB", "Date of Birth"),
    "entry_date": ("Entry Date", "EntryDate", "Admission Date", "Date of Admission",
                   "Start Date"),
    "enrol_status": ("Enrol Status", "EnrolStatus", "Enrolment Status", "enrolment_status"),
    "fsm_eligible": ("FSM", "FSM Eligible", "FSMeligible", "FSME on Census Day", "Free Meals",
                     "free_school_meals", "FSM Eligibility"),
    "fsm_ever6": ("Ever 6 FSM", "EVERFSM_6", "EVERFSM_6_P", "FSM6", "Ever FSM",
                  "free_school_meals_6"),
    "fsm_protected": ("FSM Protected", "FSM_Protected", "Transitional Protection"),
    "fsm_basis": ("FSM Type", "FSM Basis"),
    "pupil_premium": ("Pupil Premium", "PP", "Pupil Premium Indicator", "PP Eligible",
                      "premium_pupil_indicator", "Disadvantaged"),
    "pp_reasons": ("PP Reason", "PP Category"),
    "postcode": ("Postcode", "Home Postcode"),
    "idaci_decile": ("IDACI Decile", "IDACI_Decile"),
    "looked_after": ("In Care", "Looked After", "LAC", "CLA", "CLA Status", "in_lea_care",
                     "Child Looked After"),
    "post_looked_after": ("Post Looked After Arrangements", "PLAC", "Previously Looked After",
                          "Adopted from Care"),
    "cin": ("CIN", "Child in Need", "CIN Plan", "CIN Status"),
    "cpp": ("CP", "CPP", "Child Protection Plan", "On CP Plan", "CP Status"),
    "social_worker_ever6": ("Social Worker", "Has Social Worker", "SW Ever 6"),
    "early_help": ("Early Help", "EHA", "TAF", "Early Help Plan"),
    "kinship_care": ("Kinship Care", "Kinship Care Indicator"),
    "young_carer": ("Young Carer", "Young Carer Indicator", "Carer"),
    "service_child": ("Service Child", "Service Children Indicator",
                      "service_children_indicator", "Forces"),
    "sen_provision": ("SEN Status", "SEN Provision", "SENprovision", "sen_status", "SEN Stage",
                      "SEND Status"),
    "sen_primary_need": ("Primary Need", "PrimarySENtype", "SENneed1",
                         "SEN Need Type (Rank 1)", "SEN Type"),
    "sen_secondary_need": ("SecondarySENtype", "SENneed2", "SEN Need Type (Rank 2)"),
    "first_language": ("First Language", "Language", "Home Language", "first_language",
                       "Mother Tongue"),
    "eal": ("EAL", "english_as_additional_language"),
    "english_proficiency": ("Proficiency in English", "EAL Stage",
                            "english_as_additional_language_status"),
    "first_entry_english_school": ("Date of Entry to UK School", "Arrival Date"),
    "sessions_possible": ("Possible Sessions", "Possible Marks", "Possible",
                          "TermlySessionsPossible"),
    "sessions_present": ("Present", "Attended", "Present + AEA", "Sessions Attended"),
    "sessions_auth_absent": ("Authorised Absence", "Authorised Absences",
                             "TermlySessionsAuthorised"),
    "sessions_unauth_absent": ("Unauthorised Absence", "Unauthorised Absences",
                               "TermlySessionsUnauthorised"),
    "attendance_period_start": ("From",),
    "attendance_period_end": ("To",),
    "attendance_pct": ("Attendance %", "% Attendance", "Attendance"),
    "part_time_timetable": ("Reduced Timetable", "Part-time Timetable"),
    "suspensions_count": ("Suspensions", "Number of Suspensions", "Fixed Term Exclusions",
                          "FTE Count"),
    "suspension_sessions": ("Exclusion Sessions", "Sessions Excluded"),
    "permanently_excluded": ("Permanent Exclusion", "PEX"),
    "alternative_provision": ("AP", "Alternative Provision", "Off-site Provision"),
    "behaviour_negative": ("Behaviour Points", "Negative Points", "Conduct Points",
                           "Incidents"),
    "medical_needs": ("Medical Condition", "IHCP", "Health Care Plan"),
}  # fmt: skip

# In the note's table but deliberately not aliases, each for a reason:
NOT_ALIASES: dict[str, str] = {
    "LSOA": "lsoa21 is not a column: the area comes from the postcode",
    "LSOA21CD": "lsoa21 is not a column: the area comes from the postcode",
    "IDACI_R": "idaci_rank is not a column: the decile is enough",
    "IDACI_S": "idaci_score is not a column: the decile is enough",
    "Care Authority": "looked_after_la is not a column",
    "Responsible LA": "looked_after_la is not a column",
    "Responsible Authority": "looked_after_la is not a column",
    "ever_in_care": "the note says to check its meaning: not the CS087 code",
    "Date Range": "one cell holding both ends of the period: map it by hand",
    "Days Suspended": "days, not sessions: would need doubling",
    "Working At": "does not say which subject",
    "KS2 Reading/Maths Scaled Score": "a score, not below/at/above",
    "Current Grade vs Target": "not below/at/above expected",
}


@pytest.mark.parametrize(
    ("canonical", "alias"),
    [(canonical, alias) for canonical, aliases in NOTE_ALIASES.items() for alias in aliases],
)
def test_columns_alias_from_the_research_note_means_its_column(canonical: str, alias: str):
    assert ALIASES[normalise_header(alias)] == canonical


@pytest.mark.parametrize("header", list(NOT_ALIASES))
def test_columns_headers_left_out_on_purpose_match_nothing(header: str):
    assert normalise_header(header) not in ALIASES


def test_columns_every_note_column_is_a_column():
    # The note gives attainment no alias of its own (only ones left out above).
    assert set(NOTE_ALIASES) | {"attainment_english", "attainment_maths"} == {
        c.name for c in COLUMNS
    }


def test_columns_no_alias_is_a_refused_header():
    assert set(ALIASES) & set(REFUSED_HEADERS) == set()


def test_columns_required_are_the_note_s_required_ones():
    assert REQUIRED == (
        "pupil_ref",
        "year_group",
        "fsm_eligible",
        "fsm_ever6",
        "looked_after",
        "sen_provision",
        "sessions_possible",
        "sessions_present",
    )


def test_columns_normalise_header_ignores_case_spacing_and_punctuation():
    assert normalise_header(" FSM-eligible ") == "fsmeligible"
    assert normalise_header("Attendance %") == "attendance%"
    assert normalise_header("Année") == "annee"
    assert BY_NAME["attendance_pct"].name == ALIASES["attendance%"]
