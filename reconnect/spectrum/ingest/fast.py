"""The quick reading of a file's columns, for the cells files usually hold. ``cells`` stays
the careful reading, and the judge.

A column is read quickly, or it is *in doubt*: then the reader reads all of it again with
``cells.parse``, which also says what is wrong with each cell. The quick reading never
decides anything on its own. A column is read quickly only when every one of its cells is
in a form the quick reading knows to give exactly the careful reading's value, and the
careful reading's checks would find nothing wrong with it; anything else puts the column
in doubt. So a clean file skips the careful reading, and a file with problems gets the
same report as before.

Why quick: polars charges for every expression in a query and Python for every call, so
the work is done for many columns at once, not column by column:

- Booleans, codes and year groups: the columns of a kind are stacked into one series.
  Booleans first try the file's own pair of spellings ("Yes"/"No": two comparisons),
  else an enumeration of every spelling; codes are cast to a private categorical mapping
  holding, in order, every spelling the careful reading accepts (``_spellings`` runs the
  careful reading on each candidate spelling to build it), so a cell's category is its
  spelling's number, looked up per column.
- Dates, numbers, references, UPNs and text: each cell's bytes (in the file itself when
  it is plain, see ``tabular.CellBytes``, else the cells joined) are checked with numpy
  against the form the careful reading accepts without a second look (DD/MM/YYYY or
  YYYY-MM-DD, digits, a decimal point, a reference's alphabet, a UPN's letters, digits
  and check letter); then one cast or one date parse per kind gives the values.
"""

from __future__ import annotations

import functools
import itertools
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import cast

import numpy as np
import polars as pl

from reconnect.spectrum.columns import BY_NAME, Column, Kind

from .cells import _EXCEL_NUMBER, _YEAR_GROUPS, BOOLEANS, UPN_ALPHABET, parse, raw_name
from .tabular import CellBytes
from .wording import MINIMUM

# Kinds read as a byte string (see ``_read_bytes``), in the order they are stacked.
BYTEWISE = (Kind.DATE, Kind.MONTH, Kind.INT, Kind.DECIMAL, Kind.TEXT, Kind.REF, Kind.UPN)
ENUMERATED = (Kind.BOOL, Kind.CODE, Kind.YEAR_GROUP)
# The careful reading only: the postcode's value is rewritten, not just checked.
CAREFUL_ONLY = frozenset({"postcode"})

# The largest whole number the careful reading takes (nine digits).
_NINE_DIGITS = 999_999_999
DMY = "%d/%m/%Y"
ISO = "%Y-%m-%d"
_BOOLEAN_PAIRS = (
    ("Y", "N"), ("Yes", "No"), ("YES", "NO"), ("yes", "no"), ("y", "n"), ("True", "False"),
    ("TRUE", "FALSE"), ("true", "false"), ("T", "F"), ("1", "0"), ("✓", "✗"),
)  # fmt: skip


def _table(characters: str) -> np.ndarray:
    """A 256-entry lookup: True for the bytes of ``characters`` (ASCII only)."""
    table = np.zeros(256, dtype=bool)
    table[list(characters.encode("ascii"))] = True
    return table


_DIGIT = _table(string.digits)
_NUMBER_BYTE = _table(string.digits + ".")
_REF_BYTE = _table(string.ascii_letters + string.digits + "_./-")
_FORMULA_START = _table("=+-@")
_E = _table("Ee")
_EXCEL = re.compile(_EXCEL_NUMBER.encode("ascii"), re.IGNORECASE)
# A UPN character's value in the check-letter sum, or -1: letters by their place in the
# alphabet, digits as themselves.
_UPN_LETTER = np.full(256, -1, dtype=np.int64)
_UPN_LETTER[list(UPN_ALPHABET.encode("ascii"))] = np.arange(len(UPN_ALPHABET))
_UPN_LAST = _UPN_LETTER.copy()
_UPN_LAST[list(string.digits.encode("ascii"))] = np.arange(10)
_UPN_WEIGHTS = np.arange(2, 13)  # characters 2 to 12


@dataclass
class QuickRead:
    values: dict[str, pl.Series] = field(default_factory=dict)  # canonical -> typed values
    doubtful: list[str] = field(default_factory=list)  # for the careful reading


def read_quickly(
    cleaned: pl.DataFrame, columns: dict[str, int], *, cells: CellBytes | None, today: date
) -> QuickRead:
    """The values of the canonical ``columns`` (from the ``raw_name`` columns of
    ``cleaned``) that can be read quickly, and the names of the others, in the order of
    ``columns``. ``cells``, when given, holds each row's cells in the file's bytes, by
    the column's position (the value in ``columns``)."""
    names = list(columns)
    layout = _layout(tuple(names))
    out = QuickRead()
    height = cleaned.height
    raw = {name: cleaned.get_column(raw_name(name)) for name in names}
    _read_booleans(layout.booleans, raw, height, out)
    _read_codes(layout.codes, raw, height, out)
    positions = [columns[name] for name in layout.bytewise]
    _read_bytes(layout.bytewise, raw, height, today, out, cells=cells, positions=positions)
    doubtful = set(out.doubtful) | set(layout.careful)
    out.doubtful = [name for name in names if name in doubtful]
    return out


@dataclass(frozen=True)
class _Layout:
    booleans: tuple[str, ...]
    codes: tuple[str, ...]  # codes and year groups
    bytewise: tuple[str, ...]  # in ``BYTEWISE`` order
    careful: tuple[str, ...]


@functools.lru_cache(maxsize=1024)
def _layout(names: tuple[str, ...]) -> _Layout:
    kinds = {name: BY_NAME[name].kind for name in names}
    quick = [name for name in names if name not in CAREFUL_ONLY]
    return _Layout(
        booleans=tuple(name for name in quick if kinds[name] is Kind.BOOL),
        codes=tuple(name for name in quick if kinds[name] in (Kind.CODE, Kind.YEAR_GROUP)),
        bytewise=tuple(name for kind in BYTEWISE for name in quick if kinds[name] is kind),
        careful=tuple(name for name in names if name in CAREFUL_ONLY),
    )


def _stack(raw: dict[str, pl.Series], names: Iterable[str]) -> pl.Series:
    return pl.concat([raw[name] for name in names], rechunk=True)


def _split(
    values: pl.Series, names: Sequence[str], height: int, out: QuickRead, doubtful: Iterable[bool]
) -> None:
    for index, (name, doubt) in enumerate(zip(names, doubtful, strict=True)):
        if doubt:
            out.doubtful.append(name)
        else:
            out.values[name] = values.slice(index * height, height).alias(name)


# --- Booleans, codes, year groups ----------------------------------------------------


def _casings(text: str) -> set[str]:
    """``text`` with each word in upper, lower or title case ("SEN Support", "New to
    English"), as MIS labels are written."""
    words = [sorted({word.upper(), word.lower(), word.title()}) for word in text.split(" ")]
    return {text, text.capitalize()} | {" ".join(choice) for choice in itertools.product(*words)}


def _all_casings(text: str) -> set[str]:
    letters = [sorted({ch.lower(), ch.upper()}) for ch in text]
    return {"".join(choice) for choice in itertools.product(*letters)}


def _candidates(column: Column) -> set[str]:
    if column.kind is Kind.BOOL:
        return set().union(*(_all_casings(key) for key in BOOLEANS))
    if column.kind is Kind.YEAR_GROUP:
        found: set[str] = set()
        for key in _YEAR_GROUPS:
            for prefix in ("", "Year ", "Y", "Yr ", "Year", "NC Year ", "Y "):
                found |= _casings(prefix + key)
        return found
    found = set()
    for text in (*column.codes, *column.labels):
        found |= _casings(text)
    return found


@functools.lru_cache(maxsize=128)
def _spellings(name: str) -> dict[str, object]:
    """Every candidate spelling the careful reading gives a value for, with that value."""
    candidates = sorted(_candidates(BY_NAME[name]))
    careful = parse(name, today=date.min)  # these kinds' values do not depend on the day
    read = (
        pl.DataFrame({raw_name(name): candidates}, schema={raw_name(name): pl.String})
        .with_columns(careful.value)
        .drop_nulls(name)
    )
    return dict(zip(read.get_column(raw_name(name)), read.get_column(name), strict=True))


@functools.lru_cache(maxsize=1)
def _boolean_enum() -> tuple[pl.Enum, int]:
    """Every spelling of a boolean, the true ones first, and how many are true."""
    spellings = _spellings("fsm_eligible")
    true = [text for text, value in spellings.items() if value is True]
    false = [text for text, value in spellings.items() if value is False]
    return pl.Enum(true + false), len(true)


def _read_booleans(
    names: tuple[str, ...], raw: dict[str, pl.Series], height: int, out: QuickRead
) -> None:
    if not names:
        return
    stacked = _stack(raw, names)
    spellings = _spellings("fsm_eligible")
    first = next((raw[name][0] for name in names if raw[name][0] is not None), None)
    for yes, no in _BOOLEAN_PAIRS:
        if first in (yes, no) and spellings.get(yes) is True and spellings.get(no) is False:
            values = stacked == yes  # null where the cell is blank
            read = int(values.sum()) + int((stacked == no).sum()) + stacked.null_count()
            if read == stacked.len():
                _split(values, names, height, out, [False] * len(names))
                return
            break
    kind, true = _boolean_enum()
    values = stacked.cast(kind, strict=False).cat.physical() < true
    _split(values, names, height, out, _unread(raw, names, values, height))


def _unread(
    raw: dict[str, pl.Series], names: Sequence[str], values: pl.Series, height: int
) -> list[bool]:
    """Per column: whether a cell with something in it has no value."""
    return [
        values.slice(index * height, height).null_count() != raw[name].null_count()
        for index, name in enumerate(names)
    ]


@dataclass(frozen=True)
class _CodeTable:
    """Every spelling any of some code columns accepts, registered in order in a private
    categorical mapping (so a cell's category is its spelling's number), and the value of
    each spelling in each column (column by column; null where not accepted)."""

    kind: pl.Categorical
    size: int
    values: pl.Series
    registered: pl.Series  # holds the mapping: polars keeps it only while it is in use


@functools.lru_cache(maxsize=256)
def _code_table(names: tuple[str, ...]) -> _CodeTable | None:
    tables = [_spellings(name) for name in names]
    spellings = sorted(set().union(*tables))
    # A mapping of its own: a cast to it costs as much as the cells, whatever its size.
    kind = pl.Categorical(pl.Categories(f"reconnect.spectrum.codes.{'.'.join(names)}"))
    registered = pl.Series(spellings, dtype=pl.String).cast(kind)
    if registered.cat.physical().to_list() != list(range(len(spellings))):
        return None  # the mapping was in use already, in another order
    values = [table.get(text) for table in tables for text in spellings]
    # One more entry per column: where a cell's category is not a spelling.
    size = len(spellings) + 1
    values = [
        value
        for index in range(len(names))
        for value in (*values[index * (size - 1) : (index + 1) * (size - 1)], None)
    ]
    return _CodeTable(kind, size, pl.Series(values, dtype=pl.String), registered)


@functools.lru_cache(maxsize=64)
def _offsets(columns: int, size: int, height: int) -> pl.Series:
    """Where each row's column starts in a code table: column by column."""
    return pl.Series(np.repeat(np.arange(columns, dtype=np.int64) * size, height))


def _read_codes(
    names: tuple[str, ...], raw: dict[str, pl.Series], height: int, out: QuickRead
) -> None:
    if not names:
        return
    table = _code_table(names)
    if table is None:
        out.doubtful += names
        return
    position = _stack(raw, names).cast(table.kind).cat.physical()
    top = position.max()
    if top is not None and top >= table.size:  # type: ignore[operator]
        # A category past the spellings is a cell no column accepts.
        position = position.clip(upper_bound=table.size - 1)
    places = position + _offsets(len(names), table.size, height)
    if places.null_count() == places.len():  # every cell blank: no place to look up
        values = pl.Series(values=[None] * places.len(), dtype=pl.String)
    else:
        values = table.values[places]
    unread = _unread(raw, names, values, height)
    doubtful = [
        # A year group is required: a blank one is a problem too.
        missing or (BY_NAME[name].kind is Kind.YEAR_GROUP and raw[name].null_count() > 0)
        for name, missing in zip(names, unread, strict=True)
    ]
    _split(values, names, height, out, doubtful)


# --- Dates, numbers, references, UPNs, text ----------------------------------------------


class _Cells:
    """Stacked cells as bytes: cell ``i`` is ``data[starts[i]:ends[i]]`` (empty when
    blank), in ascending order. ``data`` is the file itself (see ``tabular.CellBytes``) or
    the cells joined by line feeds; ``compact`` copies a block's cells together."""

    def __init__(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
        self.data, self.starts, self.ends = data, starts, ends
        self.lengths = ends - starts

    def block(self, block: slice) -> _Cells:
        return _Cells(self.data, self.starts[block], self.ends[block])

    def compact(self) -> _Cells:
        """The same cells, next to one another in a new buffer: the bytes between the
        first cell and the last then belong to some cell."""
        offsets = np.zeros(self.lengths.size + 1, dtype=np.int64)
        np.cumsum(self.lengths, out=offsets[1:])
        shift = np.repeat(self.starts - offsets[:-1], self.lengths)
        data = self.data[shift + np.arange(offsets[-1])]
        return _Cells(data, offsets[:-1], offsets[1:])

    def rows_of(self, positions: np.ndarray) -> np.ndarray:
        """The cells holding the bytes at ``positions`` (of a compact block)."""
        return np.searchsorted(self.ends, positions, side="right")

    def fixed(self, rows: np.ndarray, width: int) -> np.ndarray:
        """The bytes of cells ``rows`` (each ``width`` long) as a matrix."""
        return self.data[self.starts[rows][:, None] + np.arange(width)]

    def outside(self, allowed: np.ndarray) -> np.ndarray:
        """Per cell (of a compact block): whether it holds a byte not ``allowed``."""
        rows = np.zeros(self.lengths.size, dtype=bool)
        if self.lengths.size:
            bad = np.flatnonzero(~allowed[self.data[self.starts[0] : self.ends[-1]]])
            if bad.size:
                rows[self.rows_of(bad + self.starts[0])] = True
        return rows


def _joined(stacked: pl.Series) -> _Cells | None:
    text = stacked.to_frame("cells").select(pl.col("cells").fill_null("").str.join("\n")).item()
    data = np.frombuffer(text.encode("utf-8") + b"\n", dtype=np.uint8)
    ends = np.flatnonzero(data == 0x0A)
    if ends.size != stacked.len():  # a cell holds a line break
        return None
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    return _Cells(data, starts, ends)


def _from_file(file: CellBytes, positions: list[int]) -> _Cells:
    """The cells of the columns at ``positions``, stacked, in the file's own bytes."""
    return _Cells(file.data, file.starts[:, positions].T.ravel(), file.ends[:, positions].T.ravel())


def _read_bytes(
    names: tuple[str, ...],
    raw: dict[str, pl.Series],
    height: int,
    today: date,
    out: QuickRead,
    *,
    cells: CellBytes | None,
    positions: list[int],
) -> None:
    if not names:
        return
    stacked = _stack(raw, names)
    everything = _joined(stacked) if cells is None else _from_file(cells, positions)
    if everything is None:
        out.doubtful += names
        return
    readers = [_BYTE_READERS[BY_NAME[name].kind] for name in names]
    # Each column's cells are rows [index * height, (index + 1) * height); the columns
    # one reader reads (dates and months are both dates) are next to one another.
    for reader, group in itertools.groupby(enumerate(names), key=lambda item: readers[item[0]]):
        members = [name for _, name in group]
        first = names.index(members[0])
        block = slice(first * height, (first + len(members)) * height)
        columns = [BY_NAME[name] for name in members]
        ok, values = reader(everything.block(block), columns, height, stacked[block], today)
        column_ok = ok.reshape(len(members), height).all(axis=1)
        if values is None:
            for name, good in zip(members, column_ok, strict=True):
                if good:
                    out.values[name] = raw[name].alias(name)
                else:
                    out.doubtful.append(name)
        else:
            _split(values, members, height, out, ~column_ok)


def _whole_numbers(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    ok = (cells.lengths <= 9) & ~cells.compact().outside(_DIGIT)
    values = stacked.cast(pl.Int64, strict=False)
    for index, column in enumerate(columns):
        part = values.slice(index * height, height)
        low, high = part.min(), part.max()
        top = _NINE_DIGITS if column.maximum is None else column.maximum
        if low is not None and (low < MINIMUM.get(column.name, 0) or high > top):  # type: ignore[operator]
            ok[index * height : (index + 1) * height] = False
    return ok, values


def _decimals(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    cells = cells.compact()
    ok = ~cells.outside(_NUMBER_BYTE)
    whole_digits = cells.lengths.copy()
    points = np.flatnonzero(cells.data == ord("."))
    if points.size:
        rows = cells.rows_of(points)
        ok[rows[1:][rows[1:] == rows[:-1]]] = False  # two points
        # A point needs a digit before and after it.
        ok[rows[(points == cells.starts[rows]) | (points + 1 == cells.ends[rows])]] = False
        whole_digits[rows] = points - cells.starts[rows]
    ok &= whole_digits <= 9
    values = stacked.cast(pl.Float64, strict=False)
    for index, column in enumerate(columns):
        high = values.slice(index * height, height).max()
        if column.maximum is not None and high is not None and high > column.maximum:  # type: ignore[operator]
            ok[index * height : (index + 1) * height] = False
    return ok, values


_DMY_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9]
_ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]


def _dates(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    """DD/MM/YYYY or YYYY-MM-DD, one of them throughout a column, with a year from 1000:
    the careful reading rewrites either to YYYY-MM-DD and parses that, so parsing the
    cell as written gives the same date (or none, when the date is impossible)."""
    lengths = cells.lengths
    blank = lengths == 0
    rows = np.flatnonzero(lengths == 10)
    dmy = np.zeros(lengths.size, dtype=bool)
    iso = np.zeros(lengths.size, dtype=bool)
    if rows.size:
        characters = cells.fixed(rows, 10)
        numeric = (characters - ord("0")) <= 9  # (bytes: anything below "0" wraps round)
        dmy[rows] = (
            (characters[:, 2] == ord("/"))
            & (characters[:, 5] == ord("/"))
            & (characters[:, 6] != ord("0"))
            & numeric[:, _DMY_DIGITS].all(axis=1)
        )
        iso[rows] = (
            (characters[:, 4] == ord("-"))
            & (characters[:, 7] == ord("-"))
            & (characters[:, 0] != ord("0"))
            & numeric[:, _ISO_DIGITS].all(axis=1)
        )
    ok = np.ones(lengths.size, dtype=bool)
    formats: list[str | None] = []
    for index in range(len(columns)):
        part = slice(index * height, (index + 1) * height)
        if (dmy[part] | blank[part]).all():
            formats.append(DMY)
        elif (iso[part] | blank[part]).all():
            formats.append(ISO)
        else:
            formats.append(None)
            ok[part] = False
    if len(set(formats)) == 1 and formats[0] is not None:
        values = stacked.str.to_date(formats[0], strict=False)
    else:
        values = pl.concat(
            [
                stacked.slice(index * height, height).str.to_date(fmt or DMY, strict=False)
                for index, fmt in enumerate(formats)
            ]
        )
    for index, column in enumerate(columns):
        own = slice(index * height, (index + 1) * height)
        read = values.slice(index * height, height)
        latest = cast("date | None", read.max())
        impossible = read.null_count() != np.count_nonzero(blank[own])  # read as no date
        if impossible or (column.kind is Kind.DATE and latest is not None and latest > today):
            ok[own] = False
    return ok, values


def _texts(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    lengths = cells.lengths
    # Bytes are at least characters: within the limit in bytes is within it in characters.
    ok = lengths <= np.repeat([column.max_length for column in columns], height)
    filled = np.flatnonzero(lengths)
    ok[filled[_FORMULA_START[cells.data[cells.starts[filled]]]]] = False
    return ok, None


def _references(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    cells = cells.compact()
    lengths = cells.lengths
    longest = np.repeat([column.max_length for column in columns], height)
    ok = (lengths >= 1) & (lengths <= longest) & ~cells.outside(_REF_BYTE)
    filled = np.flatnonzero(lengths)
    ok[filled[cells.data[cells.starts[filled]] == ord("-")]] = False  # a formula
    # An Excel number (1E5, 1.2e5) has an E; only those cells need the pattern.
    with_e = np.unique(cells.rows_of(np.flatnonzero(_E[cells.data])))
    for row in with_e.tolist():
        if _EXCEL.fullmatch(cells.data[cells.starts[row] : cells.ends[row]].tobytes()):
            ok[row] = False
    return ok, None


def _upns(
    cells: _Cells, columns: list[Column], height: int, stacked: pl.Series, today: date
) -> tuple[np.ndarray, pl.Series | None]:
    lengths = cells.lengths
    ok = lengths == 0
    rows = np.flatnonzero(lengths == 13)
    if rows.size:
        characters = cells.fixed(rows, 13)
        first = _UPN_LETTER[characters[:, 0]]
        middle = characters[:, 1:12].astype(np.int64) - ord("0")
        last = _UPN_LAST[characters[:, 12]]
        total = middle @ _UPN_WEIGHTS + last * 13
        good = (first >= 0) & ((middle >= 0) & (middle <= 9)).all(axis=1) & (last >= 0)
        ok[rows] = good & (first == total % 23)
    return ok, None


_BYTE_READERS = {
    Kind.DATE: _dates,
    Kind.MONTH: _dates,
    Kind.INT: _whole_numbers,
    Kind.DECIMAL: _decimals,
    Kind.TEXT: _texts,
    Kind.REF: _references,
    Kind.UPN: _upns,
}
