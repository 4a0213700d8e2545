"""Area deprivation: a pupil's postcode to its area's IDACI decile, and the loader of the
lookup table.

The postcode is used for this lookup only and then dropped: it is never stored, logged or
echoed in a notice. An unknown postcode gives no decile (null, "not recorded") and the
import says how many pupils that was.

The lookup (``PostcodeDeprivation``) is filled by ``manage.py load_idaci`` from two
published files (headers matched like pupil-file headers: case, spaces and punctuation
ignored):

- a postcode → 2021 LSOA file from the ONS (the National Statistics Postcode Lookup, NSPL,
  or the ONS Postcode Directory, ONSPD): the postcode in ``pcds`` (or ``pcd``, ``pcd7``,
  ``pcd8``, ``postcode``) and the LSOA in ``lsoa21`` (or ``lsoa21cd``, ``lsoa21code``,
  ``lsoa``); other columns are ignored. Rows outside England (LSOA not ``E01…``) are
  skipped.
- the English Indices of Deprivation 2025, any file with one row per LSOA: the LSOA in
  ``LSOA code (2021)`` (or ``lsoa21cd``, ``lsoa code``, ``lsoa_code``) and the IDACI decile
  in the one column whose header says both "IDACI" (or "Income Deprivation Affecting
  Children Index") and "decile", e.g. ``Income Deprivation Affecting Children Index (IDACI)
  Decile (where 1 is most deprived 10% of LSOAs)``.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl
from django.db import connection, transaction

from reconnect.spectrum.columns import normalise_header
from reconnect.spectrum.models import PostcodeDeprivation

# Postcodes asked for in one query: far below SQLite's and PostgreSQL's parameter limits,
# and above any one school's roll, so a school's lookup is one query.
LOOKUP_CHUNK = 5000
LOAD_CHUNK = 20_000

_SPACES = re.compile(r"\s+")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")

POSTCODE_HEADERS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
LSOA_HEADERS_POSTCODES = ("lsoa21", "lsoa21cd", "lsoa21code", "lsoa")
LSOA_HEADERS_IOD = ("lsoacode2021", "lsoa21cd", "lsoa21", "lsoacode", "lsoa")


class LookupFileError(ValueError):
    """A lookup file without the columns it needs; the message says which."""


def normalise_postcode(raw: str) -> str | None:
    """Upper case with one space before the inward code, or None when it is no postcode."""
    compact = _SPACES.sub("", raw).upper()
    if len(compact) < 5 or len(compact) > 7:
        return None
    postcode = f"{compact[:-3]} {compact[-3:]}"
    return postcode if _POSTCODE.fullmatch(postcode) else None


def lookup_loaded() -> bool:
    return PostcodeDeprivation.objects.exists()


def idaci_deciles(postcodes: Iterable[str]) -> dict[str, int | None]:
    """The decile of each postcode found in the lookup (normalised postcode → decile).

    One query per ``LOOKUP_CHUNK`` distinct postcodes.
    """
    wanted = sorted({p for p in map(normalise_postcode, postcodes) if p is not None})
    found: dict[str, int | None] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        found.update(
            PostcodeDeprivation.objects.filter(postcode__in=chunk)
            .values_list("postcode", "idaci_decile")
            .order_by()
        )
    return found


@dataclass(frozen=True)
class DeprivationFill:
    deciles: pl.Series  # Int64, one per pupil: the file's decile, else the looked-up one
    looked_up: int  # pupils whose decile came from their postcode
    unknown: int  # pupils with a postcode the lookup does not know (or no decile for it)
    lookup_loaded: bool


def idaci_fill(frame: pl.DataFrame) -> DeprivationFill | None:
    """Deciles for a pupil frame with a ``postcode`` column; None when it has none.

    A decile given in the file wins; otherwise the postcode's. Counts only, never a
    postcode, come back for the import's notices.
    """
    if "postcode" not in frame.columns:
        return None
    postcodes = frame.get_column("postcode").cast(pl.String)
    given = (
        frame.get_column("idaci_decile").cast(pl.Int64)
        if "idaci_decile" in frame.columns
        else pl.Series("idaci_decile", [None] * frame.height, dtype=pl.Int64)
    )
    needed = postcodes.filter(given.is_null() & postcodes.is_not_null())
    if needed.len() == 0:
        return DeprivationFill(given, 0, 0, lookup_loaded=True)
    loaded = lookup_loaded()
    table = idaci_deciles(needed.to_list()) if loaded else {}
    normalised = {raw: normalise_postcode(raw) for raw in needed.unique().to_list()}
    by_raw = {raw: table.get(p) if p is not None else None for raw, p in normalised.items()}
    looked = postcodes.replace_strict(by_raw, default=None, return_dtype=pl.Int64)
    deciles = given.fill_null(looked).rename("idaci_decile")
    from_lookup = given.is_null() & looked.is_not_null()
    unknown = given.is_null() & postcodes.is_not_null() & looked.is_null()
    return DeprivationFill(
        deciles=deciles,
        looked_up=int(from_lookup.sum()),
        unknown=int(unknown.sum()),
        lookup_loaded=loaded,
    )


# --- Loading the lookup ---------------------------------------------------------------------


def _find(headers: Sequence[str], candidates: Sequence[str], what: str, file: str) -> str:
    normalised = {normalise_header(h): h for h in headers}
    for candidate in candidates:
        if candidate in normalised:
            return normalised[candidate]
    raise LookupFileError(
        f"The {file} has no {what} column: expected one headed "
        + " or ".join(f'"{c}"' for c in candidates)
        + "."
    )


def _decile_column(headers: Sequence[str]) -> str:
    matches = [
        h
        for h in headers
        if "decile" in (n := normalise_header(h))
        and ("idaci" in n or "incomedeprivationaffectingchildrenindex" in n)
    ]
    if len(matches) != 1:
        raise LookupFileError(
            "The deprivation file needs exactly one IDACI decile column (a header with "
            f'"IDACI" and "decile"); it has {len(matches)}.'
        )
    return matches[0]


def _read_csv(path: str, columns: list[str]) -> pl.DataFrame:
    return pl.read_csv(
        path,
        columns=columns,
        schema_overrides=dict.fromkeys(columns, pl.String),
        encoding="utf8-lossy",
    )


def _headers(path: str) -> list[str]:
    return pl.read_csv(path, n_rows=0, encoding="utf8-lossy").columns


@dataclass(frozen=True)
class LookupLoad:
    postcodes: int  # rows written
    skipped: int  # postcodes outside England or not a postcode
    without_decile: int  # English postcodes whose LSOA the deprivation file does not list


def lookup_frame(postcode_file: str, iod_file: str) -> tuple[pl.DataFrame, int]:
    """The lookup to write (postcode, lsoa21, idaci_decile) and the count of rows skipped."""
    headers = _headers(postcode_file)
    postcode_col = _find(headers, POSTCODE_HEADERS, "postcode", "postcode file")
    lsoa_col = _find(headers, LSOA_HEADERS_POSTCODES, "2021 LSOA", "postcode file")
    iod_headers = _headers(iod_file)
    iod_lsoa = _find(iod_headers, LSOA_HEADERS_IOD, "2021 LSOA", "deprivation file")
    iod_decile = _decile_column(iod_headers)

    deciles = (
        _read_csv(iod_file, [iod_lsoa, iod_decile])
        .select(
            pl.col(iod_lsoa).str.strip_chars().alias("lsoa21"),
            pl.col(iod_decile).str.strip_chars().cast(pl.Int64, strict=False).alias("decile"),
        )
        .filter(pl.col("lsoa21").is_not_null())
        .unique("lsoa21", keep="first")
    )
    bad = deciles.filter(pl.col("decile").is_null() | ~pl.col("decile").is_between(1, 10))
    if bad.height:
        raise LookupFileError(
            f"The deprivation file has {bad.height} LSOA(s) without a decile from 1 to 10."
        )
    raw = _read_csv(postcode_file, [postcode_col, lsoa_col]).select(
        pl.col(postcode_col).str.replace_all(r"\s+", "").str.to_uppercase().alias("compact"),
        pl.col(lsoa_col).str.strip_chars().alias("lsoa21"),
    )
    postcodes = raw.with_columns(
        (pl.col("compact").str.slice(0, pl.col("compact").str.len_chars() - 3)
         + " "
         + pl.col("compact").str.slice(-3)).alias("postcode")
    )  # fmt: skip
    valid = pl.col("postcode").str.contains(_POSTCODE.pattern) & pl.col("lsoa21").str.starts_with(
        "E01"
    )
    kept = postcodes.filter(valid.fill_null(value=False)).unique("postcode", keep="first")
    frame = kept.join(deciles, on="lsoa21", how="left").select(
        "postcode", "lsoa21", pl.col("decile").alias("idaci_decile")
    )
    return frame, raw.height - frame.height


def lookup_replace(frame: pl.DataFrame) -> int:
    """Replace the whole lookup with ``frame`` in one transaction; returns rows written."""
    quote = connection.ops.quote_name
    fields = list(PostcodeDeprivation._meta.concrete_fields)
    names = ", ".join(quote(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = quote(PostcodeDeprivation._meta.db_table)
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608 (names from _meta)
    ordered = frame.select([f.attname for f in fields])
    with transaction.atomic():
        PostcodeDeprivation.objects.all().delete()
        with connection.cursor() as cursor:
            for start in range(0, ordered.height, LOAD_CHUNK):
                cursor.executemany(sql, ordered.slice(start, LOAD_CHUNK).rows())
    return ordered.height


def lookup_load(*, postcode_file: str, iod_file: str, dry_run: bool = False) -> LookupLoad:
    """Read both files and (unless ``dry_run``) replace the lookup with them.

    Raises ``LookupFileError`` when a file lacks a column it needs or a decile is out of
    range; nothing is written then.
    """
    frame, skipped = lookup_frame(postcode_file, iod_file)
    without = int(frame.get_column("idaci_decile").is_null().sum())
    if not dry_run:
        lookup_replace(frame)
    return LookupLoad(postcodes=frame.height, skipped=skipped, without_decile=without)
