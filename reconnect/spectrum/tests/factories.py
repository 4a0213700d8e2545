"""Factories for the vulnerability spectrum.

Pupil files come from the synthetic generator (``spectrum.synthetic``: correlated, valid,
MIS-flavoured), and snapshots are made by the real import service, so a test's snapshot
holds exactly what an upload of that file would:

    data = pupil_csv(40, seed=1)                          # a valid canonical CSV (bytes)
    data = pupil_csv(3, fsm_eligible=[True, None, "maybe"])  # one value per row
    data = pupil_csv(rows=[{...}, {...}])                 # your own rows, canonical names
    snapshot = imported_snapshot(school_a, pupils=40, as_at=date(2026, 10, 16))

Plus a factory_boy factory for every spectrum model, for tests that need a row and not an
import (``PupilRecordFactory`` fills only the required fields). Like the import services,
``PupilRecordFactory`` rewrites its snapshot's factor-mask summary (``SnapshotFactorMask``,
what the network aggregate reads) after each record it creates; a test that changes
records any other way calls ``summaries_refresh(*snapshots)`` before reading the network.
"""

import secrets
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, cast

import factory
from django.utils import timezone

from reconnect.core.sealing import seal
from reconnect.schools.models import School
from reconnect.spectrum import synthetic
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportSource,
    ImportStatus,
    IndicatorChange,
    IndicatorConfig,
    PostcodeDeprivation,
    PupilImport,
    PupilRecord,
    SavedCohort,
    SchoolDataSettings,
    Snapshot,
    StaffCohortGrant,
)

AS_AT = date(2026, 10, 16)  # the synthetic generator's default: a Friday of autumn term


def pupil_rows(
    pupils: int = 40, *, seed: int = 0, as_at: date = AS_AT, phase: str = "secondary"
) -> list[dict[str, Any]]:
    """Canonical rows of a synthetic school (Python values; None = blank)."""
    return synthetic.pupil_rows(pupils=pupils, seed=seed, as_at=as_at, phase=phase)  # type: ignore[arg-type]


def pupil_csv(
    rows: int | Sequence[Mapping[str, Any]] = 40,
    *,
    seed: int = 0,
    as_at: date = AS_AT,
    phase: str = "secondary",
    flavour: synthetic.Flavour = "canonical",
    include_as_at: bool = True,
    drop: Sequence[str] = (),
    columns: Sequence[str] | None = None,
    **overrides: Any,
) -> bytes:
    """A pupil file as bytes (UTF-8 CSV, CRLF).

    ``rows``: how many synthetic pupils, or the rows themselves (canonical names → values;
    a ``str`` is written as it is, so any malformed cell can be tested). ``overrides``:
    canonical column → one value for every row, or a list with one value per row (None =
    blank). ``drop`` removes columns; ``columns`` fixes which columns and their order;
    ``flavour`` writes SIMS, Arbor or Bromcom headers and formats.
    """
    data = (
        pupil_rows(rows, seed=seed, as_at=as_at, phase=phase)
        if isinstance(rows, int)
        else [dict(row) for row in rows]
    )
    for column, value in overrides.items():
        if isinstance(value, list):
            if len(value) != len(data):
                raise ValueError(f"{column}: {len(value)} values for {len(data)} rows")
            for row, cell in zip(data, value, strict=True):
                row[column] = cell
        else:
            for row in data:
                row[column] = value
    removed = set(drop) | (set() if include_as_at else {"as_at_date"})
    if removed:
        data = [{k: v for k, v in row.items() if k not in removed} for row in data]
    return synthetic.rows_to_csv(data, flavour=flavour, columns=columns)


def imported_snapshot(
    school: School,
    *,
    pupils: int = 40,
    as_at: date = AS_AT,
    user: Any = None,
    seed: int = 0,
    data: bytes | None = None,
) -> Snapshot:
    """Import a synthetic file (or ``data``) for ``school`` through the real service and
    return its snapshot. Fails the test, with the first problems, if the file is refused."""
    from reconnect.spectrum.services.imports import INLINE_MAX_BYTES, import_receive

    phase = school.phase if school.phase in ("primary", "secondary") else "secondary"
    if data is None:
        data = pupil_csv(pupils, seed=seed, as_at=as_at, phase=phase)
    pupil_import = import_receive(
        school=school,
        user=user,
        data=data,
        filename="pupils.csv",
        as_at_date=None,
        # The command line processes in the call whatever the size; the web queues big files.
        source=ImportSource.WEB if len(data) <= INLINE_MAX_BYTES else ImportSource.COMMAND,
    )
    if pupil_import.status not in (ImportStatus.IMPORTED, ImportStatus.UNCHANGED):
        raise AssertionError(
            f"Import {pupil_import.status}: {pupil_import.problems[:5]} "
            f"unmatched={pupil_import.unmatched_headers} notices={pupil_import.notices[:3]}"
        )
    assert pupil_import.snapshot is not None
    return pupil_import.snapshot


def summaries_refresh(*snapshots: Snapshot) -> None:
    """Rewrite these snapshots' factor-mask summaries from their records, as the import
    services do after writing them (for records made or changed outside a service)."""
    from reconnect.spectrum.services.summaries import snapshot_summary_write

    for snapshot in snapshots:
        snapshot_summary_write(snapshot.pk)


# --- Model factories ------------------------------------------------------------------------


class SchoolDataSettingsFactory(factory.django.DjangoModelFactory[SchoolDataSettings]):
    class Meta:
        model = SchoolDataSettings
        django_get_or_create = ("school",)

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    pseudonym_key = factory.LazyFunction(lambda: seal({"upn_key": secrets.token_hex(32)}))


class StaffCohortGrantFactory(factory.django.DjangoModelFactory[StaffCohortGrant]):
    class Meta:
        model = StaffCohortGrant

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    user = factory.SubFactory("reconnect.accounts.tests.factories.UserFactory")


class ColumnMappingFactory(factory.django.DjangoModelFactory[ColumnMapping]):
    class Meta:
        model = ColumnMapping

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    header = factory.Sequence(lambda n: f"misfield{n}")
    canonical = ""


class IndicatorConfigFactory(factory.django.DjangoModelFactory[IndicatorConfig]):
    class Meta:
        model = IndicatorConfig
        django_get_or_create = ("school",)

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    overrides = factory.LazyFunction(dict)


class IndicatorChangeFactory(factory.django.DjangoModelFactory[IndicatorChange]):
    class Meta:
        model = IndicatorChange

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    key = "weight.fsm_current"
    before = None
    after = 2


class SnapshotFactory(factory.django.DjangoModelFactory[Snapshot]):
    class Meta:
        model = Snapshot

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    as_at_date = AS_AT
    pupil_count = 0
    is_latest = False


class PupilRecordFactory(factory.django.DjangoModelFactory[PupilRecord]):
    """A record, its snapshot's summary kept in step (``summary=False`` leaves that to the
    test, which then calls ``summaries_refresh`` or the service itself)."""

    class Meta:
        model = PupilRecord
        skip_postgeneration_save = True

    snapshot = factory.SubFactory(SnapshotFactory)
    school = factory.SelfAttribute("snapshot.school")
    pupil_ref = factory.Sequence(lambda n: f"P{n:05d}")
    year_group = "7"
    fsm_eligible = False
    fsm_ever6 = False
    looked_after = False
    sen_provision = "N"
    sessions_possible = 100
    sessions_present = 96

    @factory.post_generation
    def summary(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        if create and extracted is not False:
            # factory_boy passes the created record as ``self``.
            summaries_refresh(cast(PupilRecord, self).snapshot)


class PupilImportFactory(factory.django.DjangoModelFactory[PupilImport]):
    """A finished import row with no file behind it (for list pages and access tests)."""

    class Meta:
        model = PupilImport

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    source = ImportSource.WEB
    original_filename = "pupils.csv"
    size_bytes = 1024
    file_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = ImportStatus.REJECTED
    rows_total = 3
    problems = factory.LazyFunction(
        lambda: [{"row": 2, "column": "fsm_eligible", "value": "maybe", "expected": "Y or N"}]
    )
    problem_count = 1
    finished_at = factory.LazyFunction(timezone.now)


class SavedCohortFactory(factory.django.DjangoModelFactory[SavedCohort]):
    class Meta:
        model = SavedCohort

    school = factory.SubFactory("reconnect.schools.tests.factories.SchoolFactory")
    name = factory.Sequence(lambda n: f"Target group {n}")
    definition = factory.LazyFunction(lambda: {"factors": ["fsm_current"]})


class PostcodeDeprivationFactory(factory.django.DjangoModelFactory[PostcodeDeprivation]):
    class Meta:
        model = PostcodeDeprivation
        django_get_or_create = ("postcode",)

    postcode = "SE1 7PB"
    lsoa21 = "E01003968"
    idaci_decile = 2
