"""Benchmark: ``manage.py import_schools`` on a 25,000-row GIAS-style file (all of England).

    .venv/bin/python bench/import_schools.py [--rows 25000] [--seed 7]

Generates a deterministic Windows-1252 extract shaped like the real one (about 100 GIAS
columns, about 2,500 London establishments among mostly non-London ones, closed schools,
independent schools with no phase, trusts), then times, on a throwaway SQLite database in a
temporary folder: the first import, a re-import of the same file (nothing changes), and a
re-import after a tenth of the London rows changed. Target: each under 10 s.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0
LONDON_SHARE = 0.1  # about 2,500 of England's 25,000 rows are in London's 33 authorities

REQUIRED = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "Postcode",
    "NumberOfPupils",
    "PercentageFSM",
    "Trusts (code)",
    "Trusts (name)",
]
# GIAS carries around a hundred more fields; the importer must skip them cheaply.
FILLER = [
    "OpenDate",
    "CloseDate",
    "ReasonEstablishmentOpened (name)",
    "ReasonEstablishmentClosed (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (name)",
    "Gender (name)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (name)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfBoys",
    "NumberOfGirls",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "OfstedLastInsp",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "GOR (name)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "UKPRN",
    "BoardingEstablishment (name)",
    "PreviousLA (code)",
    "PreviousEstablishmentNumber",
    "OfstedRating (name)",
    "Country (name)",
    "UPRN",
    *[f"SEN{n} (name)" for n in range(1, 14)],
    *[f"Extra{n}" for n in range(1, 36)],
]
OPTIONAL = ["PercentageEAL", "PercentageSENSupport", "PercentageEHCP", "AttendancePercent"]
HEADER = [*REQUIRED, *FILLER, *OPTIONAL]

# (type, phase, share): roughly England's mix of open establishments.
TYPES = [
    ("Community school", "Primary", 0.24),
    ("Voluntary aided school", "Primary", 0.07),
    ("Voluntary controlled school", "Primary", 0.08),
    ("Foundation school", "Secondary", 0.02),
    ("Academy converter", "Primary", 0.18),
    ("Academy converter", "Secondary", 0.06),
    ("Academy sponsor led", "Primary", 0.05),
    ("Academy sponsor led", "Secondary", 0.02),
    ("Free schools", "All-through", 0.01),
    ("Free schools", "Secondary", 0.01),
    ("Academy 16-19 converter", "16 plus", 0.005),
    ("Community special school", "Not applicable", 0.03),
    ("Academy special converter", "Not applicable", 0.01),
    ("Pupil referral unit", "Not applicable", 0.01),
    ("Academy alternative provision converter", "Not applicable", 0.005),
    ("LA nursery school", "Nursery", 0.01),
    ("Academy converter", "Middle deemed secondary", 0.005),
    ("Other independent school", "Not applicable", 0.09),
    ("Further education", "Not applicable", 0.03),
    ("Secure units", "Not applicable", 0.01),
    ("Online provider", "Not applicable", 0.005),
]
STATUSES = [("Open", 0.88), ("Closed", 0.10), ("Open, but proposed to close", 0.01)]
WORDS = [
    "Oak",
    "Elm",
    "St",
    "Mary’s",
    "Holy",
    "Trinity",
    "Riverside",
    "Park",
    "Hill",
    "Green",
    "Valley",
    "Meadow",
    "Priory",
]


def london_authorities() -> list[tuple[int, str]]:
    from reconnect.schools.data.london import LOCAL_AUTHORITIES

    return [(code, name) for code, name, _inner in LOCAL_AUTHORITIES]


def other_authorities() -> list[tuple[int, str]]:
    # The DfE's non-London codes run 330–938; their names do not matter to the importer.
    codes = [*range(330, 395), *range(800, 940, 2)]
    return [(code, f"Authority {code}") for code in codes]


def generate(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    london, others = london_authorities(), other_authorities()
    types, type_weights = [(t, p) for t, p, _w in TYPES], [w for _t, _p, w in TYPES]
    statuses, status_weights = [s for s, _w in STATUSES], [w for _s, w in STATUSES]
    trusts = [(f"{4000 + n}", f"{rng.choice(WORDS)} Learning Trust {n}") for n in range(1200)]

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for index in range(rows):
        code, la_name = rng.choice(london) if rng.random() < LONDON_SHARE else rng.choice(others)
        establishment_type, phase = rng.choices(types, type_weights)[0]
        in_trust = establishment_type.startswith(("Academy", "Free"))
        trust_code, trust_name = rng.choice(trusts) if in_trust else ("", "")
        size = {"Primary": 330, "Secondary": 1050, "All-through": 1400, "Nursery": 90}.get(
            phase, 160
        )
        known = rng.random() > 0.05  # GIAS leaves some figures blank
        row = {
            "URN": str(100000 + index * 3),
            "LA (code)": str(code),
            "LA (name)": la_name,
            "EstablishmentNumber": str(2000 + index % 8000),
            "EstablishmentName": f"{rng.choice(WORDS)} {rng.choice(WORDS)} School {index}",
            "TypeOfEstablishment (name)": establishment_type,
            "EstablishmentStatus (name)": rng.choices(statuses, status_weights)[0],
            "PhaseOfEducation (name)": phase,
            "Postcode": f"{rng.choice(['NW', 'SE', 'E', 'B', 'M', 'LS'])}{rng.randint(1, 28)} "
            f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
            "NumberOfPupils": str(max(5, int(rng.gauss(size, size / 3)))) if known else "",
            "PercentageFSM": f"{rng.uniform(2, 60):.1f}" if known else "",
            "Trusts (code)": trust_code,
            "Trusts (name)": trust_name,
            "PercentageEAL": f"{rng.uniform(0, 80):.1f}" if known else "",
            "PercentageSENSupport": f"{rng.uniform(5, 25):.1f}" if known else "",
            "PercentageEHCP": f"{rng.uniform(0, 6):.1f}" if known else "",
            "AttendancePercent": f"{rng.uniform(88, 97):.1f}" if known else "",
        }
        writer.writerow([row.get(name, f"v{index % 97}") for name in HEADER])
    return out.getvalue().encode("cp1252")


def change_a_tenth(data: bytes, seed: int) -> bytes:
    """The same file with a tenth of the London rows' pupil numbers changed."""
    from reconnect.schools.data.london import LONDON_LA_CODES

    rng = random.Random(seed + 1)
    rows = list(csv.reader(io.StringIO(data.decode("cp1252"), newline="")))
    header = rows[0]
    la, pupils = header.index("LA (code)"), header.index("NumberOfPupils")
    for row in rows[1:]:
        if int(row[la]) in LONDON_LA_CODES and row[pupils] and rng.random() < 0.1:
            row[pupils] = str(int(row[pupils]) + 1)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("cp1252")


def timed_import(path: Path) -> tuple[float, str]:
    from django.core.management import call_command

    out = io.StringIO()
    start = time.perf_counter()
    call_command("import_schools", str(path), stdout=out)
    return time.perf_counter() - start, out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reconnect-bench-") as folder:
        work = Path(folder)
        # A throwaway SQLite database, configured as in production (WAL, IMMEDIATE).
        os.environ["DJANGO_SETTINGS_MODULE"] = "reconnect.settings.dev"
        os.environ["RECONNECT_VAR_DIR"] = str(work)
        os.environ.pop("DATABASE_URL", None)
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = str(work / "bench.sqlite3")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)

        from reconnect.schools.data.london import LONDON_LA_CODES
        from reconnect.schools.models import School

        start = time.perf_counter()
        data = generate(args.rows, args.seed)
        generated_in = time.perf_counter() - start
        first_file, changed_file = work / "gias.csv", work / "gias-changed.csv"
        first_file.write_bytes(data)
        changed_file.write_bytes(change_a_tenth(data, args.seed))
        london_rows = sum(
            1
            for row in csv.DictReader(io.StringIO(data.decode("cp1252"), newline=""))
            if int(row["LA (code)"]) in LONDON_LA_CODES
        )

        print(f"import_schools benchmark: {args.rows:,} rows ({london_rows:,} in London),")
        print(
            f"  {len(HEADER)} columns, {len(data) / 1e6:.1f} MB, generated in {generated_in:.2f} s"
        )
        print(f"  target: each import under {TARGET_SECONDS:.0f} s (ratio = time / target)")
        for label, path in [
            ("first import", first_file),
            ("re-import, unchanged", first_file),
            ("re-import, a tenth changed", changed_file),
        ]:
            seconds, output = timed_import(path)
            counts = output.splitlines()[2].strip()
            print(
                f"  {label:<28} {seconds:6.2f} s  ratio {seconds / TARGET_SECONDS:.2f}  ({counts})"
            )
        print(f"  schools in the database: {School.objects.count():,}")


if __name__ == "__main__":
    main()
