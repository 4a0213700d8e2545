import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.hub.models import Theme
from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory

# Whatever the number of members: the session, the user, the school, the lead check and the
# members (the second-factor gate and the header's bell are cached after the first request).
QUERIES_FOR_A_LEAD = 6
QUERIES_FOR_A_COORDINATOR = 5


def _members_url(urn: int) -> str:
    return reverse("accounts:school-members", args=[urn])


def _membership(user, school) -> Membership:
    return Membership.objects.get(user=user, school=school)


def test_school_members_lists_the_school_for_its_lead(
    client, head_at_school_a, staff_at_school_a, data_lead_at_school_a, head_at_school_b
):
    client.force_login(head_at_school_a)

    response = client.get(_members_url(900001))

    assert response.status_code == 200
    assert [row["membership"].user.email for row in response.context["rows"]] == [
        "data.a@example.org",
        "head.a@example.org",
        "staff.a@example.org",
    ]
    assert b"head.b@example.org" not in response.content


@pytest.mark.parametrize("members", [1, 3])
def test_school_members_query_count_does_not_grow_for_a_lead(
    client, django_assert_num_queries, head_at_school_a, school_a, members
):
    # The lead is the first member; the others are staff the lead may change.
    for _ in range(members - 1):
        MembershipFactory.create(school=school_a, role=SchoolRole.STAFF)
    client.force_login(head_at_school_a)
    client.get(_members_url(900001))  # the first request fills the per-member caches

    with django_assert_num_queries(QUERIES_FOR_A_LEAD):
        response = client.get(_members_url(900001))

    assert len(response.context["rows"]) == members
    assert [row["can_change"] for row in response.context["rows"]].count(True) == members


@pytest.mark.parametrize("members", [1, 3])
def test_school_members_query_count_does_not_grow_for_a_coordinator(
    client, django_assert_num_queries, coordinator, school_a, members
):
    for _ in range(members):
        MembershipFactory.create(school=school_a, role=SchoolRole.STAFF)
    client.force_login(coordinator)
    client.get(_members_url(900001))

    with django_assert_num_queries(QUERIES_FOR_A_COORDINATOR):
        response = client.get(_members_url(900001))

    assert len(response.context["rows"]) == members


def test_school_members_of_another_school_is_not_found(client, head_at_school_b, school_a):
    client.force_login(head_at_school_b)

    assert client.get(_members_url(900001)).status_code == 404


def test_school_members_is_forbidden_to_staff_of_the_school(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    assert client.get(_members_url(900001)).status_code == 403


def test_school_members_sends_anonymous_visitors_to_sign_in(client, school_a):
    response = client.get(_members_url(900001))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_role_change_by_lead_is_audited(
    client, head_at_school_a, staff_at_school_a, school_a
):
    membership = _membership(staff_at_school_a, school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("accounts:member-role-change", args=[900001, membership.pk]),
        {"role": SchoolRole.DATA_LEAD},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == SchoolRole.DATA_LEAD
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert (event.actor, event.school_urn, event.detail) == (
        head_at_school_a,
        900001,
        {"member": "staff.a@example.org", "from": "staff", "to": "data_lead"},
    )


def test_member_role_change_refuses_to_demote_the_last_lead(
    client, coordinator, head_at_school_a, school_a
):
    membership = _membership(head_at_school_a, school_a)
    client.force_login(coordinator)

    response = client.post(
        reverse("accounts:member-role-change", args=[900001, membership.pk]),
        {"role": SchoolRole.STAFF},
        follow=True,
    )

    membership.refresh_from_db()
    assert membership.role == SchoolRole.SCHOOL_LEAD
    assert [str(m) for m in response.context["messages"]] == [
        "Demo School A must keep at least one school lead. Make someone else a school lead first."
    ]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGED).exists()


def test_member_remove_refuses_the_last_lead(client, head_at_school_a, school_a):
    membership = _membership(head_at_school_a, school_a)
    client.force_login(head_at_school_a)

    client.post(reverse("accounts:member-remove", args=[900001, membership.pk]))

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_remove_of_a_second_lead_is_allowed(
    client, coordinator, head_at_school_a, staff_at_school_a, school_a
):
    second = _membership(staff_at_school_a, school_a)
    second.role = SchoolRole.SCHOOL_LEAD
    second.save()
    client.force_login(coordinator)

    response = client.post(reverse("accounts:member-remove", args=[900001, second.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=second.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_REMOVED)
    assert event.detail == {"member": "staff.a@example.org", "role": "school_lead"}


def test_member_remove_in_another_school_is_not_found(
    client, head_at_school_b, staff_at_school_a, school_a
):
    membership = _membership(staff_at_school_a, school_a)
    client.force_login(head_at_school_b)

    response = client.post(reverse("accounts:member-remove", args=[900001, membership.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_of_school_b_cannot_be_removed_through_school_a(
    client, head_at_school_a, head_at_school_b, school_b
):
    membership = _membership(head_at_school_b, school_b)
    client.force_login(head_at_school_a)

    response = client.post(reverse("accounts:member-remove", args=[900001, membership.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removed_role_takes_effect_on_the_next_request(
    client, coordinator, head_at_school_a, staff_at_school_a, school_a
):
    second = _membership(staff_at_school_a, school_a)
    second.role = SchoolRole.SCHOOL_LEAD
    second.save()
    Authenticator.objects.create(
        user=staff_at_school_a, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    lead_client = client
    lead_client.force_login(staff_at_school_a)
    assert lead_client.get(_members_url(900001)).status_code == 200

    from django.test import Client

    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    coordinator_client.post(
        reverse("accounts:member-role-change", args=[900001, second.pk]), {"role": "staff"}
    )

    assert lead_client.get(_members_url(900001)).status_code == 403
    assert lead_client.get(reverse("accounts:invitation-list")).status_code == 403


def test_profile_update_saves_names_themes_and_contact_preference(client, staff_at_school_a):
    themes = list(Theme.objects.order_by("position")[:2])
    client.force_login(staff_at_school_a)

    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Samira",
            "last_name": "Staff",
            "job_title": "SENCo",
            "bio": "Leading SEND across the school.",
            "themes": [theme.pk for theme in themes],
            "open_to_contact": "on",
        },
    )

    assert response.status_code == 302
    staff_at_school_a.refresh_from_db()
    assert (
        staff_at_school_a.first_name,
        staff_at_school_a.job_title,
        staff_at_school_a.bio,
        staff_at_school_a.open_to_contact,
    ) == ("Samira", "SENCo", "Leading SEND across the school.", True)
    assert list(staff_at_school_a.themes.order_by("position")) == themes


def test_profile_requires_a_name(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(reverse("accounts:profile"), {"first_name": "", "last_name": ""})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}
    content = response.content.decode()
    assert '<a href="#id_first_name">Enter a first name</a>' in content
    assert 'aria-describedby="id_first_name-error"' in content
    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.first_name == "Sam"


def test_profile_page_links_to_security_settings(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(reverse("accounts:profile"))

    content = response.content.decode()
    for url in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"):
        assert f'href="{url}"' in content
    assert 'href="/accounts/schools/900001/members/"' in content
    assert 'href="/accounts/invitations/"' in content


def test_profile_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


def test_member_remove_of_oneself_as_a_second_lead_goes_home(
    client, head_at_school_a, staff_at_school_a, school_a
):
    second = _membership(staff_at_school_a, school_a)
    second.role = SchoolRole.SCHOOL_LEAD
    second.save()
    own = _membership(head_at_school_a, school_a)
    client.force_login(head_at_school_a)

    response = client.post(reverse("accounts:member-remove", args=[900001, own.pk]))

    assert response["Location"] == "/"
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_member_role_change_to_school_lead_is_for_coordinators(
    client, head_at_school_a, staff_at_school_a, school_a
):
    membership = _membership(staff_at_school_a, school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("accounts:member-role-change", args=[900001, membership.pk]),
        {"role": SchoolRole.SCHOOL_LEAD},
    )

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == SchoolRole.STAFF


def test_member_remove_of_another_lead_is_for_coordinators(
    client, head_at_school_a, staff_at_school_a, school_a
):
    other_lead = _membership(staff_at_school_a, school_a)
    other_lead.role = SchoolRole.SCHOOL_LEAD
    other_lead.save()
    client.force_login(head_at_school_a)

    page = client.get(_members_url(900001))
    response = client.post(reverse("accounts:member-remove", args=[900001, other_lead.pk]))

    assert response.status_code == 403
    assert Membership.objects.filter(pk=other_lead.pk).exists()
    rows = {row["membership"].user.email: row for row in page.context["rows"]}
    assert rows["staff.a@example.org"]["can_change"] is False
    assert rows["head.a@example.org"]["can_change"] is True
    assert [value for value, _label in rows["head.a@example.org"]["roles"]] == [
        "school_lead",
        "data_lead",
        "staff",
    ]


def test_school_members_offers_a_lead_only_the_roles_they_may_give(
    client, head_at_school_a, staff_at_school_a
):
    client.force_login(head_at_school_a)

    response = client.get(_members_url(900001))

    row = next(r for r in response.context["rows"] if r["membership"].user == staff_at_school_a)
    assert [value for value, _label in row["roles"]] == ["data_lead", "staff"]
