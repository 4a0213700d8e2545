"""The security audit log in Wagtail's admin: administrators only, read-only, filterable."""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from reconnect.core.audit import audit_record
from reconnect.core.csv_export import UTF8_BOM
from reconnect.core.models import AuditEvent

LONDON = ZoneInfo("Europe/London")
INDEX = "/admin/audit-log/"


def listed_actors(response) -> list[str]:
    """The Actor column of the listing, top to bottom."""
    listing = re.search(
        r'<table class="listing">.*?<tbody>(.*?)</tbody>', response.content.decode(), re.S
    )
    if listing is None:
        return []
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", listing.group(1), re.S)
    return [re.findall(r"<td[^>]*>\s*(.*?)\s*</td>", row, re.S)[2] for row in rows]


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    assert text.startswith(UTF8_BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(UTF8_BOM), newline="")))


@pytest.fixture
def events(db):
    """Four events on two days, in the order they happened."""
    made = []
    with time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=LONDON), tick=False):
        made.append(audit_record(AuditEvent.Action.SIGN_IN, actor_label="head.a@example.org"))
        made.append(
            audit_record(
                AuditEvent.Action.INVITATION_SENT,
                actor_label="head.a@example.org",
                school_urn=900001,
                detail={"email": "new.staff@example.org"},
            )
        )
    with time_machine.travel(datetime(2026, 11, 3, 14, 30, tzinfo=LONDON), tick=False):
        made.append(
            audit_record(
                AuditEvent.Action.SIGN_IN_FAILED, actor_label='=HYPERLINK("http://x.example")'
            )
        )
        made.append(
            audit_record(
                AuditEvent.Action.JOIN_APPROVED,
                actor_label="coordinator@example.org",
                school_urn=900002,
            )
        )
    return made


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_audit_log_lists_events_newest_first(admin_client, events):
    response = admin_client.get(INDEX)

    # The administrator's own sign-in (force_login) happened last, so it comes first.
    assert response.status_code == 200
    assert listed_actors(response) == [
        "admin@example.org",
        "coordinator@example.org",
        "=HYPERLINK(&quot;http://x.example&quot;)",
        "head.a@example.org",
        "head.a@example.org",
    ]
    assert "3 Nov 2026, 14:30:00" in response.content.decode()


def test_audit_log_filters_by_action(admin_client, events):
    response = admin_client.get(INDEX, {"action": AuditEvent.Action.INVITATION_SENT})

    assert listed_actors(response) == ["head.a@example.org"]


def test_audit_log_filters_by_actor_email(admin_client, events):
    response = admin_client.get(INDEX, {"actor": "HEAD.A@"})

    assert listed_actors(response) == ["head.a@example.org", "head.a@example.org"]


def test_audit_log_filters_by_school_urn(admin_client, events):
    response = admin_client.get(INDEX, {"school_urn": "900002"})

    assert listed_actors(response) == ["coordinator@example.org"]


def test_audit_log_filters_by_date_range(admin_client, events):
    response = admin_client.get(INDEX, {"date_from": "2026-11-02", "date_to": "2026-11-02"})

    assert listed_actors(response) == ["head.a@example.org", "head.a@example.org"]


def test_audit_log_searches_actor_path_and_target(admin_client, events):
    response = admin_client.get(INDEX, {"q": "HYPERLINK"})

    assert listed_actors(response) == ["=HYPERLINK(&quot;http://x.example&quot;)"]


def test_audit_log_results_fragment_applies_the_same_filters(admin_client, events):
    response = admin_client.get(f"{INDEX}results/", {"school_urn": "900001"})

    assert response.status_code == 200
    assert listed_actors(response) == ["head.a@example.org"]
    assert "<html" not in response.content.decode()


def test_audit_log_pages_fifty_events_at_a_time(admin_client, db):
    for number in range(50):
        audit_record(AuditEvent.Action.SIGN_IN, actor_label=f"member{number}@example.org")

    first = admin_client.get(INDEX)
    second = admin_client.get(INDEX, {"p": "2"})

    # 50 events, and before them the administrator's own sign-in, oldest, on page 2.
    assert listed_actors(first)[:2] == ["member49@example.org", "member48@example.org"]
    assert len(listed_actors(first)) == 50
    assert listed_actors(second) == ["admin@example.org"]


def test_audit_log_query_count_does_not_grow_with_the_events(
    admin_client, django_assert_num_queries, db
):
    audit_record(AuditEvent.Action.SIGN_IN, actor_label="one@example.org")
    admin_client.get(INDEX)  # warm per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(INDEX)
    audit_record(AuditEvent.Action.SIGN_IN, actor_label="two@example.org")
    audit_record(AuditEvent.Action.SIGN_IN, actor_label="three@example.org")

    with django_assert_num_queries(len(one.captured_queries)):
        admin_client.get(INDEX)


def test_audit_event_detail_shows_every_field(admin_client, events):
    invitation = events[1]

    response = admin_client.get(f"{INDEX}{invitation.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Invitation sent" in content
    assert "2 Nov 2026, 09:00:00" in content
    assert "900001" in content
    assert "&quot;email&quot;: &quot;new.staff@example.org&quot;" in content
    assert "No account" in content


def test_audit_event_detail_of_a_missing_event_is_404_for_an_administrator(admin_client, db):
    assert admin_client.get(f"{INDEX}999999/").status_code == 404


@pytest.mark.parametrize("path", [INDEX, f"{INDEX}results/", f"{INDEX}999999/"])
def test_audit_log_is_403_for_a_coordinator(client, coordinator, path):
    client.force_login(coordinator)

    response = client.get(path)

    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.parametrize("persona", ["staff_at_school_a", "head_at_school_a", "system_leader"])
def test_audit_log_sends_members_without_admin_access_to_sign_in(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/audit-log/"


def test_audit_log_sends_visitors_to_sign_in(client, db):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/audit-log/"


def test_audit_log_has_no_add_edit_or_delete_views(admin_client, events):
    for name in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"core_audit:{name}", args=[events[0].pk])
    assert admin_client.post(INDEX, {}).status_code == 405
    assert admin_client.post(f"{INDEX}{events[0].pk}/", {}).status_code == 405


def test_audit_log_menu_item_is_shown_to_administrators_only(client, admin_user, coordinator):
    client.force_login(admin_user)
    admin_dashboard = client.get("/admin/").content.decode()
    client.force_login(coordinator)
    coordinator_dashboard = client.get("/admin/").content.decode()

    assert "Security audit log" in admin_dashboard
    assert "Security audit log" not in coordinator_dashboard


def test_audit_log_export_is_the_filtered_list_as_safe_csv(admin_client, events):
    response = admin_client.get(INDEX, {"export": "csv", "date_from": "2026-11-03"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="reconnect-audit-log-')
    rows = exported(response)
    assert rows[0] == [
        "Time",
        "Action",
        "Action (description)",
        "Actor",
        "Target type",
        "Target id",
        "School URN",
        "IP address",
        "User agent",
        "Path",
        "Detail",
    ]
    # The administrator's own sign-in happened "today", after 3 November 2026.
    assert [row[:4] for row in rows[2:]] == [
        [
            "2026-11-03T14:30:00+00:00",
            "join_approved",
            "Join request approved",
            "coordinator@example.org",
        ],
        [
            "2026-11-03T14:30:00+00:00",
            "sign_in_failed",
            "Sign-in failed",
            '\'=HYPERLINK("http://x.example")',
        ],
    ]


def test_audit_log_export_is_itself_recorded_with_its_filters(admin_client, admin_user, events):
    response = admin_client.get(INDEX, {"export": "csv", "school_urn": "900001", "q": "head"})
    rows = exported(response)

    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (export.actor_id, export.path) == (admin_user.pk, INDEX)
    assert export.detail == {
        "what": "audit_log",
        "filters": {"school_urn": "900001", "q": "head"},
        "rows": 1,
    }
    assert len(rows) == 2  # the header and the one invitation; not the export's own record


def test_audit_log_export_with_an_invalid_filter_is_refused(admin_client, events):
    response = admin_client.get(INDEX, {"export": "csv", "school_urn": "not-a-number"})

    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_audit_log_offers_no_xlsx_export(admin_client, events):
    response = admin_client.get(INDEX, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_audit_log_export_is_403_for_a_coordinator(client, coordinator, events):
    client.force_login(coordinator)

    response = client.get(INDEX, {"export": "csv"})

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
