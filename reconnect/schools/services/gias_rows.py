"""Reading and checking a Get Information about Schools (GIAS) establishment extract.

Nothing here touches the database: the file is decoded, every row is checked, and the
London rows come back as plain ``GiasSchool`` records (or, if any row is wrong, the list of
problems). ``gias_import`` compares those records with the database and writes them.

The file format
---------------
A CSV with a header row naming the GIAS fields. Required: ``URN``, ``EstablishmentName``,
``LA (code)``, ``LA (name)``, ``TypeOfEstablishment (name)``, ``PhaseOfEducation (name)``,
``EstablishmentStatus (name)``, ``Postcode``, ``NumberOfPupils``, ``PercentageFSM``,
``Trusts (code)``, ``Trusts (name)``. Optional, our own extension because GIAS does not
publish them: ``PercentageEAL``, ``PercentageSENSupport``, ``PercentageEHCP``,
``AttendancePercent`` (from the DfE's school census and attendance releases). Every other
GIAS column is ignored. A blank cell means "not known". An optional column that is absent
leaves those figures untouched on schools already imported; present but blank clears them.
Quoting is strict: a cell that opens with a double quote must close it before the next comma
or line end, or the file is rejected at the row where that record starts (an unclosed quote
would otherwise run the rest of the file into one cell).

Decisions the DfE data leaves open
----------------------------------
- Phase: a type naming "special" is a special school; a pupil referral unit or a type
  naming "alternative provision" is alternative provision; otherwise the GIAS phase, with
  "Middle deemed primary/secondary" as primary/secondary. "Not applicable" is a nursery when
  the type names "nursery" (LA nursery schools), 16 plus for further-education, sixth-form
  and 16–19 types, and otherwise has no comparable phase: such rows (mostly independent
  schools, secure units and online providers) are skipped and counted, not rejected.
- Status: "Open" and "Open, but proposed to close" are open; "Closed" and "Proposed to
  open" are not (a school that has not opened has no pupils to compare).
- Percentages are rounded half-up to one decimal place, as the database stores them; a
  trailing "%" is accepted.
- Only London rows (the 33 DfE codes in ``data/london.py``) are imported; every row is still
  checked, because a wrong value anywhere suggests a shifted column or a damaged file.
"""

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reconnect.schools.data.london import LOCAL_AUTHORITIES, LONDON_LA_CODES

URN = "URN"
NAME = "EstablishmentName"
LA_CODE = "LA (code)"
LA_NAME = "LA (name)"
TYPE = "TypeOfEstablishment (name)"
PHASE = "PhaseOfEducation (name)"
STATUS = "EstablishmentStatus (name)"
POSTCODE = "Postcode"
PUPILS = "NumberOfPupils"
FSM = "PercentageFSM"
TRUST_CODE = "Trusts (code)"
TRUST_NAME = "Trusts (name)"

REQUIRED_COLUMNS = (
    URN,
    NAME,
    LA_CODE,
    LA_NAME,
    TYPE,
    PHASE,
    STATUS,
    POSTCODE,
    PUPILS,
    FSM,
    TRUST_CODE,
    TRUST_NAME,
)
# Optional column → School field it fills.
OPTIONAL_COLUMNS = {
    "PercentageEAL": "percent_eal",
    "PercentageSENSupport": "percent_sen_support",
    "PercentageEHCP": "percent_ehcp",
    "AttendancePercent": "attendance_percent",
}

# The School.Phase values, spelled out so this module needs no Django import.
NURSERY = "nursery"
PRIMARY = "primary"
SECONDARY = "secondary"
ALL_THROUGH = "all_through"
SIXTEEN_PLUS = "16_plus"
SPECIAL = "special"
ALTERNATIVE_PROVISION = "alternative_provision"

GIAS_PHASES = {
    "nursery": NURSERY,
    "primary": PRIMARY,
    "middle deemed primary": PRIMARY,
    "secondary": SECONDARY,
    "middle deemed secondary": SECONDARY,
    "16 plus": SIXTEEN_PLUS,
    "all-through": ALL_THROUGH,
    "not applicable": None,
}
SIXTEEN_PLUS_TYPE_WORDS = ("16 to 19", "16-19", "sixth form", "further education")

OPEN_STATUSES = {"open": True, "open, but proposed to close": True}
NOT_OPEN_STATUSES = {"closed": False, "proposed to open": False}
GIAS_STATUSES = {**OPEN_STATUSES, **NOT_OPEN_STATUSES}

MAX_URN = 2_147_483_647  # the database column is a 32-bit positive integer
MAX_PUPILS = 100_000
MAX_NAME = 200
MAX_TYPE = 100
MAX_POSTCODE = 10
MAX_TRUST_CODE = 20
MAX_TRUST_NAME = 200
ONE_PLACE = Decimal("0.1")

LONDON_CODE_BY_NAME = {name.casefold(): code for code, name, _inner in LOCAL_AUTHORITIES}
LONDON_NAME_BY_CODE = {code: name for code, name, _inner in LOCAL_AUTHORITIES}


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong with the file, phrased for the person who has to fix it."""

    row: int
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        if self.column is None:
            return f"row {self.row}: {self.message}"
        shown = self.value if self.value is not None else ""
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return f'row {self.row}, column "{self.column}": value "{shown}" – {self.message}'


@dataclass(frozen=True, slots=True)
class GiasSchool:
    """A checked London row, ready to compare with the database."""

    row: int
    urn: int
    name: str
    phase: str
    establishment_type: str
    la_code: int
    trust_code: str | None
    trust_name: str | None
    postcode: str
    is_open: bool
    number_on_roll: int | None
    percent_fsm: Decimal | None
    # Only the optional columns present in the file, keyed by School field name.
    optional: dict[str, Decimal | None]


@dataclass
class ParsedFile:
    rows: int = 0
    schools: list[GiasSchool] = field(default_factory=list)
    skipped_outside_london: int = 0
    skipped_no_phase: int = 0
    optional_fields: tuple[str, ...] = ()
    problems: list[ImportProblem] = field(default_factory=list)


# A cell parser: (column, raw text) -> value, raising _CellError when the text is wrong.
type _Parser[T] = Callable[[str, str], T]


class _CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


UTF8_BOM = b"\xef\xbb\xbf"
# What a cell may not hold: C0 controls other than tab, line feed and carriage return, DEL,
# and C1 controls. Spreadsheets hide them, and a NUL truncates text in other programs.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bytes decoded as UTF-8 with "surrogateescape": each invalid byte becomes a lone surrogate
# U+DC80–U+DCFF, so any other non-ASCII character was a valid multi-byte UTF-8 sequence.
_VALID_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")
SAVE_AS_UTF8 = "save the file from your spreadsheet as \u201cCSV UTF-8\u201d"


def decode(data: bytes) -> str | ImportProblem:
    """The file's text, or the problem that stops it being read.

    UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"). Otherwise Windows-1252,
    as GIAS and Excel's plain "CSV" write it, but only when no byte sequence in the file is
    valid multi-byte UTF-8: a UTF-8 file with one stray byte read as Windows-1252 would have
    every accented letter garbled ("St Mary’s" becomes "St Maryâ€™s"), so that file is
    rejected at the stray byte instead.
    """
    body = data.removeprefix(UTF8_BOM)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        if _VALID_MULTIBYTE.search(data.decode("utf-8", "surrogateescape")):
            return _undecodable(
                body,
                error.start,
                "utf-8",
                "is not valid UTF-8; the rest of the file is UTF-8, so reading it another "
                "way would garble every accented letter – retype this cell, or "
                f"{SAVE_AS_UTF8}, and try again.",
            )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        return _undecodable(
            data,
            error.start,
            "cp1252",
            f"is neither UTF-8 nor Windows-1252 text – {SAVE_AS_UTF8} and try again.",
        )


def _undecodable(data: bytes, start: int, encoding: str, reason: str) -> ImportProblem:
    """A problem naming the row, column and file line of the byte at ``start``."""
    # Everything before the first bad byte decodes; U+FFFD stands in for the bad byte.
    text = data[:start].decode(encoding) + "\ufffd"
    line = sum(1 for _ in io.StringIO(text, newline=""))
    message = f"byte 0x{data[start]:02X} on line {line} of the file {reason}"
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:  # a cell past the field size limit: the line will have to do
        return ImportProblem(line, None, None, message)
    cells = records[-1]
    header = [cell.strip() for cell in records[0]]
    if len(records) == 1 or len(cells) > len(header):
        return ImportProblem(len(records), None, None, message)
    # The cell up to the bad byte, keeping its end (where the byte is) when it is long.
    shown = cells[-1] if len(cells[-1]) <= 60 else "..." + cells[-1][-57:]
    return ImportProblem(len(records), header[len(cells) - 1], shown, message)


def _control_problems(row: int, cells: list[str], columns: list[str]) -> list[ImportProblem]:
    problems = []
    for number, cell in enumerate(cells):
        if not _CONTROL.search(cell):
            continue
        shown = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", cell)
        column = columns[number] if number < len(columns) else None
        where = "the cell holds" if column else f'cell {number + 1} ("{shown}") holds'
        problems.append(
            ImportProblem(
                row,
                column,
                shown if column else None,
                f"{where} a control character (shown here as \\x..), which spreadsheets "
                "hide – delete it and try again.",
            )
        )
    return problems


def phase_for(establishment_type: str, gias_phase: str) -> str | None:
    """Our phase for a GIAS type and phase, or None when no phase compares (see module doc)."""
    type_folded = establishment_type.casefold()
    if "special" in type_folded:
        return SPECIAL
    if type_folded == "pupil referral unit" or "alternative provision" in type_folded:
        return ALTERNATIVE_PROVISION
    phase = GIAS_PHASES[gias_phase.casefold()]
    if phase is not None:
        return phase
    if "nursery" in type_folded:
        return NURSERY
    if any(word in type_folded for word in SIXTEEN_PLUS_TYPE_WORDS):
        return SIXTEEN_PLUS
    return None


def parse_gias(data: bytes) -> ParsedFile:
    """Check every row of a GIAS extract; return the London schools or every problem found."""
    parsed = ParsedFile()
    text = decode(data)
    if isinstance(text, ImportProblem):
        parsed.problems.append(text)
        return parsed
    # One pass over the whole text, so that only a file with control characters pays for
    # checking cell by cell.
    has_controls = _CONTROL.search(text) is not None

    columns: list[str] | None = None
    try:
        records = _records(text)
        header = next(records, None)
        if header is None or not any(cell.strip() for cell in header[1]):
            parsed.problems.append(
                ImportProblem(
                    1,
                    None,
                    None,
                    "the file is empty – export the establishment fields from Get "
                    "Information about Schools, with the header row, and try again.",
                )
            )
            return parsed

        columns = [cell.strip() for cell in header[1]]
        if has_controls and (found := _control_problems(1, header[1], [])):
            parsed.problems.extend(found)
            return parsed
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        for name in missing:
            parsed.problems.append(
                ImportProblem(
                    1,
                    None,
                    None,
                    f'required column "{name}" is missing from the header row – export it '
                    "from Get Information about Schools, or add the column with that exact "
                    "name.",
                )
            )
        if missing:
            return parsed

        index = {
            name: columns.index(name)
            for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
            if name in columns
        }
        reader = _RowReader(index, width=len(columns))
        parsed.optional_fields = tuple(reader.optional.values())

        for row_number, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, as spreadsheets leave at the end
            parsed.rows += 1
            if has_controls and (found := _control_problems(row_number, cells, columns)):
                parsed.problems.extend(found)
                continue
            outcome = reader.read(row_number, cells)
            if isinstance(outcome, list):
                parsed.problems.extend(outcome)
            elif outcome == _OUTSIDE_LONDON:
                parsed.skipped_outside_london += 1
            elif outcome == _NO_PHASE:
                parsed.skipped_no_phase += 1
            elif isinstance(outcome, GiasSchool):
                parsed.schools.append(outcome)
    except _UnreadableRecordError as unreadable:
        # The reader cannot go on past a broken record, so the file stops here; the rows
        # before it have been checked and their problems are reported too.
        parsed.problems.append(unreadable.problem(text, columns))
        return parsed

    if parsed.rows == 0 and not parsed.problems:
        parsed.problems.append(
            ImportProblem(
                2,
                None,
                None,
                "the file has a header row but no schools – export the establishments "
                "with their fields and try again.",
            )
        )
    return parsed


_OUTSIDE_LONDON = "outside London"
_NO_PHASE = "no comparable phase"


class _RowReader:
    """Checks one row at a time, remembering what file-wide rules need (URNs, trusts)."""

    def __init__(self, index: dict[str, int], *, width: int) -> None:
        self.index = index
        self.width = width
        self.optional = {col: fld for col, fld in OPTIONAL_COLUMNS.items() if col in index}
        self.first_row_of_urn: dict[int, int] = {}
        self.trust_by_code: dict[str, tuple[str, int]] = {}
        self.trust_by_name: dict[str, tuple[str, int]] = {}

    def read(self, row: int, cells: list[str]) -> GiasSchool | list[ImportProblem] | str:
        """The school on this row, its problems, or why it is skipped."""
        if len(cells) < self.width:
            return [
                ImportProblem(
                    row,
                    None,
                    None,
                    f"the row has {len(cells)} cells but the header has {self.width} – check "
                    "for a missing comma or an unquoted line break in this row.",
                )
            ]
        values = _CellValues(row, [cell.strip() for cell in cells], self.index)
        urn = values.get(URN, _parse_urn)
        name = values.get(NAME, _text(MAX_NAME, "the school's name"))
        la_code = values.get(LA_CODE, _parse_la_code)
        establishment_type = values.get(TYPE, _text(MAX_TYPE, "the type of establishment"))
        gias_phase = values.get(PHASE, _parse_phase)
        is_open = values.get(STATUS, _parse_status)
        postcode = values.get(POSTCODE, _parse_postcode)
        pupils = values.get(PUPILS, _parse_pupils)
        fsm = values.get(FSM, _parse_percent)
        trust_code = values.get(TRUST_CODE, _optional_text(MAX_TRUST_CODE))
        trust_name = values.get(TRUST_NAME, _optional_text(MAX_TRUST_NAME))
        optional = {fld: values.get(col, _parse_percent) for col, fld in self.optional.items()}

        problems = values.problems
        if urn is not None:
            problems.extend(self._check_urn(row, urn))
        in_london = la_code in LONDON_LA_CODES
        if la_code is not None:
            problems.extend(_check_la(row, la_code, values.raw(LA_CODE), values.raw(LA_NAME)))
        if (trust_code is None) != (trust_name is None):
            problems.append(
                _half_a_trust(row, blank=TRUST_CODE if trust_code is None else TRUST_NAME)
            )
        elif in_london and trust_code is not None and trust_name is not None:
            problems.extend(self._check_trust(row, trust_code, trust_name))

        if problems:
            return problems
        if not in_london:
            return _OUTSIDE_LONDON
        # No problems means every required value parsed.
        if (
            urn is None
            or name is None
            or la_code is None
            or establishment_type is None
            or gias_phase is None
            or is_open is None
            or postcode is None
        ):
            raise AssertionError("a required value is missing though no problem was found")
        phase = phase_for(establishment_type, gias_phase)
        if phase is None:
            return _NO_PHASE
        return GiasSchool(
            row=row,
            urn=urn,
            name=name,
            phase=phase,
            establishment_type=establishment_type,
            la_code=la_code,
            trust_code=trust_code,
            trust_name=trust_name,
            postcode=postcode,
            is_open=is_open,
            number_on_roll=pupils,
            percent_fsm=fsm,
            optional=optional,
        )

    def _check_urn(self, row: int, urn: int) -> list[ImportProblem]:
        first = self.first_row_of_urn.setdefault(urn, row)
        if first == row:
            return []
        return [
            ImportProblem(
                row,
                URN,
                str(urn),
                f"this URN is already on row {first} – each school may appear only once; "
                "remove the duplicate row.",
            )
        ]

    def _check_trust(self, row: int, code: str, name: str) -> list[ImportProblem]:
        """One code, one name: a trust spelt two ways would be renamed back and forth."""
        problems = []
        seen_name, seen_row = self.trust_by_code.setdefault(code, (name, row))
        if seen_name != name:
            problems.append(
                ImportProblem(
                    row,
                    TRUST_NAME,
                    name,
                    f'trust {code} is called "{seen_name}" on row {seen_row} – use one name '
                    "for each trust code.",
                )
            )
        seen_code, seen_row = self.trust_by_name.setdefault(name.casefold(), (code, row))
        if seen_code != code:
            problems.append(
                ImportProblem(
                    row,
                    TRUST_CODE,
                    code,
                    f"the trust name is used with code {seen_code} on row {seen_row} – each "
                    "trust needs its own name; check which code is right.",
                )
            )
        return problems


class _CellValues:
    """The cells of one row, parsed column by column, collecting problems as they arise."""

    def __init__(self, row: int, cells: list[str], index: dict[str, int]) -> None:
        self.row = row
        self.cells = cells
        self.index = index
        self.problems: list[ImportProblem] = []

    def raw(self, column: str) -> str:
        return self.cells[self.index[column]]

    def get[T](self, column: str, parse: _Parser[T]) -> T | None:
        raw = self.raw(column)
        try:
            return parse(column, raw)
        except _CellError as error:
            self.problems.append(ImportProblem(self.row, column, raw, error.message))
            return None


def _check_la(row: int, code: int, raw_code: str, name: str) -> list[ImportProblem]:
    """The code decides whether a row is in London, so a code and name that disagree about a
    London borough are a problem: the row might be imported into the wrong borough."""
    named_code = LONDON_CODE_BY_NAME.get(name.casefold())
    if named_code is None or named_code == code:
        return []
    if code in LONDON_LA_CODES:
        message = (
            f"the LA code {code} is {LONDON_NAME_BY_CODE[code]}, not {name} ({named_code}) – "
            "correct whichever of the two is wrong."
        )
        return [ImportProblem(row, LA_NAME, name, message)]
    message = (
        f"{name} is a London borough with the DfE code {named_code}, not {code} – correct "
        "the code or the name."
    )
    return [ImportProblem(row, LA_CODE, raw_code, message)]


def _half_a_trust(row: int, *, blank: str) -> ImportProblem:
    other = TRUST_NAME if blank == TRUST_CODE else TRUST_CODE
    return ImportProblem(
        row,
        blank,
        "",
        f'it is blank but "{other}" is filled in – give both the trust\'s code and its '
        "name, or leave both blank for a school outside a trust.",
    )


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the row number a spreadsheet shows for it (header = 1).

    A quoted cell may hold a line break; a spreadsheet still shows that record as one row,
    so rows are counted by record, not by line. Strict, so that a double quote never
    closed is an error rather than a last cell silently holding the rest of the file.
    Raises _UnreadableRecordError for a record the csv module cannot read.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    while True:
        row += 1
        first_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _UnreadableRecordError(row, first_line, str(error)) from error
        yield row, cells


QUOTE_ADVICE = (
    'check this row for a stray double quote, and write a double quote inside a cell as two ("").'
)


class _UnreadableRecordError(Exception):
    """A record the csv module gave up on: ``row`` is where it started, ``line`` its line."""

    def __init__(self, row: int, line: int, reason: str) -> None:
        super().__init__(reason)
        self.row = row
        self.line = line
        self.reason = reason

    def problem(self, text: str, columns: list[str] | None) -> ImportProblem:
        if self.reason.startswith("field larger than field limit"):
            column, value = self._unclosed_cell(text, columns)
            return ImportProblem(
                self.row,
                column,
                value,
                f"a cell that starts on this row runs past {csv.field_size_limit():,} "
                "characters, usually because a double quote opens it and is never closed, "
                f"so the rest of the file ran into one cell; {QUOTE_ADVICE}",
            )
        if self.reason == "unexpected end of data":
            column, value = self._unclosed_cell(text, columns)
            where = "this cell" if column is not None else "a cell on this row"
            return ImportProblem(
                self.row,
                column,
                value,
                f"a double quote opens {where} and is never closed, so the rest of the file "
                f"ran into it; {QUOTE_ADVICE}",
            )
        if self.reason.endswith("expected after '\"'"):
            return ImportProblem(
                self.row,
                None,
                None,
                f"a quoted cell on this row has text after its closing double quote; "
                f"{QUOTE_ADVICE}",
            )
        return ImportProblem(
            self.row, None, None, f"this row is not valid CSV ({self.reason}); {QUOTE_ADVICE}"
        )

    def _unclosed_cell(self, text: str, columns: list[str] | None) -> tuple[str | None, str | None]:
        """The column whose quote is never closed, when the record's first line shows it.

        Read alone and leniently, that line ends inside the open quote, so its last cell is
        the culprit. If the line itself is complete (the quote opens on a later line of a
        record with a line break in a cell), the column is not guessed.
        """
        if columns is None:
            return None, None
        line = next(itertools.islice(io.StringIO(text, newline=""), self.line - 1, None), "")
        try:
            list(csv.reader([line], strict=True))
        except csv.Error:
            cells = next(csv.reader([line]), [])
            if 0 < len(cells) <= len(columns):
                return columns[len(cells) - 1], cells[-1].rstrip("\r\n")
        return None, None


def _is_number(raw: str) -> bool:
    """ASCII digits only: "²" passes str.isdigit() but int() rejects it, and int() reads
    other scripts' digits ("١٢" is 12), which no GIAS export contains."""
    return raw.isascii() and raw.isdigit()


def _parse_urn(column: str, raw: str) -> int:
    if not _is_number(raw) or not 0 < int(raw) <= MAX_URN:
        raise _CellError(
            "a URN is the school's unique reference number, a positive whole number such "
            "as 100000; copy it from Get Information about Schools.",
        )
    return int(raw)


def _parse_la_code(column: str, raw: str) -> int:
    if not (_is_number(raw) and len(raw) == 3):
        raise _CellError(
            "an LA code is the DfE's three-digit local authority number, such as 202 for "
            "Camden; copy it from Get Information about Schools.",
        )
    return int(raw)


def _parse_phase(column: str, raw: str) -> str:
    if raw.casefold() not in GIAS_PHASES:
        raise _CellError(
            "not a GIAS phase of education; use one of Nursery, Primary, Middle deemed "
            "primary, Secondary, Middle deemed secondary, 16 plus, All-through or Not "
            "applicable.",
        )
    return raw


def _parse_status(column: str, raw: str) -> bool:
    status = GIAS_STATUSES.get(raw.casefold())
    if status is None:
        raise _CellError(
            "not a GIAS establishment status; use Open, Closed, Open, but proposed to "
            "close, or Proposed to open.",
        )
    return status


def _parse_postcode(column: str, raw: str) -> str:
    postcode = " ".join(raw.upper().split())
    # ASCII only, for the same reason as _is_number: "²" and "É" pass str.isalnum().
    if len(postcode) > MAX_POSTCODE or not (
        postcode.isascii() and all(ch.isalnum() or ch == " " for ch in postcode)
    ):
        raise _CellError(
            "not a UK postcode; write it like NW1 2AB, or leave it blank if unknown.",
        )
    return postcode


def _parse_pupils(column: str, raw: str) -> int | None:
    if raw == "":
        return None
    if not _is_number(raw) or int(raw) > MAX_PUPILS:
        raise _CellError(
            f"the number of pupils must be a whole number from 0 to {MAX_PUPILS:,}, such "
            "as 420; leave it blank if unknown.",
        )
    return int(raw)


def _parse_percent(column: str, raw: str) -> Decimal | None:
    text = raw.removesuffix("%").strip()
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise _CellError(
            "a percentage must be a number from 0 to 100, such as 24.5; leave it blank if unknown.",
        )
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def _text(limit: int, what: str) -> _Parser[str]:
    def parse(column: str, raw: str) -> str:
        if raw == "":
            raise _CellError(f"{what} is blank; fill it in from GIAS.")
        if len(raw) > limit:
            raise _CellError(f"longer than {limit} characters; shorten it.")
        return raw

    return parse


def _optional_text(limit: int) -> _Parser[str | None]:
    def parse(column: str, raw: str) -> str | None:
        if len(raw) > limit:
            raise _CellError(f"longer than {limit} characters; shorten it.")
        return raw or None

    return parse
