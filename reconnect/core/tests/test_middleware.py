"""AuditDeniedMiddleware: refusals of signed-in users, and their misses on pupil data, reach the
audit log; admin gets its CSP."""

from django.test import Client

from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent


def denials() -> list[tuple[str, str, str | None]]:
    return list(
        AuditEvent.objects.filter(action=AuditEvent.Action.PERMISSION_DENIED).values_list(
            "actor_label", "path", "ip_address"
        )
    )


def test_a_signed_in_users_403_is_recorded(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/audit-log/", HTTP_USER_AGENT="Probe/1.0")

    assert response.status_code == 403
    assert denials() == [("coordinator@example.org", "/admin/audit-log/", "127.0.0.1")]
    event = AuditEvent.objects.get(action=AuditEvent.Action.PERMISSION_DENIED)
    assert (event.actor_id, event.user_agent) == (coordinator.pk, "Probe/1.0")


def test_a_signed_in_users_csrf_failure_is_recorded(db, staff_at_school_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_at_school_a)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    assert denials() == [("staff.a@example.org", "/accounts/logout/", "127.0.0.1")]


def test_an_anonymous_403_is_not_recorded(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "x"})

    assert response.status_code == 403
    assert denials() == []


def test_a_404_is_not_recorded_as_a_denial(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/audit-log/999999/")

    assert response.status_code == 404
    assert denials() == []


def misses() -> list[tuple[str, str, int | None]]:
    return list(
        AuditEvent.objects.filter(action=AuditEvent.Action.NOT_FOUND).values_list(
            "actor_label", "path", "school_urn"
        )
    )


def test_another_schools_pupil_page_is_a_recorded_404(client, staff_at_school_a, school_b):
    client.force_login(staff_at_school_a)
    path = f"/pupil-data/{school_b.urn}/cohorts/"

    response = client.get(path)

    assert response.status_code == 404
    assert misses() == [("staff.a@example.org", path, school_b.urn)]
    assert denials() == []


def test_another_schools_pupil_data_in_the_api_is_a_recorded_404(
    client, staff_at_school_a, school_b
):
    client.force_login(staff_at_school_a)
    path = f"/api/v1/spectrum/schools/{school_b.urn}/profile"

    response = client.get(path)

    assert response.status_code == 404
    assert misses() == [("staff.a@example.org", path, school_b.urn)]


def test_a_404_elsewhere_is_not_recorded(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/network/threads/999999/")

    assert response.status_code == 404
    assert misses() == []


def test_a_visitors_404_on_pupil_data_is_not_recorded(client, school_b):
    response = client.get(f"/api/v1/spectrum/schools/{school_b.urn}/profile")

    assert response.status_code in (401, 403)
    assert misses() == []


def test_a_successful_request_records_nothing(client, admin_user):
    client.force_login(admin_user)
    before = AuditEvent.objects.count()

    response = client.get("/admin/audit-log/")

    assert response.status_code == 200
    assert AuditEvent.objects.count() == before


def test_wagtail_admin_gets_its_own_style_policy(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/")

    # Scripts stay as strict as everywhere else; only inline styles are allowed.
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def test_the_rest_of_the_site_keeps_the_strict_style_policy(client, db):
    audit_record(AuditEvent.Action.SIGN_IN, actor_label="visitor@example.org")

    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "style-src 'self' 'nonce-" in policy
