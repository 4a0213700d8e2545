"""The pupil list as CSV: what the page shows, one row per pupil, safe in a spreadsheet.

Cells go through ``core.csv_export`` (a leading apostrophe on anything a spreadsheet would
run as a formula: a registration group of "=1+1" stays text). Factors are listed by their
catalogue labels, high severity marked; the weighted score only when the school uses it.
"""

from collections.abc import Iterator

import polars as pl

from reconnect.core.csv_export import csv_lines
from reconnect.spectrum.selectors.pupils import SchoolData, pupil_rows

HEADER = [
    "Pupil reference",
    "Year group",
    "Registration group",
    "Factors",
    "Number of factors",
    "Number of domains",
    "Domains",
    "Known to services",
    "Support gap",
]
# Rows turned into Python at a time: the frame is already in memory, the dicts need not be.
CHUNK = 500


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def pupil_csv_lines(frame: pl.DataFrame, *, uses_score: bool) -> Iterator[str]:
    """The header and one line per pupil of ``frame`` (derived, already filtered and sorted)."""

    def rows() -> Iterator[list[object]]:
        for start in range(0, frame.height, CHUNK):
            for row in pupil_rows(frame.slice(start, CHUNK)):
                cells: list[object] = [
                    row.pupil_ref,
                    row.year_group,
                    row.reg_group,
                    "; ".join(
                        f"{badge.label} (high)" if badge.severity == 2 else badge.label
                        for badge in row.factors
                    ),
                    row.factor_count,
                    row.domain_count,
                    "; ".join(row.domains),
                    _yes_no(row.known_to_services),
                    _yes_no(row.support_gap),
                ]
                if uses_score:
                    cells.append(row.score)
                yield cells

    header = [*HEADER, "Weighted score"] if uses_score else HEADER
    return csv_lines(header, rows())


def export_filename(data: SchoolData) -> str:
    """ASCII from numbers only: no name can break the header."""
    return f"pupils-{data.school.urn}-{data.as_at:%Y-%m-%d}.csv"
