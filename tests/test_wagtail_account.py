"""Wagtail's own account page must not change e-mail addresses: allauth does, with
re-authentication, verification and an audit record."""

from reconnect.core.models import AuditEvent


def test_wagtail_account_page_offers_no_email_field(client, coordinator):
    client.force_login(coordinator)

    page = client.get("/admin/account/").content.decode()

    assert 'name="name_email-first_name"' in page
    assert 'name="name_email-email"' not in page


def test_posting_an_email_to_wagtails_account_page_changes_nothing(client, coordinator):
    client.force_login(coordinator)

    client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Cora",
            "name_email-last_name": "Coordinator",
            "name_email-email": "attacker@example.net",
        },
    )

    coordinator.refresh_from_db()
    assert coordinator.email == "coordinator@example.org"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EMAIL_CHANGED).exists()
