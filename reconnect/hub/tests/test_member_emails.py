"""The e-mail a member gets when coordinators ask for changes leads to the Hub, not the admin."""

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from reconnect.hub.tests.factories_submissions import review, submitted_case_study


def test_changes_requested_email_sends_the_member_to_change_their_case_study(
    staff_at_school_a, coordinator
):
    page = submitted_case_study(staff_at_school_a, title="Walking bus")
    mail.outbox.clear()

    review(page, coordinator, "reject", comment="Say how many pupils joined.")

    [message] = mail.outbox
    assert message.to == ["staff.a@example.org"]
    change_url = f"/hub/my-case-studies/{page.pk}/change/"
    assert (
        message.body.split()
        == (
            "Hello Sam, The network coordinators have asked for changes to your case study "
            "“Walking bus” before it is published. They said: “Say how many pupils joined.” "
            f"Change it and send it again here: http://testserver{change_url} You get this "
            "e-mail because you sent a case study to the Knowledge Hub."
        ).split()
    )
    assert "/admin/" not in message.body


def test_changes_requested_html_email_links_to_the_hub_too(
    settings, staff_at_school_a, coordinator
):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    page = submitted_case_study(staff_at_school_a, title="Walking bus")
    mail.outbox.clear()

    review(page, coordinator, "reject", comment="Say <b>how many</b> pupils joined.")

    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    [(html, content_type)] = message.alternatives
    assert isinstance(html, str)
    change_url = f"http://testserver/hub/my-case-studies/{page.pk}/change/"
    assert content_type == "text/html"
    assert f'<a href="{change_url}">{change_url}</a>' in html
    assert "They said: “Say &lt;b&gt;how many&lt;/b&gt; pupils joined.”" in html
    assert "/admin/" not in html
