from django.core.mail import EmailMultiAlternatives, mailers
from django.tasks import task


@task(queue_name="email")
def deliver_email(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]],
    reply_to: list[str],
) -> int:
    """Hand one queued message to the real mail transport."""
    connection = mailers["delivery"]
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to,
        connection=connection,
    )
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()
