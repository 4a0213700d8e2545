"""Who belongs to which group, kind by kind: ``selectors.membership`` gives the same exact
member set from both sides (a user's groups, a group's members)."""

import pytest

from reconnect.accounts.acting_school import act_for_school, acting_for_one_school
from reconnect.accounts.tests.factories import UserFactory
from reconnect.lab.models import TrioStatus
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory
from reconnect.network.models import GroupKind, GroupRole
from reconnect.network.selectors import membership
from reconnect.network.selectors.membership import (
    group_ids_of,
    group_member_ids,
    groups_of,
    is_group_member,
)
from reconnect.network.tests.factories import GroupFactory, GroupMembershipFactory
from reconnect.schools.models import LocalAuthority, School
from reconnect.schools.tests.factories import (
    MembershipFactory,
    SchoolFactory,
    SystemLeaderScopeFactory,
    TrustFactory,
)

pytestmark = pytest.mark.django_db


def _members(group) -> set[int]:
    return set(group_member_ids(group).values_list("pk", flat=True))


def _member_at(school):
    return MembershipFactory.create(school=school).user


def _agrees(group, users) -> None:
    """Every user's own list of groups says the same as the group's member list."""
    members = _members(group)
    for user in users:
        assert (group.pk in set(groups_of(user).values_list("pk", flat=True))) == (
            user.pk in members
        ), user


def test_trio_group_holds_the_members_of_its_schools_once_confirmed():
    first, second, elsewhere = SchoolFactory.create_batch(3)
    a, b, c = _member_at(first), _member_at(second), _member_at(elsewhere)
    trio = TrioFactory.create(status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=first)
    TrioMemberFactory.create(trio=trio, school=second)
    group = trio.group

    assert _members(group) == {a.pk, b.pk}
    _agrees(group, [a, b, c])


def test_trio_group_of_a_trio_taken_back_to_proposed_holds_only_those_added_by_hand():
    school = SchoolFactory.create()
    member = _member_at(school)
    added = UserFactory.create()
    trio = TrioFactory.create(status=TrioStatus.CONFIRMED)
    TrioMemberFactory.create(trio=trio, school=school)
    group = trio.group
    GroupMembershipFactory.create(group=group, user=added)
    trio.status = TrioStatus.PROPOSED
    trio.save(update_fields=["status"])
    group.refresh_from_db()

    assert _members(group) == {added.pk}
    _agrees(group, [member, added])


def test_borough_group_holds_its_schools_members_and_its_system_leaders():
    camden = LocalAuthority.objects.get(code=202)
    hackney = LocalAuthority.objects.get(code=204)
    inside = _member_at(SchoolFactory.create(local_authority=camden))
    outside = _member_at(SchoolFactory.create(local_authority=hackney))
    leader = SystemLeaderScopeFactory.create(trust=None, local_authority=camden).user
    other_leader = SystemLeaderScopeFactory.create(trust=None, local_authority=hackney).user
    group = GroupFactory.create(kind=GroupKind.BOROUGH, local_authority=camden)

    assert _members(group) == {inside.pk, leader.pk}
    _agrees(group, [inside, outside, leader, other_leader])


def test_trust_group_holds_its_schools_members_and_its_system_leaders():
    trust = TrustFactory.create()
    inside = _member_at(SchoolFactory.create(trust=trust))
    outside = _member_at(SchoolFactory.create())
    leader = SystemLeaderScopeFactory.create(trust=trust).user
    other_leader = SystemLeaderScopeFactory.create().user
    group = GroupFactory.create(kind=GroupKind.TRUST, trust=trust)

    assert _members(group) == {inside.pk, leader.pk}
    _agrees(group, [inside, outside, leader, other_leader])


def test_phase_group_holds_the_members_of_schools_of_its_phase():
    primary = _member_at(SchoolFactory.create(phase=School.Phase.PRIMARY))
    secondary = _member_at(SchoolFactory.create(phase=School.Phase.SECONDARY))
    group = GroupFactory.create(kind=GroupKind.PHASE, phase=School.Phase.SECONDARY)

    assert _members(group) == {secondary.pk}
    _agrees(group, [primary, secondary])


def test_custom_group_holds_only_those_added_and_its_owners():
    school = SchoolFactory.create()
    owner = _member_at(school)
    added = UserFactory.create()
    colleague = _member_at(school)
    coordinator = UserFactory.create(is_coordinator=True)
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=owner, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=added)

    assert _members(group) == {owner.pk, added.pk}
    _agrees(group, [owner, added, colleague, coordinator])


def test_inactive_accounts_are_nobody_s_members():
    school = SchoolFactory.create(phase=School.Phase.SPECIAL)
    gone = _member_at(school)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    group = GroupFactory.create(kind=GroupKind.PHASE, phase=School.Phase.SPECIAL)

    assert _members(group) == set()
    assert not is_group_member(gone, group)


def test_group_ids_are_read_once_per_request(django_assert_num_queries):
    user = _member_at(SchoolFactory.create())
    GroupFactory.create(kind=GroupKind.PHASE, phase=School.Phase.PRIMARY)

    with django_assert_num_queries(1):
        first = group_ids_of(user)
        second = group_ids_of(user)

    assert first == second
    assert len(first) == 1


def test_a_token_request_sees_only_the_groups_of_its_school_and_compiles_nothing_for_later():
    """The groups query is compiled once a process; a token's narrowing must not be in it."""
    camden, hackney = LocalAuthority.objects.order_by("pk")[:2]
    at_camden = SchoolFactory.create(local_authority=camden)
    member = MembershipFactory.create(school=at_camden).user
    MembershipFactory.create(user=member, school=SchoolFactory.create(local_authority=hackney))
    camden_group = GroupFactory.create(kind=GroupKind.BOROUGH, local_authority=camden)
    hackney_group = GroupFactory.create(kind=GroupKind.BOROUGH, local_authority=hackney)
    membership._COMPILED.clear()  # as in a new process, whose first request is a token's

    with acting_for_one_school():
        act_for_school(user_id=member.pk, school_id=at_camden.pk)
        through_token = group_ids_of(member)
    member = type(member).objects.get(pk=member.pk)  # the next request's user object

    assert through_token == {camden_group.pk}
    assert group_ids_of(member) == {camden_group.pk, hackney_group.pk}
