"""E-mails of the self-evaluation tool, in text and HTML, sent through the task queue."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from reconnect.accounts.emails import absolute_url


def send_contributor_invited(*, review: Any, colleague: Any, invited_by: Any) -> None:
    context = {
        "site_url": settings.SITE_URL,
        "review": review,
        "colleague": colleague,
        "invited_by": invited_by,
        "review_url": absolute_url(reverse("selfeval:review-detail", args=[review.pk])),
    }
    rendered = render_to_string("selfeval/email/contributor_invited_subject.txt", context)
    # One line, with the prefix every Reconnect e-mail carries.
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(rendered.split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("selfeval/email/contributor_invited.txt", context),
        to=[colleague.email],
    )
    message.attach_alternative(
        render_to_string("selfeval/email/contributor_invited.html", context), "text/html"
    )
    message.send()
