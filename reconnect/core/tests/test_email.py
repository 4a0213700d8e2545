"""E-mail goes through a task: the request queues it, the worker hands it to the real mailer.

Django's test runner replaces every MAILERS entry with locmem (setup_test_environment), so
these tests put the production shape back with override_settings: the task backend as
"default" and locmem standing in for the SMTP "delivery" mailer.
"""

import json

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from reconnect.core.email import TaskQueueEmailBackend

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
PRODUCTION_SHAPE_MAILERS = {
    "default": {"BACKEND": "reconnect.core.email.TaskQueueEmailBackend"},
    "delivery": {"BACKEND": LOCMEM},
}
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    }
}
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
}

PDF_BYTES = b"%PDF-1.7\n\x00\xff binary"


def invitation_message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="[Reconnect] You are invited",
        body="Join Demo School A on Reconnect.",
        from_email="Reconnect <no-reply@reconnect.example.org>",
        to=["new.staff@example.org"],
        cc=["head.a@example.org"],
        bcc=["audit@example.org"],
        reply_to=["head.a@example.org"],
        headers={"X-Reconnect-Kind": "invitation"},
    )
    message.attach_alternative("<p>Join <strong>Demo School A</strong>.</p>", "text/html")
    message.attach("welcome.txt", "Welcome, Zoë.", "text/plain")
    message.attach("guide.pdf", PDF_BYTES, "application/pdf")
    return message


def assert_is_the_invitation(delivered: EmailMessage) -> None:
    assert isinstance(delivered, EmailMultiAlternatives)
    assert delivered.subject == "[Reconnect] You are invited"
    assert delivered.body == "Join Demo School A on Reconnect."
    assert delivered.from_email == "Reconnect <no-reply@reconnect.example.org>"
    assert (delivered.to, delivered.cc, delivered.bcc, delivered.reply_to) == (
        ["new.staff@example.org"],
        ["head.a@example.org"],
        ["audit@example.org"],
        ["head.a@example.org"],
    )
    assert delivered.extra_headers == {"X-Reconnect-Kind": "invitation"}
    assert [tuple(alternative) for alternative in delivered.alternatives] == [
        ("<p>Join <strong>Demo School A</strong>.</p>", "text/html")
    ]
    assert [tuple(attachment) for attachment in delivered.attachments] == [
        ("welcome.txt", "Welcome, Zoë.", "text/plain"),
        ("guide.pdf", PDF_BYTES, "application/pdf"),
    ]
    mime = delivered.message()
    assert [part.get_content_type() for part in mime.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/plain",
        "application/pdf",
    ]


@override_settings(MAILERS=PRODUCTION_SHAPE_MAILERS, TASKS=IMMEDIATE_TASKS)
def test_a_message_with_html_arrives_through_the_task_with_both_parts():
    sent = invitation_message().send()

    assert sent == 1
    assert len(mail.outbox) == 1
    assert_is_the_invitation(mail.outbox[0])


@override_settings(MAILERS=PRODUCTION_SHAPE_MAILERS, TASKS=IMMEDIATE_TASKS)
def test_a_message_without_recipients_is_not_queued():
    sent = EmailMultiAlternatives(subject="Nobody", body="-", to=[]).send()

    assert sent == 0
    assert mail.outbox == []


@override_settings(MAILERS=PRODUCTION_SHAPE_MAILERS, TASKS=IMMEDIATE_TASKS)
def test_a_prebuilt_mime_attachment_is_refused_at_send_time():
    from email.message import MIMEPart

    message = EmailMultiAlternatives(subject="Part", body="-", to=["x@example.org"])
    message.attach(MIMEPart())

    with pytest.raises(TypeError, match="can be queued"):
        message.send()
    assert mail.outbox == []


@override_settings(MAILERS=PRODUCTION_SHAPE_MAILERS, TASKS=DATABASE_TASKS)
def test_with_the_database_queue_the_request_only_queues_and_the_worker_delivers(db):
    invitation_message().send()

    # The request's work ends here: nothing sent yet, one task waiting on the email queue,
    # holding nothing readable of the message (it could be an invitation link).
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    stored = json.dumps(queued.args_kwargs)
    for readable in ("Join Demo School A", "You are invited", "new.staff@example.org", "Welcome"):
        assert readable not in stored
    assert list(queued.args_kwargs["kwargs"]) == ["sealed_message"]
    assert (queued.queue_name, queued.status, queued.task_path) == (
        "email",
        "READY",
        "reconnect.core.tasks.deliver_email",
    )

    worker = Worker(
        queue_names=["email"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run_task(queued)

    queued.refresh_from_db()
    assert (queued.status, queued.return_value) == ("SUCCESSFUL", 1)
    assert len(mail.outbox) == 1
    assert_is_the_invitation(mail.outbox[0])


def test_the_backend_counts_only_messages_with_recipients(settings):
    settings.MAILERS = PRODUCTION_SHAPE_MAILERS
    settings.TASKS = IMMEDIATE_TASKS
    backend = TaskQueueEmailBackend(alias="default")

    count = backend.send_messages(
        [invitation_message(), EmailMultiAlternatives(subject="Nobody", body="-", to=[])]
    )

    assert count == 1
    assert len(mail.outbox) == 1
