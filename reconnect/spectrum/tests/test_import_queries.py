"""An import's queries do not grow with the number of pupils.

Records go in with one ``executemany`` per ``WRITE_CHUNK`` (5,000) rows, after one progress
update per chunk; postcodes are looked up ``LOOKUP_CHUNK`` (5,000) at a time. So every
school-sized file up to 5,000 pupils makes exactly the same queries; each further 5,000
rows add one insert and one progress update (and one lookup when it has postcodes).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.spectrum.models import ImportSource, ImportStatus, PupilRecord
from reconnect.spectrum.services.imports import import_receive
from reconnect.spectrum.tests.factories import PostcodeDeprivationFactory, pupil_csv, pupil_rows


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _queries(school, data: bytes) -> int:
    with CaptureQueriesContext(connection) as context:
        pupil_import = import_receive(
            school=school,
            user=None,
            data=data,
            filename="pupils.csv",
            as_at_date=None,
            source=ImportSource.WEB,
        )
    assert pupil_import.status == ImportStatus.IMPORTED
    return len(context.captured_queries)


def test_importing_40_or_400_pupils_makes_the_same_queries(school_a, school_b):
    small = _queries(school_a, pupil_csv(40, seed=1))
    large = _queries(school_b, pupil_csv(400, seed=2))

    assert (small, large) == (small, small)
    assert PupilRecord.objects.filter(school=school_b).count() == 400


def test_replacing_a_snapshot_of_40_or_400_pupils_makes_the_same_queries(school_a, school_b):
    _queries(school_a, pupil_csv(40, seed=1))
    _queries(school_b, pupil_csv(400, seed=2))

    small = _queries(school_a, pupil_csv(40, seed=3))
    large = _queries(school_b, pupil_csv(400, seed=4))

    assert small == large


def test_postcodes_of_40_or_400_pupils_are_looked_up_in_one_query(school_a, school_b):
    PostcodeDeprivationFactory(postcode="SE1 7PB", idaci_decile=1)

    def with_postcodes(pupils: int, seed: int) -> bytes:
        rows = pupil_rows(pupils, seed=seed)
        return pupil_csv(rows, postcode="SE1 7PB", idaci_decile=None)

    small = _queries(school_a, with_postcodes(40, 5))
    large = _queries(school_b, with_postcodes(400, 6))

    assert small == large
    assert set(PupilRecord.objects.values_list("idaci_decile", flat=True)) == {1}
