"""E-mails of the self-evaluation tool, in text and HTML, sent through the task queue."""

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from reconnect.accounts.emails import absolute_url


def send_contributor_invited(*, review: Any, colleague: Any, invited_by: Any) -> None:
    context = {
        "review": review,
        "colleague": colleague,
        "invited_by": invited_by,
        "review_url": absolute_url(reverse("selfeval:review-detail", args=[review.pk])),
    }
    subject = render_to_string("selfeval/email/contributor_invited_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("selfeval/email/contributor_invited.txt", context),
        to=[colleague.email],
    )
    message.attach_alternative(
        render_to_string("selfeval/email/contributor_invited.html", context), "text/html"
    )
    message.send()
