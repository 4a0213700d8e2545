"""Cell by cell, vectorised: each canonical column's strings to its typed values, and beside
them the instruction for every cell that cannot be read (null where the cell is fine).

Booleans: Y/N, Yes/No, T/F, True/False, 1/0 (any case), ✓ ✔ ☑ for yes and ✗ ✘ ☒ for no; a
blank is "not recorded" (null), never "no". A bare "x" is refused: in one MIS export it
marks a tick, in another a cross, so it cannot be read either way without guessing.

Dates: DD/MM/YYYY and D/M/YYYY (also with - or . between), ISO YYYY-MM-DD (with a midnight
time, as a workbook's date cells read), never US month-first: 02/13/2026 is refused as
impossible, 03/04/2026 is 3 April. Two-digit years and Excel serial numbers are refused.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from reconnect.spectrum.columns import BY_NAME, Column, Kind

from . import wording

_TRUE = ("Y", "YES", "T", "TRUE", "1", "✓", "✔", "☑")
_FALSE = ("N", "NO", "F", "FALSE", "0", "✗", "✘", "☒")
BOOLEANS: dict[str, bool] = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}

# Each accepted form is rewritten to Y-M-D, then one strict pattern and one parse decide.
# ([0-9], not \d: \d is every Unicode digit, and compiling it costs more than the parse.)
_DMY = (r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$", "$3-$2-$1")
_ISO_TIME = (r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})[ T]00:00(?::00(?:\.0+)?)?$", "$1")
_MY = (r"^([0-9]{1,2})[/.-]([0-9]{4})$", "$2-$1-1")
_YM = (r"^([0-9]{4})-([0-9]{1,2})$", "$1-$2-1")
_YMD = r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"

_YEAR_GROUPS: dict[str, str] = {
    "R": "R",
    "REC": "R",
    "RECEPTION": "R",
    "N1": "N1",
    "NURSERY1": "N1",
    "N2": "N2",
    "NURSERY2": "N2",
    "X": "X",
    **{str(n): str(n) for n in range(1, 15)},
    **{f"0{n}": str(n) for n in range(1, 10)},
}

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S
_UPN_VALUES: dict[str, int] = {
    **{letter: value for value, letter in enumerate(UPN_ALPHABET)},
    **{str(digit): digit for digit in range(10)},
}
_UPN_FORMAT = r"^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$"
_POSTCODE_SPACED = r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$"
_REF = r"^[A-Za-z0-9_./-]+$"
_EXCEL_NUMBER = r"^[0-9](?:\.[0-9]+)?E\+?[0-9]+$"
_FORMULA = r"^[=+\-@]"


@dataclass(frozen=True)
class Parsed:
    value: pl.Expr  # typed, named after the canonical column
    expected: pl.Expr  # String: what to put instead, null when the cell is fine


def raw_name(name: str) -> str:
    return f"{name}__raw"


def expected_name(name: str) -> str:
    return f"__expected_{name}"


@functools.lru_cache(maxsize=256)
def parse(name: str, *, today: date) -> Parsed:
    """How to read canonical column ``name`` from its cleaned cells (``raw_name(name)``).

    ``value`` reads the cells; ``expected`` reads the cells and the value column already
    computed (so each value is parsed once: compute all values first, then all expected).
    Cached: building the expressions costs more than running them on a school's file.
    """
    column = BY_NAME[name]
    raw = pl.col(raw_name(name))
    value, expected = _PARSERS[column.kind](column, raw, today)
    return Parsed(value.alias(column.name), expected.alias(expected_name(column.name)))


def _computed(column: Column) -> pl.Expr:
    return pl.col(column.name)


def _when_bad(*checks: tuple[pl.Expr, str]) -> pl.Expr:
    """The first failing check's instruction, or null."""
    return pl.coalesce(
        pl.when(condition).then(pl.lit(text, dtype=pl.String)) for condition, text in checks
    )


def _bool(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    value = raw.str.to_uppercase().replace_strict(BOOLEANS, default=None, return_dtype=pl.Boolean)
    return value, _when_bad((raw.is_not_null() & _computed(column).is_null(), wording.BOOLEAN))


def full_date(raw: pl.Expr, *, months: bool = False) -> pl.Expr:
    """The date a cell holds, or null when it holds none (including impossible ones)."""
    ymd = raw
    for pattern, replacement in (_DMY, _ISO_TIME, *((_MY, _YM) if months else ())):
        ymd = ymd.str.replace(pattern, replacement)
    return pl.when(ymd.str.contains(_YMD)).then(ymd.str.to_date("%Y-%m-%d", strict=False))


def _date(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    value = _computed(column)
    expected = _when_bad(
        (raw.is_not_null() & value.is_null(), wording.DATE),
        (value > pl.lit(today), wording.not_after(today, "today")),
    )
    return full_date(raw), expected


def _month(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    # The full date is kept here for the age check; ``finish`` cuts it to the month.
    return full_date(raw, months=True), _when_bad(
        (raw.is_not_null() & _computed(column).is_null(), wording.MONTH)
    )


def _code(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    lookup = {code.upper(): code for code in column.codes} | {
        label.upper(): code for label, code in column.labels.items()
    }
    normalised = raw.str.to_uppercase().str.replace_all(r"[ \t]+", " ")
    value = normalised.replace_strict(lookup, default=None, return_dtype=pl.String)
    return value, _when_bad(
        (raw.is_not_null() & _computed(column).is_null(), wording.codes(column))
    )


def _year_group(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    normalised = (
        raw.str.to_uppercase()
        .str.replace(r"^(?:NC[ ]*)?(?:YEAR|YR|Y)[ ]*", "")
        .str.replace_all(r"[ \t-]+", "")
    )
    value = normalised.replace_strict(_YEAR_GROUPS, default=None, return_dtype=pl.String)
    expected = _when_bad(
        (raw.is_null(), wording.YEAR_GROUP_BLANK),
        (_computed(column).is_null(), wording.YEAR_GROUP),
    )
    return value, expected


def _int(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    digits = raw.str.replace(r"\.0+$", "")
    value = pl.when(digits.str.contains(r"^[0-9]{1,9}$")).then(digits.cast(pl.Int64, strict=False))
    low = wording.MINIMUM.get(column.name, 0)
    computed = _computed(column)
    out_of_range = computed < low
    if column.maximum is not None:
        out_of_range = out_of_range | (computed > column.maximum)
    expected = _when_bad(
        ((raw.is_not_null() & computed.is_null()) | out_of_range, wording.whole_number(column))
    )
    return value, expected


def _decimal(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    cleaned = raw.str.replace(r"[ ]*%$", "").str.replace(r"^([0-9]+),([0-9]+)$", "$1.$2")
    value = pl.when(cleaned.str.contains(r"^[0-9]{1,9}(?:\.[0-9]+)?$")).then(
        cleaned.cast(pl.Float64, strict=False)
    )
    computed = _computed(column)
    out_of_range = pl.lit(value=False)
    if column.maximum is not None:
        out_of_range = computed > column.maximum
    expected = _when_bad(
        ((raw.is_not_null() & computed.is_null()) | out_of_range, wording.number(column))
    )
    return value, expected


def _upn_check_letter(upn: pl.Expr) -> pl.Expr:
    """The check letter a well-formed upper-case UPN should start with: characters 2 to 12
    (digits, the format says so) weighted 2 to 12, the 13th (a digit, or a temporary UPN's
    letter by its place in the alphabet) weighted 13, the sum modulo 23."""
    total = pl.sum_horizontal(
        *[upn.str.slice(position, 1).cast(pl.Int64, strict=False) * (position + 1)
          for position in range(1, 12)],
        upn.str.slice(12, 1).replace_strict(_UPN_VALUES, default=None, return_dtype=pl.Int64)
        * 13,
    )  # fmt: skip
    return (total % 23).replace_strict(
        dict(enumerate(UPN_ALPHABET)), default=None, return_dtype=pl.String
    )


def looks_like_upn(text: pl.Expr) -> pl.Expr:
    """Whether each text is a UPN, in any case: the format and a check letter that adds up
    (a reference of the same shape whose letter does not add up is not one)."""
    upn = text.str.to_uppercase()
    return upn.str.contains(_UPN_FORMAT) & (upn.str.slice(0, 1) == _upn_check_letter(upn))


def any_upn(texts: pl.Series) -> bool:
    """Whether ``looks_like_upn`` holds anywhere, testing the check letter only on the few
    texts of a UPN's shape (most references are shorter; the sum costs more than a file's
    other checks)."""
    shaped = texts.filter(texts.str.len_bytes() == 13).str.to_uppercase()
    shaped = shaped.filter(shaped.str.contains(_UPN_FORMAT))
    if shaped.is_empty():
        return False
    return bool(shaped.to_frame("upn").select(looks_like_upn(pl.col("upn")).any()).item())


def is_upn(text: str) -> bool:
    """``looks_like_upn`` for one string (for the few values a report shows)."""
    upn = text.upper()
    if re.fullmatch(_UPN_FORMAT, upn) is None:
        return False
    total = sum(int(upn[position]) * (position + 1) for position in range(1, 12))
    total += _UPN_VALUES[upn[12]] * 13
    return upn[0] == UPN_ALPHABET[total % 23]


def _upn(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    value = raw.str.to_uppercase().str.replace_all(" ", "")
    upn = _computed(column)
    well_formed = upn.str.contains(_UPN_FORMAT)
    expected = _when_bad(
        (raw.is_not_null() & ~well_formed.fill_null(value=False), wording.UPN_FORMAT),
        (upn.str.slice(0, 1) != _upn_check_letter(upn), wording.UPN_CHECK),
    )
    return value, expected


def _ref(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    expected = _when_bad(
        (raw.is_null(), wording.REF_BLANK),
        (raw.str.contains(_FORMULA), wording.FORMULA),
        (raw.str.to_uppercase().str.contains(_EXCEL_NUMBER), wording.REF_EXCEL),
        (~raw.str.contains(_REF) | (raw.str.len_chars() > column.max_length), wording.REF),
    )
    return raw, expected


def _text(column: Column, raw: pl.Expr, today: date) -> tuple[pl.Expr, pl.Expr]:
    if column.name == "postcode":
        compact = raw.str.to_uppercase().str.replace_all(r"[ \t]+", "")
        value = pl.concat_str(
            compact.str.slice(0, compact.str.len_chars() - 3),
            pl.lit(" "),
            compact.str.slice(-3),
        )
        valid = _computed(column).str.contains(_POSTCODE_SPACED)
        expected = _when_bad((raw.is_not_null() & ~valid, wording.POSTCODE))
        return value, expected
    expected = _when_bad(
        (raw.str.contains(_FORMULA), wording.FORMULA),
        (raw.str.len_chars() > column.max_length, wording.text(column)),
    )
    return raw, expected


_PARSERS = {
    Kind.BOOL: _bool,
    Kind.DATE: _date,
    Kind.MONTH: _month,
    Kind.CODE: _code,
    Kind.YEAR_GROUP: _year_group,
    Kind.INT: _int,
    Kind.DECIMAL: _decimal,
    Kind.UPN: _upn,
    Kind.REF: _ref,
    Kind.TEXT: _text,
}
