"""Services other apps call directly (the network admin grants and revokes through these)."""

import pytest

from reconnect.accounts import services
from reconnect.accounts.tests.factories import InvitationFactory, UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.schools.models import SystemLeaderScope
from reconnect.schools.services import memberships
from reconnect.schools.tests.factories import local_authority


def test_system_leader_scope_grant_for_a_borough_is_audited(coordinator, db):
    leader = UserFactory.create(email="borough.officer@example.org")
    camden = local_authority(202)

    scope = memberships.system_leader_scope_grant(
        user=leader, local_authority=camden, actor=coordinator
    )

    assert (scope.user, scope.local_authority, scope.trust) == (leader, camden, None)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_GRANTED)
    assert (event.actor, event.detail) == (
        coordinator,
        {"member": "borough.officer@example.org", "role": "system_leader", "scope": "Camden"},
    )


def test_system_leader_scope_grant_needs_exactly_one_scope(coordinator, trust_a):
    leader = UserFactory.create()

    with pytest.raises(ApplicationError, match="either a trust or a local authority"):
        memberships.system_leader_scope_grant(
            user=leader, trust=trust_a, local_authority=local_authority(202), actor=coordinator
        )
    with pytest.raises(ApplicationError):
        memberships.system_leader_scope_grant(user=leader, actor=coordinator)
    assert not SystemLeaderScope.objects.filter(user=leader).exists()


def test_system_leader_scope_grant_twice_is_refused(coordinator, system_leader, trust_a):
    with pytest.raises(ApplicationError, match="already oversees"):
        memberships.system_leader_scope_grant(user=system_leader, trust=trust_a, actor=coordinator)

    assert SystemLeaderScope.objects.filter(user=system_leader).count() == 1
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).exists()


def test_system_leader_scope_revoke_is_audited(coordinator, system_leader):
    scope = SystemLeaderScope.objects.get(user=system_leader)

    memberships.system_leader_scope_revoke(scope=scope, actor=coordinator)

    assert not SystemLeaderScope.objects.filter(user=system_leader).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_REMOVED)
    assert event.detail == {
        "member": "leader@example.org",
        "role": "system_leader",
        "scope": "Northbank Learning Trust",
    }


def test_invitation_accept_refuses_someone_already_at_the_school(staff_at_school_a, school_a):
    invitation = InvitationFactory.create(school=school_a, email="staff.a@example.org")

    with pytest.raises(ApplicationError, match="already a member of Demo School A"):
        services.invitation_accept(invitation=invitation, user=staff_at_school_a)

    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_accept_refuses_another_address(staff_at_school_a, school_b):
    invitation = InvitationFactory.create(school=school_b, email="someone@example.org")

    with pytest.raises(ApplicationError, match="different email address"):
        services.invitation_accept(invitation=invitation, user=staff_at_school_a)


def test_invitation_revoke_twice_is_refused(coordinator, school_a):
    invitation = InvitationFactory.create(school=school_a)
    services.invitation_revoke(invitation=invitation, actor=coordinator)

    with pytest.raises(ApplicationError, match="still waiting"):
        services.invitation_revoke(invitation=invitation, actor=coordinator)

    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_REVOKED).count() == 1
