"""Notifying members: the ``notify`` contract, e-mail straight away by preference, the
e-mail's parts and unsubscribe headers, and the one-click unsubscribe token."""

from email.utils import parseaddr

import pytest
from django.core import mail, signing
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.emails import read_unsubscribe_token, unsubscribe_token
from reconnect.network.models import (
    DigestFrequency,
    DigestSetting,
    EmailChoice,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from reconnect.network.services.notifications import notify
from reconnect.network.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def _notify(users, *, kind=NotificationKind.REPLY, actor=None, **fields):
    return notify(
        users=users,
        kind=kind,
        text=fields.pop("text", "Ada Lovelace replied to “Breakfast clubs”"),
        url=fields.pop("url", "/network/threads/7/"),
        actor=actor,
        **fields,
    )


def _html(message: EmailMessage) -> str:
    """The message's one HTML alternative."""
    assert isinstance(message, EmailMultiAlternatives)
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return str(html)


# --- The contract ------------------------------------------------------------------------------


def test_notify_makes_one_row_per_distinct_recipient_and_skips_the_actor(
    django_capture_on_commit_callbacks,
):
    ada, grace, alan = UserFactory.create(), UserFactory.create(), UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        made = _notify([grace, alan.pk, grace, ada, alan], actor=ada)

    rows = Notification.objects.order_by("user_id")
    assert sorted(n.user_id for n in made) == sorted([grace.pk, alan.pk])
    assert [(n.user_id, n.kind, n.text, n.url, n.actor_id) for n in rows] == [
        (u.pk, "reply", "Ada Lovelace replied to “Breakfast clubs”", "/network/threads/7/", ada.pk)
        for u in sorted([grace, alan], key=lambda u: u.pk)
    ]


def test_notify_inserts_in_one_query_and_reads_preferences_once(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    users = [UserFactory.create() for _ in range(5)]

    with django_assert_num_queries(2), django_capture_on_commit_callbacks(execute=False):
        _notify(users, kind=NotificationKind.WATCHED)


def test_notify_with_nobody_left_makes_nothing(django_assert_num_queries):
    ada = UserFactory.create()

    with django_assert_num_queries(0):
        assert _notify([ada], actor=ada) == []


def test_notify_cuts_text_to_the_column(django_capture_on_commit_callbacks):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace], text="x" * 400)

    assert len(Notification.objects.get().text) == 300


# --- E-mail straight away, in the digest, or never ----------------------------------------------


def test_immediate_kind_sends_one_email_with_text_and_html_on_commit(
    django_capture_on_commit_callbacks,
):
    grace = UserFactory.create(email="grace@example.org", first_name="Grace")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (made,) = _notify([grace], kind=NotificationKind.REPLY)
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert message.to == ["grace@example.org"]
    assert message.subject == "[Reconnect] Ada Lovelace replied to “Breakfast clubs”"
    open_url = f"http://testserver/network/notifications/{made.pk}/open/"
    assert "Hello Grace," in message.body
    assert "Ada Lovelace replied to “Breakfast clubs”" in message.body
    assert open_url in message.body
    html = _html(message)
    assert f'<a href="{open_url}">See it on Reconnect</a>' in html
    assert "Ada Lovelace replied to “Breakfast clubs”" in html
    made.refresh_from_db()
    assert made.emailed_at is not None


def test_email_escapes_the_notification_text_in_html(django_capture_on_commit_callbacks):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace], text="<script>alert(1)</script> replied")

    html = _html(mail.outbox[0])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; replied" in html


@pytest.mark.parametrize(
    ("kind", "sent"),
    [
        (NotificationKind.MENTION, 1),
        (NotificationKind.MESSAGE, 1),
        (NotificationKind.ACCEPTED, 1),
        (NotificationKind.REPLY, 1),
        (NotificationKind.EVENT, 1),
        (NotificationKind.MODERATION, 1),
        (NotificationKind.WATCHED, 0),
        (NotificationKind.GROUP, 0),
        (NotificationKind.BOARD, 0),
    ],
)
def test_defaults_per_kind(kind, sent, django_capture_on_commit_callbacks):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace], kind=kind)

    assert len(mail.outbox) == sent


@pytest.mark.parametrize(
    ("choice", "sent"),
    [(EmailChoice.IMMEDIATELY, 1), (EmailChoice.DIGEST, 0), (EmailChoice.NEVER, 0)],
)
def test_member_preference_decides(choice, sent, django_capture_on_commit_callbacks):
    grace, alan = UserFactory.create(), UserFactory.create()
    NotificationPreference.objects.create(user=grace, kind=NotificationKind.GROUP, email=choice)

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace, alan], kind=NotificationKind.GROUP)

    assert [m.to for m in mail.outbox] == [[grace.email]] * sent
    assert Notification.objects.filter(emailed_at__isnull=False).count() == sent


def test_a_preference_for_another_kind_changes_nothing(django_capture_on_commit_callbacks):
    grace = UserFactory.create()
    NotificationPreference.objects.create(
        user=grace, kind=NotificationKind.MENTION, email=EmailChoice.NEVER
    )

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace], kind=NotificationKind.REPLY)

    assert len(mail.outbox) == 1


def test_inactive_member_gets_no_email(django_capture_on_commit_callbacks):
    grace = UserFactory.create(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        (made,) = _notify([grace])

    assert mail.outbox == []
    made.refresh_from_db()
    assert made.emailed_at is None


def test_a_change_of_mind_before_the_task_runs_is_honoured(django_capture_on_commit_callbacks):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([grace])
    NotificationPreference.objects.create(
        user=grace, kind=NotificationKind.REPLY, email=EmailChoice.NEVER
    )
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_task_sends_a_notification_once():
    from reconnect.network.tasks import send_notification_email

    notification = NotificationFactory.create(kind=NotificationKind.MENTION)

    send_notification_email.enqueue(notification_id=notification.pk)
    send_notification_email.enqueue(notification_id=notification.pk)

    assert len(mail.outbox) == 1


def test_nothing_sent_for_a_rolled_back_notify(django_capture_on_commit_callbacks):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([grace])

    # The callbacks (the e-mail's queueing, the bell's forgetting) were captured, not run:
    # the test's transaction never commits.
    assert len(callbacks) == 2
    assert mail.outbox == []


# --- Unsubscribe headers and token ---------------------------------------------------------------


def test_email_carries_one_click_unsubscribe_headers_for_its_kind(
    django_capture_on_commit_callbacks,
):
    grace = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        _notify([grace], kind=NotificationKind.MENTION)

    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/network/unsubscribe/")
    assert header.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = header.removeprefix("<http://testserver/network/unsubscribe/").removesuffix("/>")
    assert read_unsubscribe_token(token) == (grace.pk, "mention")
    assert header[1:-1] in message.body
    assert header[1:-1] in _html(message)
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parseaddr(message.message()["To"])[1] == grace.email


def test_unsubscribe_page_asks_before_it_changes_anything(client):
    grace = UserFactory.create(email="grace@example.org")
    url = reverse("network:unsubscribe", kwargs={"token": unsubscribe_token(grace.pk, "reply")})

    response = client.get(url)

    assert response.status_code == 200
    assert "Stop e-mailing grace@example.org about “Replies to your posts and threads”?" in (
        response.text
    )
    assert not NotificationPreference.objects.exists()


def test_one_click_post_turns_the_kind_off_without_sign_in_or_csrf():
    from django.test import Client

    grace = UserFactory.create()
    NotificationPreference.objects.create(
        user=grace, kind=NotificationKind.MENTION, email=EmailChoice.IMMEDIATELY
    )
    url = reverse("network:unsubscribe", kwargs={"token": unsubscribe_token(grace.pk, "mention")})

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "will not be e-mailed about “Someone mentions you” any more." in response.text
    assert list(NotificationPreference.objects.values_list("user_id", "kind", "email")) == [
        (grace.pk, "mention", "never")
    ]


def test_digest_token_turns_the_digest_off(client):
    grace = UserFactory.create()

    response = client.post(
        reverse("network:unsubscribe", kwargs={"token": unsubscribe_token(grace.pk, "digest")})
    )

    assert response.status_code == 200
    assert DigestSetting.objects.get(user=grace).frequency == DigestFrequency.NEVER
    assert not NotificationPreference.objects.exists()


def test_token_for_one_kind_leaves_the_others(client):
    grace = UserFactory.create()

    client.post(
        reverse("network:unsubscribe", kwargs={"token": unsubscribe_token(grace.pk, "event")})
    )

    assert list(NotificationPreference.objects.values_list("kind", "email")) == [("event", "never")]
    assert not DigestSetting.objects.exists()


def test_tampered_token_is_refused_with_a_helpful_page(client):
    grace, alan = UserFactory.create(), UserFactory.create()
    token = unsubscribe_token(grace.pk, "reply")
    # Someone swaps in another member's id and keeps the signature: it no longer matches.
    forged = signing.dumps({"u": alan.pk, "k": "reply"}, salt="another-salt", compress=True)
    _payload, _, signature = token.rpartition(":")
    tampered = forged.rpartition(":")[0] + ":" + signature

    for bad in (tampered, token[:-2], "nonsense", forged):
        url = reverse("network:unsubscribe", kwargs={"token": bad})
        response = client.post(url)
        assert response.status_code == 400
        assert "This link does not work" in response.text
    assert not NotificationPreference.objects.exists()


def test_token_for_an_unknown_scope_is_refused():
    token = signing.dumps({"u": 1, "k": "everything"}, salt="reconnect.network.unsubscribe")

    assert read_unsubscribe_token(token) is None


def test_token_for_a_deleted_member_is_refused(client):
    grace = UserFactory.create()
    token = unsubscribe_token(grace.pk, "reply")
    grace.delete()

    response = client.post(reverse("network:unsubscribe", kwargs={"token": token}))

    assert response.status_code == 400


# --- The list, opening one, marking all read -----------------------------------------------------


def test_list_shows_the_members_own_newest_first_with_unread_marked(client):
    grace = UserFactory.create()
    now = timezone.now()
    NotificationFactory.create(
        user=grace, text="Older, read", created_at=now.replace(year=2025), read_at=now
    )
    NotificationFactory.create(user=grace, text="Newer, unread", created_at=now)
    NotificationFactory.create(text="Someone else’s")
    client.force_login(grace)

    response = client.get(reverse("network:notification-list"))

    assert [n.text for n in response.context["page"].object_list] == [
        "Newer, unread",
        "Older, read",
    ]
    assert "Someone else’s" not in response.text
    assert response.text.count(">Unread</strong>") == 1


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_does_not_grow(client, django_assert_num_queries, rows):
    grace = UserFactory.create()
    for _ in range(rows):
        NotificationFactory.create(user=grace)
    client.force_login(grace)

    # The session and the user; the second-factor gate's three questions (the first request,
    # so not yet cached); the list's count and rows; the bell's unread count. The session was
    # saved at sign-in, less than a minute before.
    with django_assert_num_queries(8):
        client.get(reverse("network:notification-list"))


def test_list_is_paginated(client):
    grace = UserFactory.create()
    Notification.objects.bulk_create(
        [Notification(user=grace, kind="reply", text=f"N{i}", url="/") for i in range(30)]
    )
    client.force_login(grace)

    response = client.get(reverse("network:notification-list"), {"page": 2})

    assert len(response.context["page"].object_list) == 5
    assert "Page 2 of 2" in response.text


def test_open_marks_read_and_goes_to_its_page(client):
    notification = NotificationFactory.create(url="/network/threads/7/#post-3")
    client.force_login(notification.user)

    response = client.get(reverse("network:notification-open", kwargs={"pk": notification.pk}))

    assert response.status_code == 302
    assert response["Location"] == "/network/threads/7/#post-3"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "http:/evil.example",
    ],
)
def test_open_never_redirects_off_site(client, url):
    notification = NotificationFactory.create(url=url)
    client.force_login(notification.user)

    response = client.get(
        reverse("network:notification-open", kwargs={"pk": notification.pk}), follow=False
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("network:notification-list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_members_notification_is_not_found(client):
    notification = NotificationFactory.create()
    client.force_login(UserFactory.create())

    response = client.post(reverse("network:notification-open", kwargs={"pk": notification.pk}))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_open_with_an_id_past_the_column_is_not_found(client):
    client.force_login(UserFactory.create())

    response = client.get(reverse("network:notification-open", kwargs={"pk": 2**40}))

    assert response.status_code == 404


def test_mark_all_read_touches_only_the_members_own(client):
    grace = UserFactory.create()
    mine = [NotificationFactory.create(user=grace) for _ in range(2)]
    theirs = NotificationFactory.create()
    client.force_login(grace)

    response = client.post(reverse("network:notification-read-all"))

    assert response.status_code == 302
    assert (
        Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- Settings ----------------------------------------------------------------------------------


def test_settings_show_the_defaults(client):
    grace = UserFactory.create()
    client.force_login(grace)

    response = client.get(reverse("network:notification-settings"))

    form = response.context["form"]
    assert form.initial == {
        "kind_mention": "immediately",
        "kind_reply": "immediately",
        "kind_watched": "digest",
        "kind_accepted": "immediately",
        "kind_message": "immediately",
        "kind_event": "immediately",
        "kind_board": "digest",
        "kind_group": "digest",
        "kind_moderation": "immediately",
        "frequency": "weekly",
    }


def test_settings_save_each_kind_and_the_frequency(client):
    grace = UserFactory.create()
    client.force_login(grace)
    data = {f"kind_{kind}": "digest" for kind in NotificationKind.values}
    data["kind_mention"] = "never"
    data["frequency"] = "daily"

    response = client.post(reverse("network:notification-settings"), data)

    assert response.status_code == 302
    saved = dict(NotificationPreference.objects.filter(user=grace).values_list("kind", "email"))
    assert saved == {**dict.fromkeys(NotificationKind.values, "digest"), "mention": "never"}
    assert DigestSetting.objects.get(user=grace).frequency == "daily"


def test_settings_refuse_a_missing_or_unknown_choice(client):
    grace = UserFactory.create()
    client.force_login(grace)
    data = {f"kind_{kind}": "digest" for kind in NotificationKind.values}
    data["kind_mention"] = "sometimes"
    del data["kind_reply"]
    data["frequency"] = "daily"

    response = client.post(reverse("network:notification-settings"), data)

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert not NotificationPreference.objects.exists()
