"""Text or workbook to a table of strings: headers as written, one String column per
header (named ``c0``, ``c1``, … so duplicate or blank headers cannot collide), cells as
written (the reader strips them and drops blank rows), and ``ROW``, the spreadsheet row
number of each record (the header is row 1).

CSV is parsed by polars with an all-string schema. polars pads a row with too few fields
and refuses one with too many, so the structure is checked separately: the separators
outside quotes must be exactly (columns - 1) per non-blank record. That count costs two
string counts, and only when it disagrees does Python's ``csv`` module walk the file to name
the rows that are wrong.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import fastexcel
import numpy as np
import polars as pl

from .decode import SAVE_AS_CSV
from .errors import FileRefused
from .result import MAX_ROWS, Problem
from .sniff import header_line, separator

ROW = "__row"

SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass
class Table:
    headers: list[str]
    frame: pl.DataFrame  # c0..cN (String) and ROW (Int64)
    separator: str | None  # None for a workbook
    # True when no cell starts or ends with white space and every blank cell is null, so
    # the cells need no cleaning (see ``trimmed``).
    trimmed: bool = False
    # Where each cell is in the file's bytes, when that is plain (see ``CellBytes``).
    cells: CellBytes | None = None


@dataclass(frozen=True)
class CellBytes:
    """A CSV's bytes and where each cell of the frame lies in them: cell (row, column) is
    ``data[starts[row, column]:ends[row, column]]``. Only for a file without quotation
    marks, blank lines or cells to trim, where the bytes between separators are the cells
    exactly."""

    data: np.ndarray  # uint8
    starts: np.ndarray  # (rows, columns)
    ends: np.ndarray


def column_name(index: int) -> str:
    return f"c{index}"


def _number(frame: pl.DataFrame, offset: int) -> pl.DataFrame:
    """Add each record's spreadsheet row number."""
    rows = pl.Series(ROW, np.arange(offset, offset + frame.height, dtype=np.int64))
    return frame.insert_column(0, rows)


def read_csv(text: str) -> tuple[Table, list[Problem]]:
    """The table, plus one problem per ragged row (then the frame is not to be used)."""
    encoded = text.encode("utf-8")
    crlf = "\r" in text and _crlf_throughout(encoded)
    if "\r" in text and not crlf:  # line breaks of another kind become line feeds
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        encoded = text.encode("utf-8")
    sep = separator(text)
    line = header_line(text).removesuffix("\r")
    headers = [h.strip() for h in next(csv.reader([line], delimiter=sep))]
    width = len(headers)
    names = [column_name(i) for i in range(width)]
    try:
        frame = pl.read_csv(
            encoded,
            separator=sep,
            has_header=True,
            new_columns=names,
            infer_schema=False,
            empty_string_is_null=True,
            quote_char='"',
        )
    except pl.exceptions.PolarsError:
        problems = _locate(_line_feeds(text), sep, width)
        if problems:
            return Table(headers, pl.DataFrame(), sep), problems
        raise FileRefused(SAVE_AS_CSV + ": this file could not be read as CSV") from None
    if frame.height > MAX_ROWS:
        raise FileRefused(
            f"at most {MAX_ROWS:,} pupils in one file: this one has {frame.height:,} rows"
        )
    scan = _Scan(encoded, sep, crlf=crlf)
    if not _well_formed(text, scan, headers, frame):
        problems = _locate(_line_feeds(text), sep, width)
        if problems:
            return Table(headers, pl.DataFrame(), sep), problems
    cells = _cell_bytes(scan, width, frame.height)
    plain = trimmed(scan) if cells is None else _cells_trimmed(scan, cells)
    return Table(headers, _number(frame, 2), sep, trimmed=plain, cells=cells if plain else None), []


def _line_feeds(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


CARRIAGE_RETURN, LINE_FEED, QUOTE = 0x0D, 0x0A, 0x22


class _Scan:
    """The CSV's bytes with the masks the checks below share. Lines end in a line feed,
    or (``crlf``) every line in a carriage return and a line feed, which polars reads as
    it reads a line feed."""

    def __init__(self, encoded: bytes, sep: str, *, crlf: bool = False) -> None:
        self.encoded = encoded
        self.sep = sep
        self.crlf = crlf
        self.codes = np.frombuffer(encoded, dtype=np.uint8)
        self.line_feeds = self.codes == LINE_FEED
        # Where each line's last cell ends, and how far past that the next line starts.
        self.line_ends = self.codes == CARRIAGE_RETURN if crlf else self.line_feeds
        self.gap = 2 if crlf else 1
        self.separators = self.codes == ord(sep)

    def blank_line(self) -> bool:
        return not self.crlf and bool((self.line_feeds[1:] & self.line_feeds[:-1]).any())


def _crlf_throughout(encoded: bytes) -> bool:
    """Whether every line ends in CRLF: no other carriage return, no blank line and no
    quotation mark (a quoted cell may hold a line break, which is read as a line feed)."""
    if b'"' in encoded:
        return False
    codes = np.frombuffer(encoded, dtype=np.uint8)
    returns, feeds = codes == CARRIAGE_RETURN, codes == LINE_FEED
    if returns[-1] or feeds[0] or not np.array_equal(returns[:-1], feeds[1:]):
        return False
    return not (feeds[:-1] & returns[1:]).any()  # a line feed then a carriage return


def _cell_bytes(scan: _Scan, width: int, height: int) -> CellBytes | None:
    """Where each cell lies, when every record is one line of exactly ``width`` cells
    without quotation marks; None otherwise."""
    codes = scan.codes
    if b'"' in scan.encoded or not codes.size:
        return None
    delimiters = np.flatnonzero(scan.separators | scan.line_ends)
    lines = height + 1
    if codes[-1] != LINE_FEED:  # the last line has no line end: the file's end is its end
        delimiters = np.append(delimiters, codes.size)
        lines -= 1
    if delimiters.size != (height + 1) * width:
        return None
    ends = delimiters.reshape(height + 1, width)
    # Every line's last delimiter is a line end, and there are no others.
    if np.count_nonzero(scan.line_ends) != lines or not scan.line_ends[ends[:lines, -1]].all():
        return None
    starts = np.empty_like(ends)
    starts[:, 1:] = ends[:, :-1] + 1
    starts[1:, 0] = ends[:-1, -1] + scan.gap
    starts[0, 0] = 0
    return CellBytes(codes, starts[1:], ends[1:])


# White space as ``str.strip_chars`` (Rust's ``char::is_whitespace``) knows it, beyond ASCII.
_WIDE_SPACES = frozenset("\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000").union(
    chr(code) for code in range(0x2000, 0x200B)
)


def trimmed(scan: _Scan) -> bool:
    """Whether no cell of this CSV can start or end with white space and every blank cell
    is null, decided from the bytes without parsing them (False only means the cells must
    be cleaned to be sure).

    polars reads an unquoted blank cell as null but a quoted one ("") as an empty string.
    A cell's first character follows a separator, a line feed, an opening quotation mark
    or the start of the file; its last comes before the same. So no ASCII space or tab
    beside any of those, and no wider white space anywhere, means no cell to trim.
    """
    encoded, codes = scan.encoded, scan.codes
    if not encoded:
        return True
    if any(space in encoded for space in (b"\x0b", b"\x0c", b'""')):
        return False
    if not scan.crlf and b"\r" in encoded:
        return False
    spaces = codes == 0x20
    if scan.sep == "\t":
        if b'"' in encoded:  # a quoted cell may start with a tab: nothing to tell it by
            return False
    elif b"\t" in encoded:
        spaces |= codes == 0x09
    if spaces[0] or spaces[-1]:
        return False
    edges = scan.separators | scan.line_feeds | scan.line_ends
    if b'"' in encoded:
        edges |= codes == 0x22
    if (spaces[1:] & edges[:-1]).any() or (spaces[:-1] & edges[1:]).any():
        return False
    return not (not encoded.isascii() and _wide_space(scan))


def _cells_trimmed(scan: _Scan, cells: CellBytes) -> bool:
    """``trimmed`` for a file whose cells are known: no cell starts or ends with a space
    or a tab (there are no quotation marks, so no quoted blank cell either)."""
    if any(space in scan.encoded for space in (b"\x0b", b"\x0c")):
        return False
    codes = scan.codes
    # A blank cell's first byte is the delimiter after it and its last the one before it:
    # neither is white space, so every cell can be looked at.
    for edge in (codes[cells.starts], codes[cells.ends - 1]):
        if ((edge == 0x20) | (edge == 0x09)).any():
            return False
    return not (not scan.encoded.isascii() and _wide_space(scan))


def _wide_space(scan: _Scan) -> bool:
    """Whether the (UTF-8) bytes hold white space beyond ASCII."""
    codes, encoded = scan.codes, scan.encoded
    # The lead bytes of the wider spaces' UTF-8 forms, then the characters they start.
    leads = np.flatnonzero((codes == 0xC2) | ((codes >= 0xE1) & (codes <= 0xE3)))
    for position in leads.tolist():
        if encoded[position : position + 3].decode("utf-8", "ignore")[:1] in _WIDE_SPACES:
            return True
    return False


def _well_formed(text: str, scan: _Scan, headers: list[str], frame: pl.DataFrame) -> bool:
    """Whether every non-blank record has exactly one field per header."""
    if frame.height == 0:
        return True
    sep = scan.sep
    inside_values = sum(h.count(sep) for h in headers)
    blank_line = scan.blank_line()
    if b'"' in scan.encoded:
        inside_values += int(
            frame.select(
                pl.sum_horizontal(pl.all().str.count_matches(sep, literal=True).sum())
            ).item()
        )
        if blank_line:
            # A quoted value may hold a blank line; only the careful walk can tell.
            return False
    blank_lines = 0
    if blank_line:
        blank_lines = text.count("\n\n") - (1 if text.endswith("\n\n") else 0)
    records = 1 + frame.height - blank_lines
    # A separator is one ASCII byte: counting its bytes counts its characters.
    separators = int(np.count_nonzero(scan.separators))
    return separators - inside_values == (len(headers) - 1) * records


def _locate(text: str, sep: str, width: int) -> list[Problem]:
    """One problem per record with the wrong number of fields; FileRefused when the quoting
    is broken (an unterminated quote swallows the rest of the file)."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            if len(record) != width and any(field.strip() for field in record):
                problems.append(
                    Problem(
                        row=row,
                        column="",
                        value=f"{len(record)} values",
                        expected=(
                            f"{width} values, one under each column header: look for a "
                            f"missing or extra {SEPARATOR_NAMES[sep]} in this row"
                        ),
                    )
                )
    except csv.Error:
        raise FileRefused(
            "quotation marks in pairs around a value: a quotation mark in this row is never "
            "closed, or stands in the middle of a value",
            row=row + 1,
        ) from None
    return problems


def read_workbook(data: bytes) -> Table:
    """The first sheet, every cell as text (dates as ISO, numbers without a trailing .0)."""
    try:
        sheet = fastexcel.read_excel(data).load_sheet(0, header_row=None, dtypes="string")
        frame = sheet.to_polars()
    except Exception:  # calamine raises several kinds of error for a damaged workbook
        raise FileRefused(
            SAVE_AS_CSV + ": this workbook could not be opened (is it damaged or protected "
            "with a password?)"
        ) from None
    if frame.height == 0 or frame.width == 0:
        raise FileRefused("a file with a header row and one row per pupil: this file is empty")
    if frame.height - 1 > MAX_ROWS:
        raise FileRefused(
            f"at most {MAX_ROWS:,} pupils in one file: this one has {frame.height - 1:,} rows"
        )
    headers = ["" if h is None else str(h).strip() for h in frame.row(0)]
    names = [column_name(i) for i in range(len(headers))]
    body = frame.slice(1).rename(dict(zip(frame.columns, names, strict=True)))
    return Table(headers, _number(body, 2), None)
