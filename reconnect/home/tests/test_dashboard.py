import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reconnect.accounts.models import Invitation, JoinRequest
from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import (
    MembershipFactory,
    SchoolFactory,
    SystemLeaderScopeFactory,
    TrustFactory,
    local_authority,
)
from tests.personas import enrol_mfa


def steps(html: str) -> list[str]:
    """The names of the next steps, in order."""
    return re.findall(r'class="govuk-link govuk-task-list__link"[^>]*>([^<]+)</a>', html)


def links(html: str) -> list[tuple[str, str]]:
    """(name, href) of each next step."""
    pairs = re.findall(
        r'<a class="govuk-link govuk-task-list__link" href="([^"]*)"[^>]*>([^<]+)</a>', html
    )
    return [(name, href) for href, name in pairs]


def statuses(html: str) -> list[str]:
    found = re.findall(r'class="govuk-task-list__status"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<[^>]+>", "", status).strip() for status in found]


def invite(school, email, **fields):
    defaults = {
        "role": SchoolRole.STAFF,
        "token_hash": email,
        "expires_at": timezone.now() + timedelta(days=7),
    }
    return Invitation.objects.create(email=email, school=school, **(defaults | fields))


def test_dashboard_shows_a_staff_member_their_school_and_role(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/")

    html = response.content.decode()
    assert response.templates[0].name == "home/dashboard.html"
    assert "Welcome, Sam Staff" in html
    assert '<h3 class="govuk-summary-card__title">Demo School A</h3>' in html
    assert "Staff member" in html
    assert "Camden · URN 900001" in html
    assert "Northbank Learning Trust" in html
    assert "24.5%" in html  # free school meals
    assert "16.1%" in html  # SEN support and EHC plans together
    assert "including 2.9% with an EHC plan" in html
    assert "94.1%" in html


def test_dashboard_links_each_next_step_to_its_page(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert links(html) == [
        ("Complete your profile", "/accounts/profile/"),
        ("Set up two-step verification", "/accounts/2fa/"),
        ("See schools like Demo School A", "/schools/900001/similar/"),
        ("Find what works in the Knowledge Hub", "/hub/search/"),
        ("Browse the directory", "/schools/"),
        ("Share what worked in your school", "/hub/submit-case-study/"),
    ]
    assert statuses(html)[2:] == ["Suggested", "Suggested", "Suggested", "Suggested"]
    assert '<a class="govuk-link" href="/schools/900001/">School profile' in html


def test_dashboard_sends_a_member_to_the_hub_page_of_their_first_theme(client, staff_at_school_a):
    staff_at_school_a.themes.add(*Theme.objects.filter(slug__in=["send", "transition"]))
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert ("Find what works on SEND", "/hub/themes/send/") in links(html)


def test_dashboard_asks_to_complete_a_profile_without_themes(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert steps(html)[:2] == ["Complete your profile", "Set up two-step verification"]
    assert statuses(html)[:2] == ["To do", "To do"]
    assert "You have 2 things to do." in html


def test_dashboard_marks_a_complete_profile_and_second_factor_done(client, head_at_school_a):
    head_at_school_a.themes.add(Theme.objects.get(slug="attendance"))
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert steps(html)[:2] == ["Complete your profile", "Set up two-step verification"]
    assert statuses(html)[:2] == ["Completed", "Completed"]


def test_dashboard_asks_a_lead_of_a_small_school_to_invite_staff(client, head_at_school_a):
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert ("Invite your staff to Demo School A", "/accounts/invitations/new/?school=900001") in (
        links(html)
    )


def test_dashboard_sends_a_lead_of_two_schools_to_invite_to_each(
    client, head_at_school_a, school_b
):
    MembershipFactory(user=head_at_school_a, school=school_b, role=SchoolRole.SCHOOL_LEAD)
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert [link for link in links(html) if link[0].startswith("Invite your staff")] == [
        ("Invite your staff to Demo School A", "/accounts/invitations/new/?school=900001"),
        ("Invite your staff to Demo School B", "/accounts/invitations/new/?school=900002"),
    ]


def test_dashboard_stops_asking_once_the_school_has_three_members(
    client, head_at_school_a, staff_at_school_a, data_lead_at_school_a
):
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert "Invite your staff to Demo School A" not in steps(html)


def test_dashboard_never_asks_staff_to_invite(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert not any(step.startswith("Invite your staff") for step in steps(html))


def test_dashboard_counts_a_leads_pending_invitations_only(client, head_at_school_a, school_b):
    invite(head_at_school_a.memberships.get().school, "new.one@example.org")
    invite(head_at_school_a.memberships.get().school, "new.two@example.org")
    invite(
        head_at_school_a.memberships.get().school,
        "gone@example.org",
        revoked_at=timezone.now(),
    )
    invite(school_b, "elsewhere@example.org")
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert "Invitations waiting to be accepted" in steps(html)
    assert "2 waiting" in statuses(html)
    assert 'href="/accounts/invitations/?status=pending"' in html


def test_dashboard_shows_a_coordinator_the_network_and_join_requests(
    client, coordinator, staff_at_school_a, head_at_school_b
):
    JoinRequest.objects.create(
        first_name="Pat",
        last_name="Ng",
        email="pat@example.org",
        job_title="Headteacher",
        school=head_at_school_b.memberships.get().school,
        role=SchoolRole.SCHOOL_LEAD,
    )
    client.force_login(coordinator)

    response = client.get("/")

    html = response.content.decode()
    network = response.context["dashboard"].network
    assert (network.schools, network.members, network.pending_join_requests) == (2, 2, 1)
    assert network.pending_invitations == 0
    assert "Review requests to join" in steps(html)
    assert "1 waiting" in statuses(html)
    assert "Your school" not in html
    assert 'href="/accounts/join-requests/"' in html
    # What a coordinator can do in Wagtail's admin; users and groups are for administrators.
    assert (
        '<a class="govuk-link" href="/admin/">Admin: the Hub’s pages, documents and images, '
        "and the network’s schools, trusts and memberships</a>"
    ) in html
    assert "users and groups" not in html


def test_dashboard_shows_a_system_leader_their_trust_and_its_schools(
    client, system_leader, school_a
):
    trust = system_leader.system_leader_scopes.get().trust
    SchoolFactory(trust=trust)
    SchoolFactory(trust=trust, is_open=False)
    client.force_login(system_leader)

    response = client.get("/")

    scopes = response.context["dashboard"].scopes
    assert [(s.name, s.is_trust, s.school_count) for s in scopes] == [
        ("Northbank Learning Trust", True, 2)
    ]
    assert "2 open schools" in response.content.decode()


def test_dashboard_shows_a_borough_scope(client, db):
    leader = UserFactory.create()
    SystemLeaderScopeFactory(user=leader, trust=None, local_authority=local_authority(210))
    SchoolFactory(local_authority=local_authority(210))
    client.force_login(enrol_mfa(leader))

    scopes = client.get("/").context["dashboard"].scopes

    assert [(s.name, s.is_trust, s.school_count) for s in scopes] == [("Southwark", False, 1)]


def test_dashboard_tells_a_member_without_a_school_how_to_get_one(client, db):
    client.force_login(UserFactory())

    html = client.get("/").content.decode()

    assert "You are not a member of a school on Reconnect yet." in html
    assert "summary-card" not in html


def test_dashboard_does_not_show_other_schools(client, staff_at_school_a, school_b):
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert "Demo School B" not in html


def _member_of(count: int):
    user = UserFactory(job_title="")
    trust = TrustFactory()
    for _ in range(count):
        school = SchoolFactory(trust=trust)
        MembershipFactory(user=user, school=school, role=SchoolRole.STAFF)
        MembershipFactory(school=school)
        invite(school, f"{school.urn}@example.org")
    return user


@pytest.mark.parametrize("schools", [1, 3])
def test_dashboard_query_count_does_not_grow_with_schools(
    client, db, django_assert_num_queries, schools
):
    client.force_login(_member_of(schools))

    with django_assert_num_queries(11):  # 10, and the header's notification bell
        response = client.get("/")

    assert len(response.context["dashboard"].memberships) == schools


@pytest.mark.parametrize("schools", [1, 3])
def test_dashboard_query_count_for_a_coordinator_does_not_grow(
    client, coordinator, django_assert_num_queries, schools
):
    for _ in range(schools):
        MembershipFactory(user=coordinator, role=SchoolRole.SCHOOL_LEAD)

    client.force_login(coordinator)

    # + their schools' latest pupil data, + the invitations waiting there, + the bell
    with django_assert_num_queries(17):
        response = client.get("/")

    assert response.context["dashboard"].network.schools == schools
