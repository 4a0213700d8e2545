"""The messages accounts sends: invitations and join-request decisions.

Each one is plain text with an HTML alternative. Services call these from
``transaction.on_commit``, and the default mailer queues them as background tasks, so a
request never waits on a mail server and nothing is sent for a rolled-back write.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from reconnect.accounts.models import Invitation, JoinRequest
from reconnect.schools.roles import ROLES_REQUIRING_MFA


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def invitation_accept_url(token: str) -> str:
    return absolute_url(reverse("accounts:invitation-accept", kwargs={"token": token}))


def _send(*, template: str, to: list[str], context: dict[str, Any]) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    rendered_subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    # A subject must be one line, whatever the template's whitespace.
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(rendered_subject.split())
    text = render_to_string(f"accounts/email/{template}_message.txt", context)
    html = render_to_string(f"accounts/email/{template}_message.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(*, invitation: Invitation, token: str) -> None:
    _send(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "school": invitation.school,
            "role": invitation.get_role_display(),
            "inviter": invitation.invited_by,
            "accept_url": invitation_accept_url(token),
            "expires_at": invitation.expires_at,
            "needs_mfa": invitation.role in ROLES_REQUIRING_MFA,
        },
    )


def send_join_request_received(*, join_request: JoinRequest, recipients: list[str]) -> None:
    if not recipients:
        return
    _send(
        template="join_request_received",
        to=recipients,
        context={
            "join_request": join_request,
            "queue_url": absolute_url(reverse("accounts:join-request-list")),
        },
    )


def send_join_request_declined(*, join_request: JoinRequest) -> None:
    _send(
        template="join_request_declined",
        to=[join_request.email],
        context={"join_request": join_request, "reason": join_request.decline_reason},
    )
