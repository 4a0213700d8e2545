"""The cohort pages' reads from SQL compiled once a process equal the ORM's, and are never
compiled during a token request."""

import pytest
from django.db.models import prefetch_related_objects

from reconnect.accounts.acting_school import act_for_school, acting_for_one_school
from reconnect.accounts.models import User
from reconnect.schools.models import Membership
from reconnect.spectrum.models import PupilImport, StaffCohortGrant
from reconnect.spectrum.selectors import access, pupils
from reconnect.spectrum.tests.factories import imported_snapshot
from reconnect.spectrum.tests.test_views_pupils import _csv


def _rows(memberships):
    return [(m.pk, m.user_id, m.school_id, m.role, m.created_at) for m in memberships]


def test_remembered_memberships_equal_the_prefetch(staff_at_school_a, school_b):
    Membership.objects.create(user=staff_at_school_a, school=school_b, role="staff")
    fresh = User.objects.get(pk=staff_at_school_a.pk)
    prefetch_related_objects([fresh], "memberships")
    mine = User.objects.get(pk=staff_at_school_a.pk)
    access.remember_memberships(mine)
    assert _rows(mine.memberships.all()) == _rows(fresh.memberships.all())
    assert len(mine.memberships.all()) == 2
    assert all(m.user is mine for m in mine.memberships.all())  # no query for the user


def test_the_school_and_grant_equal_the_orms(school_a, staff_at_school_a, head_at_school_a):
    school, granted = access._school_and_grant(school_a.urn, staff_at_school_a.pk)
    assert school is not None
    assert granted is False
    assert [getattr(school, f.attname) for f in school._meta.concrete_fields] == [
        getattr(school_a, f.attname) for f in school_a._meta.concrete_fields
    ]
    StaffCohortGrant.objects.create(
        school=school_a, user=staff_at_school_a, granted_by=head_at_school_a
    )
    assert access._school_and_grant(school_a.urn, staff_at_school_a.pk)[1] is True
    assert access._school_and_grant(999_999, staff_at_school_a.pk) == (None, False)


def test_the_latest_head_equals_the_orms_snapshot(school_a, head_at_school_a):
    snapshot = imported_snapshot(school_a, user=head_at_school_a, data=_csv())
    head = pupils.latest_head(school_a)
    assert head is not None
    assert [getattr(head.snapshot, f.attname) for f in snapshot._meta.concrete_fields] == [
        getattr(snapshot, f.attname) for f in snapshot._meta.concrete_fields
    ]
    written_by = PupilImport.objects.filter(snapshot=snapshot).latest("finished_at")
    assert head.mapping == dict(written_by.mapping)


@pytest.mark.django_db
def test_a_token_request_never_compiles_the_memberships_query(
    staff_at_school_a, school_b, monkeypatch
):
    Membership.objects.create(user=staff_at_school_a, school=school_b, role="staff")
    access._MEMBERSHIPS.clear()
    user = User.objects.get(pk=staff_at_school_a.pk)
    with acting_for_one_school():
        act_for_school(user_id=user.pk, school_id=school_b.pk)
        access.remember_memberships(user)
        # The token's narrowing holds: only the token's school.
        assert [m.school_id for m in user.memberships.all()] == [school_b.pk]
    assert access._MEMBERSHIPS == {}
