import pytest
from django.db import DatabaseError
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.models import Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import SchoolFactory, local_authority
from reconnect.schools.tests.html import soup, text


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def test_network_admin_is_for_coordinators_and_admins(client, staff_at_school_a, head_at_school_a):
    for user in (staff_at_school_a, head_at_school_a):
        client.force_login(user)

        response = client.get(reverse("network_schools:index"))

        assert response.status_code == 302


def test_network_admin_lists_and_searches_schools(as_coordinator, school_a, school_b):
    everything = as_coordinator.get(reverse("network_schools:index"))
    searched = as_coordinator.get(reverse("network_schools:index"), {"q": "school b"})
    filtered = as_coordinator.get(
        reverse("network_schools:index"), {"local_authority": local_authority(210).pk}
    )

    assert everything.status_code == 200
    page = everything.content.decode()
    assert "Demo School A" in page
    assert "Demo School B" in page
    assert "Demo School B" in searched.content.decode()
    assert "Demo School A" not in searched.content.decode()
    assert "Demo School B" in filtered.content.decode()
    assert "Demo School A" not in filtered.content.decode()


def test_network_admin_menu_groups_the_network_models(as_coordinator):
    response = as_coordinator.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    for label in ("Network", "Schools", "Trusts", "Members at schools", "System leaders"):
        assert f'"{label}"' in html or f">{label}<" in html


def test_coordinator_adds_a_trust(as_coordinator):
    response = as_coordinator.post(
        reverse("network_trusts:add"),
        {"name": "Eastside Learning Trust", "slug": "eastside-learning-trust", "gias_code": "TR9"},
    )

    assert response.status_code == 302
    trust = Trust.objects.get(slug="eastside-learning-trust")
    assert (trust.name, trust.gias_code) == ("Eastside Learning Trust", "TR9")


def test_only_an_administrator_deletes_a_school(client, coordinator, admin_user):
    SchoolFactory(urn=100001)
    url = reverse("network_schools:delete", args=[School.objects.get(urn=100001).pk])

    client.force_login(coordinator)
    refused = client.post(url)
    assert School.objects.filter(urn=100001).exists()
    client.force_login(admin_user)
    allowed = client.post(url)

    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert allowed.status_code == 302
    assert not School.objects.filter(urn=100001).exists()


def test_local_authorities_are_read_only(as_coordinator):
    camden = local_authority(202)

    listing = as_coordinator.get(reverse("network_local_authorities:index"))
    add = as_coordinator.get(reverse("network_local_authorities:add"))
    edit = as_coordinator.post(
        reverse("network_local_authorities:edit", args=[camden.pk]), {"name": "X"}
    )

    assert listing.status_code == 200
    # Each name links to its read-only page ("Inspect"), never to an edit form.
    names = [text(row.select_one("td")) for row in soup(listing).select("tbody tr")]
    assert (len(names), names[0], names[-1]) == (
        33,
        "Barking and Dagenham Inspect",
        "Westminster Inspect",
    )
    assert add.status_code == 302
    assert edit.status_code == 302
    camden.refresh_from_db()
    assert camden.name == "Camden"


def test_coordinator_grants_a_role_and_it_is_audited(as_coordinator, coordinator, school_a):
    from reconnect.accounts.tests.factories import UserFactory

    UserFactory(email="new.teacher@example.org")
    new = type(coordinator).objects.get(email="new.teacher@example.org")

    response = as_coordinator.post(
        reverse("network_memberships:add"),
        {"user": new.pk, "school": school_a.pk, "role": SchoolRole.DATA_LEAD},
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user=new)
    assert (membership.school, membership.role) == (school_a, SchoolRole.DATA_LEAD)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_GRANTED)
    assert (event.actor, event.school_urn, event.detail) == (
        coordinator,
        900001,
        {"member": "new.teacher@example.org", "role": "data_lead", "via": "admin"},
    )


def test_coordinator_grant_leaves_no_role_when_the_audit_record_fails(
    as_coordinator, staff_at_school_a, school_b, audit_log_down
):
    with pytest.raises(DatabaseError, match="audit log unavailable"):
        as_coordinator.post(
            reverse("network_memberships:add"),
            {"user": staff_at_school_a.pk, "school": school_b.pk, "role": SchoolRole.STAFF},
        )

    assert not Membership.objects.filter(user=staff_at_school_a, school=school_b).exists()


def test_coordinator_grant_of_an_existing_role_is_a_form_error(
    as_coordinator, staff_at_school_a, school_a
):
    response = as_coordinator.post(
        reverse("network_memberships:add"),
        {"user": staff_at_school_a.pk, "school": school_a.pk, "role": SchoolRole.DATA_LEAD},
    )

    assert response.status_code == 200
    assert "Membership with this User and School already exists." in response.content.decode()
    assert Membership.objects.get(user=staff_at_school_a).role == SchoolRole.STAFF
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).exists()


def test_coordinator_changes_a_role_through_the_service(
    as_coordinator, staff_at_school_a, head_at_school_a
):
    membership = Membership.objects.get(user=staff_at_school_a)

    response = as_coordinator.post(
        reverse("network_memberships:edit", args=[membership.pk]), {"role": SchoolRole.DATA_LEAD}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == SchoolRole.DATA_LEAD
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert event.detail == {"member": "staff.a@example.org", "from": "staff", "to": "data_lead"}


def test_coordinator_cannot_demote_a_schools_last_lead(as_coordinator, head_at_school_a):
    membership = Membership.objects.get(user=head_at_school_a)

    response = as_coordinator.post(
        reverse("network_memberships:edit", args=[membership.pk]), {"role": SchoolRole.STAFF}
    )

    assert response.status_code == 200
    assert "must keep at least one school lead" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == SchoolRole.SCHOOL_LEAD


def test_coordinator_removes_a_role_and_it_is_audited(as_coordinator, staff_at_school_a):
    membership = Membership.objects.get(user=staff_at_school_a)

    response = as_coordinator.post(reverse("network_memberships:delete", args=[membership.pk]))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_REMOVED)
    assert event.detail == {"member": "staff.a@example.org", "role": "staff"}


def test_coordinator_grants_and_revokes_a_system_leader_scope(
    as_coordinator, staff_at_school_a, trust_a
):
    granted = as_coordinator.post(
        reverse("network_system_leaders:add"), {"user": staff_at_school_a.pk, "trust": trust_a.pk}
    )

    assert granted.status_code == 302
    scope = SystemLeaderScope.objects.get(user=staff_at_school_a)
    assert scope.trust == trust_a

    revoked = as_coordinator.post(reverse("network_system_leaders:delete", args=[scope.pk]))

    assert revoked.status_code == 302
    assert not SystemLeaderScope.objects.filter(user=staff_at_school_a).exists()
    assert list(
        AuditEvent.objects.filter(target_type="schools.systemleaderscope")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [AuditEvent.Action.ROLE_GRANTED, AuditEvent.Action.ROLE_REMOVED]


def test_school_chooser_searches_by_name(as_coordinator, school_a, school_b):
    response = as_coordinator.get(
        reverse("network_school_chooser:choose_results"), {"q": "school b"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Demo School B" in html
    assert "Demo School A" not in html


def test_membership_form_uses_the_school_and_member_choosers(as_coordinator, staff_at_school_a):
    add = as_coordinator.get(reverse("network_memberships:add"))
    edit = as_coordinator.get(
        reverse("network_memberships:edit", args=[Membership.objects.get().pk])
    )

    assert add.status_code == 200
    assert "Choose a member" in add.content.decode()
    assert "Choose a school" in add.content.decode()
    assert edit.status_code == 200
    assert soup(edit).select_one("[name=user]") is None  # only the role can change
    assert soup(edit).select_one("[name=role]") is not None
