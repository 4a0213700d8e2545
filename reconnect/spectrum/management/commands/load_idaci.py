"""Load the postcode → area deprivation lookup the pupil import uses.

    python manage.py load_idaci POSTCODE_FILE IOD_FILE [--dry-run]

POSTCODE_FILE is an ONS postcode directory CSV (NSPL or ONSPD, any edition with 2021
LSOAs): the postcode in ``pcds`` (or ``pcd``, ``pcd7``, ``pcd8``, ``postcode``) and the LSOA
in ``lsoa21`` (or ``lsoa21cd``, ``lsoa21code``, ``lsoa``). IOD_FILE is a CSV of the English
Indices of Deprivation 2025 with one row per LSOA: ``LSOA code (2021)`` (or ``lsoa21cd``,
``lsoa code``) and the one column whose header names the IDACI decile, such as
``Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10%
of LSOAs)``. Headers are matched ignoring case, spaces and punctuation; other columns are
ignored. Only English postcodes (LSOA ``E01…``) are kept.

The table is replaced whole in one transaction; a file missing a column, or a decile
outside 1–10, writes nothing and exits with status 1. Run it again when either file is
republished; existing snapshots keep the deciles they were imported with.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from reconnect.spectrum.services.deprivation import LookupFileError, lookup_load


class Command(BaseCommand):
    help = (
        "Load the postcode → 2021 LSOA → IDACI decile lookup from an ONS postcode directory "
        "CSV and an English Indices of Deprivation 2025 CSV, replacing the previous lookup."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("postcode_file", type=Path, help="ONS NSPL/ONSPD postcode CSV")
        parser.add_argument("iod_file", type=Path, help="IoD2025 CSV with IDACI deciles")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check both files, write nothing"
        )

    def handle(
        self, *args: Any, postcode_file: Path, iod_file: Path, dry_run: bool, **options: Any
    ) -> None:
        for path in (postcode_file, iod_file):
            if not path.is_file():
                raise CommandError(f"Cannot read {path}: no such file.")
        try:
            loaded = lookup_load(
                postcode_file=str(postcode_file), iod_file=str(iod_file), dry_run=dry_run
            )
        except LookupFileError as error:
            raise CommandError(f"{error} Nothing was loaded.") from error
        except pl.exceptions.PolarsError as error:
            raise CommandError(
                f"Cannot read the files as CSV ({type(error).__name__}). Nothing was loaded."
            ) from error
        heading = "Checked (dry run): nothing was written." if dry_run else "Loaded the lookup."
        self.stdout.write(
            "\n".join(
                [
                    heading,
                    f"  {loaded.postcodes:,} English postcodes",
                    f"  {loaded.skipped:,} rows skipped (outside England or not a postcode)",
                    f"  {loaded.without_decile:,} postcodes in an LSOA with no IDACI decile",
                ]
            )
        )
