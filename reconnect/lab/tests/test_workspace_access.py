"""Who opens a learning trio's workspace: its schools' members (any role) and coordinators;
404 for everyone else, so no other school learns the trio exists."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from reconnect.accounts.tests.factories import UserFactory
from reconnect.lab import rules
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

PAGES = ("", "plan/", "meetings/", "discussion/", "files/")


@pytest.fixture
def trio(school_a):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    TrioMemberFactory.create(trio=made, school=SchoolFactory.create(name="Hillside Primary"))
    return made


def _url(trio, rest=""):
    return f"/lab/trios/{trio.pk}/{rest}"


@pytest.mark.parametrize("rest", PAGES)
def test_workspace_opens_for_school_a_staff(client, trio, staff_at_school_a, rest):
    client.force_login(staff_at_school_a)

    response = client.get(_url(trio, rest))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Riverside trio</h1>' in response.content.decode()


def test_workspace_opens_for_a_member_of_the_trios_other_school(client, trio):
    hillside = trio.members.get(school__name="Hillside Primary").school
    teacher = UserFactory.create()
    MembershipFactory.create(user=teacher, school=hillside, role=SchoolRole.STAFF)
    client.force_login(teacher)

    response = client.get(_url(trio))

    assert response.status_code == 200


@pytest.mark.parametrize("rest", PAGES)
def test_workspace_is_404_for_another_school(client, trio, head_at_school_b, rest):
    client.force_login(head_at_school_b)

    assert client.get(_url(trio, rest)).status_code == 404


def test_workspace_is_404_for_a_system_leader_over_the_trust(client, trio, system_leader):
    client.force_login(system_leader)

    assert client.get(_url(trio)).status_code == 404


def test_workspace_opens_for_a_coordinator(client, trio, coordinator):
    client.force_login(coordinator)

    assert client.get(_url(trio)).status_code == 200


def test_workspace_sends_a_visitor_to_sign_in(client, trio):
    response = client.get(_url(trio, "plan/"))

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_workspace_is_404_for_a_trio_that_does_not_exist(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/lab/trios/999999/").status_code == 404
    assert client.get(f"/lab/trios/{2**40}/").status_code == 404


def test_can_open_trio_refuses_an_inactive_member(trio, staff_at_school_a):
    staff_at_school_a.is_active = False

    assert rules.can_open_trio(staff_at_school_a, trio) is False
