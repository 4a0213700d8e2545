"""A pilot's outcome file: bytes in, one row per pupil or the problems that stop it.

Pure: no Django. Bytes are decoded, the separator sniffed and the table read by the
spectrum's pupil-file helpers (``reconnect.spectrum.ingest``): the same encodings (UTF-8
with or without a byte-order mark, UTF-16, Windows-1252), separators (comma, semicolon,
tab) and Excel workbooks (.xlsx, first and only sheet). What is read here:

- ``pupil`` (required): the school's own pupil reference or UPN. Returned as written
  (trimmed) for the caller to hash at once; in a problem it is masked.
- ``group``: intervention or comparison. Read case-insensitively: ``intervention``,
  ``i``, ``int``, ``treatment``, ``t``, ``1`` are the intervention group; ``comparison``,
  ``c``, ``comp``, ``control``, ``0`` the comparison group. A single-group pilot may leave
  the column out (every pupil is then in the intervention group); if the column is there,
  every row must say intervention.
- ``pre``: the score before. Required, for every pupil, when the pilot is one group before
  and after or the measure is attendance; otherwise optional.
- ``post``: the score after. The column is required; a blank cell means the pupil left the
  school or was not measured, and counts towards attrition.

Headers are matched without regard to case, spaces or punctuation, with a few aliases
(``HEADERS``); other columns are ignored. Scores are numbers with a decimal point within
the measure's range. Any problem rejects the whole file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import fastexcel

from reconnect.spectrum.ingest.decode import check_size, decode, kind_of
from reconnect.spectrum.ingest.errors import FileRefused
from reconnect.spectrum.ingest.report import mask_upn
from reconnect.spectrum.ingest.result import MAX_PROBLEMS, MAX_ROWS, Problem
from reconnect.spectrum.ingest.tabular import ROW, Table, column_name, read_csv, read_workbook

MAX_BYTES = 5 * 1024 * 1024
COLUMNS = ("pupil", "group", "pre", "post")

# Normalised header (lower case, letters and digits only) → column.
HEADERS: dict[str, str] = {
    **dict.fromkeys(
        (
            "pupil",
            "pupilref",
            "pupilreference",
            "pupilid",
            "upn",
            "reference",
            "ref",
            "id",
            "admissionnumber",
            "adno",
        ),
        "pupil",
    ),
    **dict.fromkeys(("group", "arm", "condition", "allocation"), "group"),
    **dict.fromkeys(("pre", "prescore", "before", "baseline", "pretest", "prescorebefore"), "pre"),
    **dict.fromkeys(("post", "postscore", "after", "outcome", "posttest", "endline"), "post"),
}

INTERVENTION, COMPARISON = "intervention", "comparison"
GROUPS: dict[str, str] = {
    **dict.fromkeys(("intervention", "i", "int", "treatment", "t", "1"), INTERVENTION),
    **dict.fromkeys(("comparison", "c", "comp", "control", "0"), COMPARISON),
}

_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^-?[0-9]+,[0-9]+$")
_DATE = re.compile(
    r"^(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[ T].*)?)$"
)
_FORMULA = re.compile(r"^(?:[=@]|[+-][^0-9.])")
_PUPIL = re.compile(r"^[\w./ -]{1,50}$")

PUPIL_FORMAT = "a pupil reference of up to 50 letters, digits, spaces, dots, dashes or slashes"
DUPLICATE = "each pupil once: this pupil is also in row {row}. Delete one of the rows"
ONE_GROUP = (
    "intervention: this pilot has one group, before and after, so it has no comparison "
    "pupils. Delete the row or change the pilot's design"
)
WORKBOOK_SHEETS = (
    "a workbook with the outcomes on its only sheet: this one has {count} sheets. Delete "
    "the other sheets, or save the outcome sheet as CSV"
)


@dataclass(frozen=True)
class Rules:
    """What the pilot and the measure ask of the file."""

    lowest: float | None = None
    highest: float | None = None
    single_group: bool = False
    pre_required: bool = False


@dataclass(frozen=True)
class PupilRow:
    pupil: str
    group: str
    pre: float | None
    post: float | None


@dataclass
class Outcomes:
    """The pupils read, or the problems (the first ``MAX_PROBLEMS``, ``problem_count`` of
    them in all); ``rows`` is the number of pupil rows in the file either way."""

    pupils: list[PupilRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0


def normalise_header(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _number_text(value: float) -> str:
    return f"{value:g}"


def _range_text(rules: Rules) -> str:
    if rules.lowest is not None and rules.highest is not None:
        return f"a number from {_number_text(rules.lowest)} to {_number_text(rules.highest)}"
    if rules.lowest is not None:
        return f"a number of {_number_text(rules.lowest)} or more"
    if rules.highest is not None:
        return f"a number of {_number_text(rules.highest)} or less"
    return "a number"


def _refused(result: Outcomes, problem: Problem) -> Outcomes:
    result.problems = [problem]
    result.problem_count = 1
    return result


def too_large(size: int) -> str:
    return (
        f"a file of at most {MAX_BYTES // (1024 * 1024)} MB (this one is "
        f"{size / (1024 * 1024):.1f} MB): keep only the pupil, group, pre and post columns"
    )


def read_table(data: bytes) -> Table:
    """The file as a table of strings, or ``FileRefused`` for the whole file."""
    if len(data) > MAX_BYTES:
        raise FileRefused(too_large(len(data)))
    check_size(data)
    if kind_of(data) == "workbook":
        try:
            sheets = len(fastexcel.read_excel(data).sheet_names)
        except Exception:  # calamine raises several kinds of error for a damaged workbook
            sheets = 1  # read_workbook says what is wrong with it
        if sheets > 1:
            raise FileRefused(WORKBOOK_SHEETS.format(count=sheets))
        return read_workbook(data)
    table, ragged = read_csv(decode(data).text)
    if ragged:
        raise _Ragged(ragged)
    return table


class _Ragged(Exception):  # noqa: N818 - a refusal carrying its problems
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("ragged rows")
        self.problems = problems


def _columns(table: Table, rules: Rules, result: Outcomes) -> dict[str, int] | None:
    """Where each known column is, or None after adding the problems with the headers."""
    found: dict[str, list[int]] = {}
    for index, header in enumerate(table.headers):
        name = HEADERS.get(normalise_header(header))
        if name is None:
            if header:
                result.ignored.append(header)
            continue
        found.setdefault(name, []).append(index)
    if len(table.headers) == 1 and len(found) < 2:
        _one_column(table, result)
        return None
    problems: list[Problem] = []
    for name, indexes in found.items():
        if len(indexes) > 1:
            written = ", ".join(table.headers[i] for i in indexes)
            problems.append(
                Problem(
                    row=1,
                    column=table.headers[indexes[1]],
                    value=written,
                    expected=f"one {name} column: this file has {len(indexes)} ({written}). "
                    "Delete or rename the extra one",
                )
            )
    required = ["pupil", "post"]
    if not rules.single_group:
        required.insert(1, "group")
    if rules.pre_required:
        required.insert(-1, "pre")
    for name in required:
        if name not in found:
            problems.append(Problem(row=1, column=name, value="", expected=_missing(name, rules)))
    if problems:
        result.problems = problems
        result.problem_count = len(problems)
        return None
    return {name: indexes[0] for name, indexes in found.items()}


def _one_column(table: Table, result: Outcomes) -> None:
    result.ignored = []
    result.problems = [
        Problem(
            row=1,
            column="",
            value=table.headers[0][:100],
            expected="columns separated by commas, semicolons or tabs: Reconnect found only "
            "one column. Save the file as CSV from Excel, or as an Excel workbook",
        )
    ]
    result.problem_count = 1


def _missing(name: str, rules: Rules) -> str:
    if name == "pupil":
        return (
            "a column headed pupil, holding each pupil's reference or UPN (it is scrambled "
            "before it is stored)"
        )
    if name == "group":
        return "a column headed group saying intervention or comparison for each pupil"
    if name == "pre":
        why = (
            "this pilot compares each pupil before and after"
            if rules.single_group
            else "this measure is compared before and after"
        )
        return f"a column headed pre with each pupil's score before the pilot: {why}"
    return (
        "a column headed post with each pupil's score after the pilot (leave a cell blank "
        "for a pupil who left)"
    )


def _score(text: str, column: str, rules: Rules, errors: list[tuple[str, str]]) -> float | None:
    if _DECIMAL_COMMA.match(text):
        errors.append(
            (
                column,
                f"a number with a decimal point, not a comma: write {text.replace(',', '.')}",
            )
        )
        return None
    if _DATE.match(text):
        errors.append((column, f"{_range_text(rules)}, not a date: check the column"))
        return None
    if not _NUMBER.match(text):
        errors.append((column, f"{_range_text(rules)}, or a blank cell if it is missing"))
        return None
    value = float(text)
    if not math.isfinite(value) or (
        (rules.lowest is not None and value < rules.lowest)
        or (rules.highest is not None and value > rules.highest)
    ):
        errors.append((column, f"{_range_text(rules)}, the measure's range"))
        return None
    return value


def read_outcomes(
    data: bytes, rules: Rules, *, key: Callable[[str], str] = lambda p: p.strip().upper()
) -> Outcomes:
    """The file's pupils, or every problem found. ``key`` gives the form under which two
    references are the same pupil (the hasher's normalisation)."""
    result = Outcomes()
    try:
        table = read_table(data)
    except FileRefused as refused:
        return _refused(result, refused.problem)
    except _Ragged as ragged:
        result.problems = ragged.problems[:MAX_PROBLEMS]
        result.problem_count = len(ragged.problems)
        return result
    columns = _columns(table, rules, result)
    if columns is None:
        return result
    frame = table.frame
    names = {name: column_name(index) for name, index in columns.items()}
    headers = {name: table.headers[index] for name, index in columns.items()}
    values = {name: frame.get_column(col).to_list() for name, col in names.items()}
    row_numbers = frame.get_column(ROW).to_list()
    problems: list[Problem] = []
    order: list[int] = []  # each problem's column position, to list them in file order
    seen: dict[str, int] = {}
    for position, row in enumerate(row_numbers):
        cells = {name: (values[name][position] or "").strip() for name in names}
        if not any(cells.values()):
            continue  # a blank line
        result.rows += 1
        errors: list[tuple[str, str]] = []
        for name, text in cells.items():
            if text and _FORMULA.match(text):
                errors.append(
                    (name, "a value, not a formula: paste the values only (Paste Special)")
                )
        formulas = {name for name, _ in errors}
        pupil = cells["pupil"]
        if "pupil" not in formulas:
            if not pupil:
                errors.append(("pupil", "the pupil's reference or UPN: this cell is blank"))
            elif not _PUPIL.match(pupil):
                errors.append(
                    (
                        "pupil",
                        PUPIL_FORMAT,
                    )
                )
            else:
                same = key(pupil)
                if same in seen:
                    errors.append(
                        (
                            "pupil",
                            DUPLICATE.format(row=seen[same]),
                        )
                    )
                else:
                    seen[same] = row
        group = INTERVENTION
        if "group" in cells and "group" not in formulas:
            text = cells["group"]
            found = GROUPS.get(text.lower())
            if found is None:
                errors.append(
                    (
                        "group",
                        "intervention or comparison (or I, C, treatment, control, 1, 0)",
                    )
                )
            elif rules.single_group and found != INTERVENTION:
                errors.append(
                    (
                        "group",
                        ONE_GROUP,
                    )
                )
            else:
                group = found
        pre: float | None = None
        if "pre" in cells and "pre" not in formulas:
            if cells["pre"]:
                pre = _score(cells["pre"], "pre", rules, errors)
            elif rules.pre_required:
                errors.append(("pre", f"{_range_text(rules)}: the score before the pilot"))
        post: float | None = None
        if "post" not in formulas and cells["post"]:
            post = _score(cells["post"], "post", rules, errors)
        if errors:
            for name, expected in errors:
                value = cells.get(name, "")
                if name == "pupil":
                    value = mask_upn(value)
                problems.append(Problem(row, headers.get(name, name), value, expected))
                order.append(columns.get(name, -1))
        else:
            result.pupils.append(PupilRow(pupil=pupil, group=group, pre=pre, post=post))
    if result.rows == 0:
        return _refused(
            result,
            Problem(
                None,
                "",
                "",
                "one row per pupil under the header row: this file has no pupil rows",
            ),
        )
    if result.rows > MAX_ROWS:  # the readers refuse more rows; blank ones aside, a guard
        return _refused(result, Problem(None, "", "", f"at most {MAX_ROWS:,} pupils"))
    if problems:
        result.pupils = []
        ranked = sorted(range(len(problems)), key=lambda i: (problems[i].row or 0, order[i]))
        result.problems = [problems[i] for i in ranked[:MAX_PROBLEMS]]
        result.problem_count = len(problems)
    return result
