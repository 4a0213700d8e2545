from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.models import Invitation, JoinRequest
from reconnect.accounts.tests.factories import JoinRequestFactory
from reconnect.core.models import AuditEvent
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import SchoolFactory

JOIN_URL = reverse("accounts:join-request")
QUEUE_URL = reverse("accounts:join-request-list")


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _form(school_query: str, **overrides: str) -> dict[str, str]:
    return {
        "first_name": "Priya",
        "last_name": "Patel",
        "email": "priya.patel@example.org",
        "job_title": "Headteacher",
        "school": school_query,
        "role": SchoolRole.SCHOOL_LEAD,
        "message": "We would like to join the attendance work.",
        **overrides,
    }


def test_join_request_create_by_urn_records_it_and_thanks(
    client, school_a, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, _form("900001"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:join-request-done")
    join_request = JoinRequest.objects.get()
    assert (join_request.email, join_request.school, join_request.role, join_request.status) == (
        "priya.patel@example.org",
        school_a,
        "school_lead",
        "pending",
    )
    assert AuditEvent.objects.get(action="join_requested").actor_label == "priya.patel@example.org"
    # The coordinators hear of it.
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    assert "Priya Patel asked to join" in mail.outbox[0].subject


def test_join_request_create_by_unique_name(client, school_a):
    response = client.post(JOIN_URL, _form("demo school a"))

    assert response.status_code == 302
    assert JoinRequest.objects.get().school == school_a


def test_join_request_create_asks_for_the_urn_when_names_are_ambiguous(client, school_a, school_b):
    response = client.post(JOIN_URL, _form("Demo School"))

    assert response.status_code == 200
    assert response.context["form"].errors["school"] == [
        (
            "Several schools match: Demo School A (URN 900001); Demo School B (URN 900002). "
            "Enter the URN of yours."
        )
    ]
    assert JoinRequest.objects.count() == 0


def test_join_request_create_treats_a_superscript_digit_as_a_name(client, school_a):
    # "²".isdigit() is True but int("²") raises: it must be searched as text, not a URN.
    response = client.post(JOIN_URL, _form("²"))

    assert response.status_code == 200
    assert response.context["form"].errors["school"] == [
        "No school matches “²”. Check the name, or enter its 6-digit URN."
    ]
    assert JoinRequest.objects.count() == 0


def test_join_request_thank_you_page_is_the_same_for_known_and_unknown_emails(
    client, school_a, staff_at_school_a
):
    known = client.post(JOIN_URL, _form("900001", email="staff.a@example.org"), follow=True)
    unknown = client.post(JOIN_URL, _form("900001", email="nobody@example.org"), follow=True)

    def main(response) -> str:
        # The page around <main> carries per-response nonces; what it says must not differ.
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    assert main(known) == main(unknown)
    assert "Request sent" in main(known)


def test_join_request_create_is_for_visitors_only(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)

    response = client.post(JOIN_URL, _form("900001"))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert JoinRequest.objects.count() == 0


def test_join_request_create_is_rate_limited_per_address(client, school_a):
    for n in range(5):
        assert client.post(JOIN_URL, _form("900001", email=f"p{n}@example.org")).status_code == 302

    response = client.post(JOIN_URL, _form("900001", email="sixth@example.org"))
    elsewhere = client.post(
        JOIN_URL, _form("900001", email="other@example.org"), REMOTE_ADDR="10.0.0.2"
    )

    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert elsewhere.status_code == 302
    assert sorted(JoinRequest.objects.values_list("email", flat=True)) == sorted(
        [f"p{n}@example.org" for n in range(5)] + ["other@example.org"]
    )


def test_join_request_rate_limit_expires_after_an_hour(client, school_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(5):
            client.post(JOIN_URL, _form("900001", email=f"p{n}@example.org"))
        assert client.post(JOIN_URL, _form("900001")).status_code == 429
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        assert client.post(JOIN_URL, _form("900001")).status_code == 302


def test_join_request_list_shows_pending_requests_to_coordinators(client, coordinator, school_a):
    JoinRequestFactory.create(email="waiting@example.org", school=school_a)
    JoinRequestFactory.create(email="done@example.org", school=school_a, status="declined")
    client.force_login(coordinator)

    response = client.get(QUEUE_URL)

    assert [r.email for r in response.context["page"].object_list] == ["waiting@example.org"]


@pytest.mark.parametrize("status", ["pending", "declined"])
@pytest.mark.parametrize("count", [1, 3])
def test_join_request_list_query_count_does_not_grow(
    client, django_assert_num_queries, coordinator, school_a, status, count
):
    decided = (
        {"decided_by": coordinator, "decided_at": timezone.now()} if status != "pending" else {}
    )
    for _ in range(count):
        JoinRequestFactory.create(
            school=SchoolFactory.create(), status=status, message="Hello", **decided
        )
    client.force_login(coordinator)
    client.get(QUEUE_URL)  # the first request fills the per-member caches (gate, bell)

    with django_assert_num_queries(4):
        response = client.get(QUEUE_URL, {"status": status})

    assert len(response.context["page"].object_list) == count


def test_join_request_list_is_forbidden_to_school_leads(client, head_at_school_a):
    client.force_login(head_at_school_a)

    assert client.get(QUEUE_URL).status_code == 403


def test_join_request_approve_sends_the_invitation(
    client, coordinator, school_a, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory.create(
        email="lead@new.example.org", school=school_a, role=SchoolRole.DATA_LEAD
    )
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:join-request-approve", args=[join_request.pk]))

    assert response.status_code == 302
    join_request.refresh_from_db()
    invitation = Invitation.objects.get()
    assert (join_request.status, join_request.decided_by, join_request.invitation) == (
        "approved",
        coordinator,
        invitation,
    )
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "lead@new.example.org",
        "data_lead",
        coordinator,
    )
    assert [m.to for m in mail.outbox] == [["lead@new.example.org"]]
    assert set(AuditEvent.objects.exclude(action="sign_in").values_list("action", flat=True)) == {
        "join_approved",
        "invitation_sent",
    }


def test_join_request_approve_twice_changes_nothing(client, coordinator, school_a):
    join_request = JoinRequestFactory.create(school=school_a, status="declined")
    client.force_login(coordinator)

    response = client.post(
        reverse("accounts:join-request-approve", args=[join_request.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "This request has already been decided."
    ]
    assert Invitation.objects.count() == 0


def test_join_request_decline_emails_the_reason(
    client, coordinator, school_a, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory.create(email="no@example.org", school=school_a)
    client.force_login(coordinator)
    url = reverse("accounts:join-request-decline", args=[join_request.pk])

    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Your school is outside London."})

    assert page.status_code == 200
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decline_reason) == (
        "declined",
        "Your school is outside London.",
    )
    assert mail.outbox[0].to == ["no@example.org"]
    assert "Your school is outside London." in mail.outbox[0].body
    assert AuditEvent.objects.get(action="join_declined").actor == coordinator


def test_join_request_decline_is_forbidden_to_staff(client, staff_at_school_a, school_a):
    join_request = JoinRequestFactory.create(school=school_a)
    client.force_login(staff_at_school_a)

    response = client.post(reverse("accounts:join-request-decline", args=[join_request.pk]))

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_school_search_ignores_closed_schools(db):
    from reconnect.accounts.selectors import school_search

    SchoolFactory.create(urn=900500, name="Closed Academy", is_open=False)

    assert school_search("900500") == []


def test_join_request_sent_twice_is_kept_once(
    client, school_a, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(JOIN_URL, _form("900001"))
        second = client.post(JOIN_URL, _form("900001", email="Priya.Patel@example.org"))

    assert first["Location"] == second["Location"] == reverse("accounts:join-request-done")
    assert JoinRequest.objects.count() == 1
    assert len(mail.outbox) == 1
