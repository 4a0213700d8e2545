"""Building small GIAS-style CSV files for tests."""

import csv
import io
from typing import Any

from reconnect.schools.services.gias_rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

# A column GIAS has and we ignore, to prove extra columns do no harm.
IGNORED_COLUMN = "OfstedRating (name)"
HEADER = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, IGNORED_COLUMN]


def gias_row(**overrides: Any) -> dict[str, str]:
    """A valid London row (a Camden community primary); keyword names use the GIAS names
    with spaces and brackets dropped: ``la_code``, ``type``, ``trust_code``..."""
    row = {
        "URN": "100001",
        "EstablishmentName": "Plane Tree Primary School",
        "LA (code)": "202",
        "LA (name)": "Camden",
        "TypeOfEstablishment (name)": "Community school",
        "PhaseOfEducation (name)": "Primary",
        "EstablishmentStatus (name)": "Open",
        "Postcode": "NW1 2AB",
        "NumberOfPupils": "420",
        "PercentageFSM": "24.5",
        "Trusts (code)": "",
        "Trusts (name)": "",
        "PercentageEAL": "31.0",
        "PercentageSENSupport": "13.2",
        "PercentageEHCP": "2.9",
        "AttendancePercent": "94.1",
        IGNORED_COLUMN: "Good",
    }
    aliases = {
        "urn": "URN",
        "name": "EstablishmentName",
        "la_code": "LA (code)",
        "la_name": "LA (name)",
        "type": "TypeOfEstablishment (name)",
        "phase": "PhaseOfEducation (name)",
        "status": "EstablishmentStatus (name)",
        "postcode": "Postcode",
        "pupils": "NumberOfPupils",
        "fsm": "PercentageFSM",
        "trust_code": "Trusts (code)",
        "trust_name": "Trusts (name)",
        "eal": "PercentageEAL",
        "sen_support": "PercentageSENSupport",
        "ehcp": "PercentageEHCP",
        "attendance": "AttendancePercent",
    }
    for key, value in overrides.items():
        row[aliases[key]] = str(value)
    return row


def gias_csv(
    rows: list[dict[str, str]], *, header: list[str] | None = None, encoding: str = "utf-8"
) -> bytes:
    header = header or HEADER
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue().encode(encoding)
