"""The canonical pupil file: every column Reconnect accepts, its type, and the MIS headers
that mean it.

This module is the contract between the importer (``ingest/``), the stored record
(``models.PupilRecord``, one field per column of the same name) and the analysis
(``analysis/``). It is pure Python: no Django, no polars.

The columns and their aliases follow the research note
(shared ``domain/vulnerability-indicators.md`` section 3.2): DfE census names, NPD
variable names, and the labels SIMS, Arbor, Bromcom, ScholarPack and Wonde exports use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a cell is read. Every kind treats a blank cell as "not recorded" (null)."""

    REF = "ref"  # the school's own pupil reference: letters, digits, - _ / .
    UPN = "upn"  # 13 characters, check letter first; hashed at import, never stored
    TEXT = "text"  # a short code-like label (registration group, language)
    BOOL = "bool"  # Y/N, Yes/No, T/F, True/False, 1/0, ticks; blank = not recorded
    DATE = "date"  # ISO YYYY-MM-DD or UK DD/MM/YYYY (never US MM/DD)
    MONTH = "month"  # a date kept at month precision (date of birth)
    INT = "int"  # a whole number, never negative
    DECIMAL = "decimal"  # a number, never negative
    CODE = "code"  # one of ``codes`` (labels mapped through ``labels``)
    YEAR_GROUP = "year_group"  # N1, N2, R, 1–14, X


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    # CODE columns: the DfE codes accepted, and label variants that mean one of them.
    codes: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    # Inclusive bounds for INT and DECIMAL columns.
    maximum: float | None = None
    max_length: int = 0
    help: str = ""


SEN_NEEDS = (
    "SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA",
)  # fmt: skip

YEAR_GROUPS = ("N1", "N2", "R", *(str(n) for n in range(1, 15)), "X")

COLUMNS: tuple[Column, ...] = (
    Column(
        "pupil_ref",
        Kind.REF,
        "Pupil reference",
        ("Admission No", "Admission Number", "Adno", "Adm No", "MIS ID", "Person ID",
         "Student ID", "Pupil ID", "ID", "Pupil Ref", "Reference"),
        required=True,
        max_length=30,
        help="The school's own admission number or MIS ID. Shown in Reconnect to identify "
        "a pupil; never a name.",
    ),
    Column("upn", Kind.UPN, "UPN", ("UPN", "Unique Pupil Number"),
           help="Replaced at import by a keyed hash; the UPN itself is never stored."),
    Column("as_at_date", Kind.DATE, "As at date", ("Date", "Report Date", "Census Date",
           "As At", "Snapshot Date", "Effective Date"),
           help="The date the export was run. Give it in the file or on the upload form."),
    Column("year_group", Kind.YEAR_GROUP, "Year group",
           ("NC Year", "NCyearActual", "NC Year Actual", "Year", "Year Group",
            "Curriculum Year"), required=True),
    Column("reg_group", Kind.TEXT, "Registration group",
           ("Reg Group", "Form", "Tutor Group", "Class", "Registration Group", "Reg"),
           max_length=20),
    Column("sex", Kind.CODE, "Sex", ("Gender", "Sex"), codes=("M", "F"),
           labels={"MALE": "M", "FEMALE": "F", "BOY": "M", "GIRL": "F"}),
    Column("date_of_birth", Kind.MONTH, "Date of birth", ("DOB", "Date of Birth", "Birth Date"),
           help="Kept to the month only."),
    Column("entry_date", Kind.DATE, "Entry date",
           ("EntryDate", "Admission Date", "Date of Admission", "Start Date", "Date of Entry")),
    Column("enrol_status", Kind.CODE, "Enrolment status",
           ("Enrol Status", "EnrolStatus", "Enrolment Status", "enrolment_status"),
           codes=("C", "M", "S", "G", "O", "F", "P"),
           labels={"CURRENT": "C", "SINGLE REGISTRATION": "C", "MAIN": "M",
                   "MAIN DUAL REGISTRATION": "M", "SUBSIDIARY": "S", "GUEST": "G"}),
    Column("fsm_eligible", Kind.BOOL, "FSM eligible",
           ("FSM", "FSMeligible", "FSME on Census Day", "Free Meals", "free_school_meals",
            "FSM Eligibility", "FSM Eligible"), required=True),
    Column("fsm_ever6", Kind.BOOL, "Ever 6 FSM",
           ("Ever 6 FSM", "EVERFSM_6", "EVERFSM_6_P", "FSM6", "Ever FSM",
            "free_school_meals_6", "FSM Ever 6"), required=True),
    Column("fsm_protected", Kind.BOOL, "FSM transitional protection",
           ("FSM Protected", "FSM_Protected", "Transitional Protection")),
    Column("fsm_basis", Kind.CODE, "FSM basis", ("FSM Type", "FSM Basis"),
           codes=("income_tested", "uc_universal", "unknown"),
           labels={"INCOME TESTED": "income_tested", "UC UNIVERSAL": "uc_universal",
                   "UNIVERSAL CREDIT": "uc_universal"}),
    Column("pupil_premium", Kind.BOOL, "Pupil premium",
           ("Pupil Premium", "PP", "Pupil Premium Indicator", "PP Eligible",
            "premium_pupil_indicator", "Disadvantaged")),
    Column("pp_reasons", Kind.TEXT, "Pupil premium reasons", ("PP Reason", "PP Category",
           "PP Reasons"), max_length=40, help="Semicolon-separated: FSM6; LAC; PLAC; SERVICE."),
    Column("postcode", Kind.TEXT, "Home postcode", ("Postcode", "Home Postcode", "Post Code"),
           max_length=10,
           help="Used only to look up the area's deprivation decile, then dropped."),
    Column("idaci_decile", Kind.INT, "IDACI decile", ("IDACI Decile", "IDACI_Decile", "IDACI"),
           maximum=10, help="1 = the 10% most deprived areas nationally, 10 = the least."),
    Column("looked_after", Kind.BOOL, "Looked after",
           ("In Care", "Looked After", "LAC", "CLA", "CLA Status", "in_lea_care",
            "Child Looked After"), required=True),
    Column("post_looked_after", Kind.CODE, "Previously looked after (CS087)",
           ("Post Looked After Arrangements", "PLAC", "Previously Looked After",
            "Adopted from Care"), codes=("N", "A", "G", "R", "C", "O"),
           labels={"NOT DECLARED": "N", "ADOPTED": "A", "SPECIAL GUARDIANSHIP ORDER": "G",
                   "SGO": "G", "RESIDENCE ORDER": "R", "CHILD ARRANGEMENTS ORDER": "C",
                   "ADOPTED FROM STATE CARE OUTSIDE ENGLAND AND WALES": "O"}),
    Column("cin", Kind.BOOL, "Child in need", ("CIN", "Child in Need", "CIN Plan",
           "CIN Status")),
    Column("cpp", Kind.BOOL, "Child protection plan", ("CP", "CPP", "Child Protection Plan",
           "On CP Plan", "CP Status")),
    Column("social_worker_ever6", Kind.BOOL, "Social worker in the last 6 years",
           ("Social Worker", "Has Social Worker", "SW Ever 6", "Social Worker Ever 6")),
    Column("early_help", Kind.BOOL, "Early help", ("Early Help", "EHA", "TAF",
           "Early Help Plan")),
    Column("kinship_care", Kind.CODE, "Kinship care (CS134)",
           ("Kinship Care", "Kinship Care Indicator"), codes=("ND", "KF", "KI", "KU"),
           labels={"NOT DECLARED": "ND", "FORMAL": "KF", "INFORMAL": "KI", "UNKNOWN": "KU"}),
    Column("young_carer", Kind.CODE, "Young carer (CS118)",
           ("Young Carer", "Young Carer Indicator", "Carer"), codes=("N", "P", "S"),
           labels={"NO": "N", "PRIMARY": "P", "SECONDARY": "S", "YES": "P", "Y": "P"}),
    Column("service_child", Kind.CODE, "Service child (CS006)",
           ("Service Child", "Service Children Indicator", "service_children_indicator",
            "Forces"), codes=("Y", "N", "U", "R"),
           labels={"YES": "Y", "NO": "N", "UNKNOWN": "U", "REFUSED": "R"}),
    Column("sen_provision", Kind.CODE, "SEN provision",
           ("SEN Status", "SENprovision", "sen_status", "SEN Stage", "SEND Status",
            "SEN Provision", "SEN"), required=True, codes=("E", "K", "N", "S"),
           labels={"EHC PLAN": "E", "EHCP": "E", "SEN SUPPORT": "K", "NO SEN": "N",
                   "NONE": "N", "NO SPECIAL EDUCATIONAL NEED": "N", "STATEMENT": "S"}),
    Column("sen_primary_need", Kind.CODE, "SEN primary need",
           ("Primary Need", "PrimarySENtype", "SENneed1", "SEN Need Type (Rank 1)",
            "SEN Type"), codes=SEN_NEEDS),
    Column("sen_secondary_need", Kind.CODE, "SEN secondary need",
           ("SecondarySENtype", "SENneed2", "SEN Need Type (Rank 2)", "Secondary Need"),
           codes=SEN_NEEDS),
    Column("medical_needs", Kind.BOOL, "Medical needs",
           ("Medical Condition", "IHCP", "Health Care Plan", "Medical Needs")),
    Column("first_language", Kind.TEXT, "First language",
           ("First Language", "Language", "Home Language", "Mother Tongue"), max_length=4,
           help="The DfE language code: ENG, ENB, OTB, NOT, REF or another language's code."),
    Column("eal", Kind.BOOL, "EAL", ("EAL", "english_as_additional_language")),
    Column("english_proficiency", Kind.CODE, "Proficiency in English (CS089)",
           ("Proficiency in English", "EAL Stage", "english_as_additional_language_status"),
           codes=("A", "B", "C", "D", "E", "N"),
           labels={"NEW TO ENGLISH": "A", "EARLY ACQUISITION": "B",
                   "DEVELOPING COMPETENCE": "C", "COMPETENT": "D", "FLUENT": "E",
                   "NOT YET ASSESSED": "N"}),
    Column("first_entry_english_school", Kind.DATE, "First entry to an English school",
           ("Date of Entry to UK School", "Arrival Date", "Date of Entry to English School")),
    Column("sessions_possible", Kind.INT, "Sessions possible",
           ("Possible Sessions", "Possible Marks", "Possible", "TermlySessionsPossible"),
           required=True, maximum=800),
    Column("sessions_present", Kind.INT, "Sessions present",
           ("Present", "Attended", "Present + AEA", "Sessions Attended"), required=True,
           maximum=800),
    Column("sessions_auth_absent", Kind.INT, "Authorised absence (sessions)",
           ("Authorised Absence", "Authorised Absences", "TermlySessionsAuthorised"),
           maximum=800),
    Column("sessions_unauth_absent", Kind.INT, "Unauthorised absence (sessions)",
           ("Unauthorised Absence", "Unauthorised Absences", "TermlySessionsUnauthorised"),
           maximum=800),
    Column("attendance_period_start", Kind.DATE, "Attendance from", ("From", "Period Start")),
    Column("attendance_period_end", Kind.DATE, "Attendance to", ("To", "Period End")),
    Column("attendance_pct", Kind.DECIMAL, "Attendance %",
           ("Attendance %", "% Attendance", "Attendance", "Attendance Percentage"),
           maximum=100, help="Recomputed from the session counts when they are given."),
    Column("part_time_timetable", Kind.BOOL, "Part-time timetable",
           ("Reduced Timetable", "Part-time Timetable", "Part Time Timetable")),
    Column("suspensions_count", Kind.INT, "Suspensions",
           ("Number of Suspensions", "Fixed Term Exclusions", "FTE Count", "Suspensions"),
           maximum=90),
    Column("suspension_sessions", Kind.DECIMAL, "Sessions lost to suspension",
           ("Exclusion Sessions", "Sessions Excluded"), maximum=800),
    Column("permanently_excluded", Kind.BOOL, "Permanently excluded",
           ("Permanent Exclusion", "PEX")),
    Column("alternative_provision", Kind.BOOL, "Alternative provision",
           ("AP", "Alternative Provision", "Off-site Provision")),
    Column("behaviour_negative", Kind.DECIMAL, "Negative behaviour points",
           ("Behaviour Points", "Negative Points", "Conduct Points", "Incidents")),
    Column("attainment_english", Kind.CODE, "English against expected",
           ("English Working At", "Reading Working At", "English Attainment"),
           codes=("below", "at", "above"),
           labels={"BELOW EXPECTED": "below", "WORKING TOWARDS": "below", "WTS": "below",
                   "AT EXPECTED": "at", "EXPECTED": "at", "EXS": "at", "ON TRACK": "at",
                   "ABOVE EXPECTED": "above", "GREATER DEPTH": "above", "GDS": "above"}),
    Column("attainment_maths", Kind.CODE, "Maths against expected",
           ("Maths Working At", "Maths Attainment", "Mathematics Working At"),
           codes=("below", "at", "above"),
           labels={"BELOW EXPECTED": "below", "WORKING TOWARDS": "below", "WTS": "below",
                   "AT EXPECTED": "at", "EXPECTED": "at", "EXS": "at", "ON TRACK": "at",
                   "ABOVE EXPECTED": "above", "GREATER DEPTH": "above", "GDS": "above"}),
)  # fmt: skip

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)

# Read at import but never stored: the UPN becomes ``upn_hash``, the postcode becomes
# ``idaci_decile``, ``as_at_date`` belongs to the snapshot and ``date_of_birth`` is kept as
# ``birth_month``.
NOT_STORED: frozenset[str] = frozenset({"upn", "postcode", "as_at_date"})

# Headers that name data Reconnect must never hold: names, addresses, contact details,
# free text and special-category detail it does not use. Such a column is dropped with a
# notice; its values are never read into memory beyond the parser, stored or echoed.
REFUSED_HEADERS: dict[str, str] = {
    "name": "a name",
    "forename": "a name",
    "firstname": "a name",
    "legalforename": "a name",
    "preferredforename": "a name",
    "preferredname": "a name",
    "middlename": "a name",
    "surname": "a name",
    "lastname": "a name",
    "legalsurname": "a name",
    "preferredsurname": "a name",
    "fullname": "a name",
    "pupilname": "a name",
    "studentname": "a name",
    "address": "an address",
    "addressline1": "an address",
    "addressline2": "an address",
    "addressline3": "an address",
    "street": "an address",
    "town": "an address",
    "homeaddress": "an address",
    "email": "contact details",
    "telephone": "contact details",
    "phone": "contact details",
    "mobile": "contact details",
    "parentname": "a name",
    "contactname": "a name",
    "notes": "free text",
    "comments": "free text",
    "comment": "free text",
    "safeguardingnotes": "free text",
    "medicalnotes": "free text",
    "medicalconditiondetails": "free text",
    "concerns": "free text",
    "ethnicity": "special-category data Reconnect does not use",
    "ethnicgroup": "special-category data Reconnect does not use",
    "religion": "special-category data Reconnect does not use",
    "nationality": "data Reconnect does not use",
}

_PUNCTUATION = re.compile(r"[^0-9a-z%]+")


def normalise_header(header: str) -> str:
    """A header as it is matched: lower case, accents, spaces and punctuation removed.

    "FSM Eligible", "fsm_eligible" and " FSM-eligible " all become ``fsmeligible``. The
    per cent sign is kept, so "Attendance %" does not collide with "Attendance".
    """
    folded = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    return _PUNCTUATION.sub("", folded.strip().lower())


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for alias in (column.name, column.label, *column.aliases):
            key = normalise_header(alias)
            owner = index.setdefault(key, column.name)
            if owner != column.name:
                raise ValueError(f"Header {alias!r} would mean both {owner} and {column.name}")
    return index


ALIASES: dict[str, str] = _alias_index()
