import pytest
from django.db import DatabaseError

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.services.memberships import membership_grant

pytestmark = pytest.mark.django_db


def test_membership_grant_creates_the_role_and_its_audit_record(coordinator, school_a):
    member = UserFactory.create(email="new.teacher@example.org")

    membership = membership_grant(
        user=member, school=school_a, role=SchoolRole.DATA_LEAD, actor=coordinator
    )

    assert (membership.user, membership.school, membership.role) == (
        member,
        school_a,
        SchoolRole.DATA_LEAD,
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_GRANTED)
    assert (event.actor, event.target_id, event.school_urn, event.detail) == (
        coordinator,
        str(membership.pk),
        900001,
        {"member": "new.teacher@example.org", "role": "data_lead", "via": "admin"},
    )


def test_membership_grant_refuses_a_second_role_at_the_same_school(
    coordinator, staff_at_school_a, school_a
):
    with pytest.raises(ApplicationError) as raised:
        membership_grant(
            user=staff_at_school_a, school=school_a, role=SchoolRole.DATA_LEAD, actor=coordinator
        )

    assert raised.value.message == (
        "staff.a@example.org already has a role at Demo School A. Change that role instead."
    )
    assert Membership.objects.get(user=staff_at_school_a).role == SchoolRole.STAFF
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).exists()


def test_membership_grant_refuses_an_unknown_role(coordinator, school_a):
    member = UserFactory.create()

    with pytest.raises(ApplicationError) as raised:
        membership_grant(user=member, school=school_a, role="headteacher", actor=coordinator)

    assert (raised.value.message, raised.value.field) == ("Choose a role.", "role")
    assert not Membership.objects.filter(user=member).exists()


def test_membership_grant_leaves_no_role_when_the_audit_record_fails(
    coordinator, school_a, audit_log_down
):
    member = UserFactory.create()

    with pytest.raises(DatabaseError, match="audit log unavailable"):
        membership_grant(user=member, school=school_a, role=SchoolRole.STAFF, actor=coordinator)

    assert not Membership.objects.filter(user=member).exists()
