"""What each kind of cell should hold, as the instruction a school reads in the report."""

from __future__ import annotations

from datetime import date

from reconnect.spectrum.columns import BY_NAME, Column

# What the DfE codes mean, for the "one of …" instruction. A code missing here is still
# accepted (e.g. the legacy SEN code S); it is just not offered.
CODE_MEANINGS: dict[str, dict[str, str]] = {
    "sex": {"M": "male", "F": "female"},
    "enrol_status": {
        "C": "current, single registration",
        "M": "main, dual registration",
        "S": "subsidiary, dual registration",
        "G": "guest",
        "O": "other",
        "F": "FE college",
        "P": "previous",
    },
    "fsm_basis": {
        "income_tested": "income-tested",
        "uc_universal": "Universal Credit, universal entitlement",
        "unknown": "unknown",
    },
    "post_looked_after": {
        "N": "not declared",
        "A": "adopted from care",
        "G": "special guardianship order",
        "R": "residence order",
        "C": "child arrangements order",
        "O": "adopted from state care outside England and Wales",
    },
    "kinship_care": {"ND": "not declared", "KF": "formal", "KI": "informal", "KU": "unknown"},
    "young_carer": {"N": "no", "P": "primary carer", "S": "secondary carer"},
    "service_child": {"Y": "yes", "N": "no", "U": "unknown", "R": "refused"},
    "sen_provision": {"E": "EHC plan", "K": "SEN support", "N": "no SEN"},
    "english_proficiency": {
        "A": "new to English",
        "B": "early acquisition",
        "C": "developing competence",
        "D": "competent",
        "E": "fluent",
        "N": "not yet assessed",
    },
    "attainment_english": {"below": "below expected", "at": "at expected", "above": "above"},
    "attainment_maths": {"below": "below expected", "at": "at expected", "above": "above"},
}

UNITS: dict[str, str] = {
    "sessions_possible": "sessions",
    "sessions_present": "sessions",
    "sessions_auth_absent": "sessions",
    "sessions_unauth_absent": "sessions",
    "suspensions_count": "suspensions",
    "suspension_sessions": "sessions",
    "behaviour_negative": "points",
}

MINIMUM: dict[str, int] = {"idaci_decile": 1}

BOOLEAN = "Y or N (Yes/No, True/False, T/F, 1/0 and ✓ also work); leave it blank if not recorded"
DATE = "a date written DD/MM/YYYY, e.g. 13/02/2026 (or YYYY-MM-DD)"
MONTH = "a date of birth written DD/MM/YYYY, e.g. 13/02/2014 (or MM/YYYY)"
YEAR_GROUP = "a year group: N1, N2, R (Reception), 1 to 14 (e.g. 7 or Year 7) or X"
YEAR_GROUP_BLANK = "a year group for every pupil: N1, N2, R, 1 to 14 or X"
REF = (
    "the school's own reference: up to 30 letters and digits (hyphens, underscores, slashes "
    "and full stops also work)"
)
REF_BLANK = "a pupil reference on every row: the admission number or MIS ID"
REF_EXCEL = (
    "the reference exactly as your MIS holds it: Excel has turned it into a number, so "
    "format the column as Text before saving"
)
REF_IS_UPN = (
    "the school's own reference, not the pupil's UPN: a UPN here would be kept as written, "
    "so export your MIS's internal pupil ID or admission number in this column instead "
    "(the UPN belongs in the UPN column, which Reconnect replaces with a keyed hash)"
)
FORMULA = "a value that does not start with =, +, - or @ (a spreadsheet would run it as a formula)"
UPN_FORMAT = (
    "a 13-character UPN: a letter then 12 digits (a temporary UPN ends in a letter), "
    "e.g. B801200005001; or leave it blank"
)
UPN_CHECK = (
    "a UPN whose first letter is its check letter: this one does not add up, so copy it again "
    "from your MIS"
)
POSTCODE = "a UK postcode, e.g. SW1A 1AA; or leave it blank"


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def not_after(day: date, what: str) -> str:
    return f"a date no later than {what} ({uk(day)})"


def codes(column: Column) -> str:
    meanings = CODE_MEANINGS.get(column.name)
    if meanings:
        offered = ", ".join(f"{code} ({meaning})" for code, meaning in meanings.items())
    else:
        offered = ", ".join(column.codes)
    return f"one of {offered}; or leave it blank"


def whole_number(column: Column) -> str:
    unit = UNITS.get(column.name)
    low = MINIMUM.get(column.name, 0)
    what = f"a whole number of {unit}" if unit else "a whole number"
    if column.maximum is not None:
        return f"{what} from {low} to {column.maximum:g}"
    return f"{what}, {low} or more"


def number(column: Column) -> str:
    if column.name == "attendance_pct":
        return "a percentage from 0 to 100, e.g. 95.5"
    unit = UNITS.get(column.name)
    what = f"a number of {unit}" if unit else "a number"
    if column.maximum is not None:
        return f"{what} from 0 to {column.maximum:g}"
    return f"{what}, 0 or more"


def text(column: Column) -> str:
    return f"at most {column.max_length} characters"


def label(name: str) -> str:
    return BY_NAME[name].label
