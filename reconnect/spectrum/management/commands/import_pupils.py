"""Import one school's pupil file from the command line, as the upload page would.

    python manage.py import_pupils --school URN FILE [--dry-run] [--as-at DD/MM/YYYY]
                                   [--map "Header=canonical" ...]

FILE is a CSV or XLSX export of the school's MIS (see ``reconnect/spectrum/columns.py`` for
the columns and the MIS headers understood). The whole file is checked first: if anything
is wrong, each problem is printed as ``row N, column "X": value "v" — expected ...``,
nothing is imported, and the command exits with status 1. ``--as-at`` gives the export's
date when the file has no ``as_at_date`` column. ``--map`` matches a header Reconnect does
not recognise to a canonical column ("Free Dinners=fsm_eligible"), or ignores it
("House=") ; the choices are remembered for the school unless ``--dry-run``. Re-running
the same file changes nothing. The import is audited like an upload (no user: the actor is
"manage.py").
"""

from argparse import ArgumentParser
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.spectrum.columns import normalise_header
from reconnect.spectrum.models import ImportSource, ImportStatus, PupilImport
from reconnect.spectrum.services.imports import column_mappings_save, import_receive


def problem_line(problem: dict[str, Any]) -> str:
    """One problem as the command prints it (and as a support e-mail might quote it)."""
    where = f"row {problem['row']}" if problem.get("row") is not None else "file"
    if problem.get("column"):
        where += f', column "{problem["column"]}"'
    value = f'value "{problem["value"]}" — ' if problem.get("value") else ""
    return f"{where}: {value}expected {problem['expected']}"


def _date(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(f'--as-at "{text}" is not a date: give DD/MM/YYYY or YYYY-MM-DD.')


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, canonical = pair.partition("=")
        if not sep or not header.strip():
            raise CommandError(f'--map "{pair}" should be "Header=column" (or "Header=").')
        mapping[header.strip()] = canonical.strip()
    return mapping


class Command(BaseCommand):
    help = (
        "Import a school's pupil file (CSV or XLSX). A file with any invalid row is rejected "
        "whole, with each problem listed, and nothing is imported."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the MIS export, CSV or XLSX")
        parser.add_argument("--school", type=int, required=True, help="the school's URN")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--as-at", help="the export's date, if the file has none")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=COLUMN",
            help='match a header to a canonical column, or "HEADER=" to ignore it',
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        school: int,
        dry_run: bool,
        as_at: str | None,
        map: list[str],  # noqa: A002 (the option's name)
        **options: Any,
    ) -> None:
        target = School.objects.filter(urn=school).first()
        if target is None:
            raise CommandError(f"No school has URN {school}.")
        as_at_date = _date(as_at) if as_at else None
        mapping = _mapping(map)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error

        if mapping and not dry_run:
            try:
                column_mappings_save(school=target, user=None, choices=mapping)
            except ApplicationError as error:
                raise CommandError(error.message) from error
        pupil_import = import_receive(
            school=target,
            user=None,
            data=data,
            filename=file.name,
            as_at_date=as_at_date,
            source=ImportSource.COMMAND,
            dry_run=dry_run,
            hand_mapping={normalise_header(h): c for h, c in mapping.items()},
        )
        self._report(file, target, pupil_import)

    def _report(self, file: Path, school: School, pupil_import: PupilImport) -> None:
        status = pupil_import.status
        for notice in pupil_import.notices:
            self.stdout.write(f"Note: {notice['message']}")
        if status == ImportStatus.NEEDS_MAPPING:
            headers = ", ".join(f'"{h}"' for h in pupil_import.unmatched_headers)
            self.stderr.write(f"Columns not recognised: {headers}.")
            raise CommandError(
                'Match each with --map "Header=column" (or "Header=" to ignore it) and run '
                "the command again. Nothing was imported."
            )
        if status in (ImportStatus.REJECTED, ImportStatus.FAILED):
            for problem in pupil_import.problems:
                self.stderr.write(problem_line(problem))
            hidden = pupil_import.problem_count - len(pupil_import.problems)
            if hidden > 0:
                self.stderr.write(f"… and {hidden:,} more.")
            raise CommandError(
                f"{file.name} was rejected: {pupil_import.problem_count:,} problem(s) found. "
                "Nothing was imported; correct the file and run the command again."
                if status == ImportStatus.REJECTED
                else f"{file.name} could not be imported (import {pupil_import.pk}). "
                "Nothing was imported."
            )
        snapshot = pupil_import.snapshot
        when = snapshot.as_at_date if snapshot else pupil_import.as_at_date
        dated = f" as at {when:%d/%m/%Y}" if when else ""
        rows = pupil_import.rows_total or 0
        if status == ImportStatus.UNCHANGED:
            self.stdout.write(f"{file.name} was imported before; nothing changed.")
        elif status == ImportStatus.CHECKED:
            self.stdout.write(
                f"Checked {file.name} (dry run): {rows:,} pupils, no problems; nothing was written."
            )
        else:
            self.stdout.write(
                f"Imported {file.name} for {school.name} (URN {school.urn}): {rows:,} "
                f"pupils{dated}."
            )
