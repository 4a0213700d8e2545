"""The daily and weekly digest: who is due, exactly what it says, and its constant cost."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.emails import read_unsubscribe_token
from reconnect.network.models import (
    DigestFrequency,
    DigestSetting,
    EmailChoice,
    Notification,
    NotificationKind,
    NotificationPreference,
    PostStatus,
)
from reconnect.network.services.notifications import digests_send_due
from reconnect.network.tasks import digest_send_due
from reconnect.network.tests.factories import (
    GroupFactory,
    NotificationFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 2, 7, 0, tzinfo=datetime.UTC)


def _group_news(user, text="You were added to the group “Attendance leads”", **fields):
    # GROUP waits for the digest by default.
    return NotificationFactory.create(user=user, kind=NotificationKind.GROUP, text=text, **fields)


def test_first_digest_of_a_member_with_news(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create(first_name="Grace", email="grace@example.org")
    older = _group_news(grace, "Older news", created_at=MONDAY - datetime.timedelta(hours=5))
    newer = _group_news(grace, "Newer news", created_at=MONDAY - datetime.timedelta(hours=1))

    totals = digests_send_due()

    assert totals == {"members": 1, "sent": 1, "notifications": 2}
    (message,) = mail.outbox
    assert message.to == ["grace@example.org"]
    assert message.subject == "[Reconnect] Your weekly Network digest: 2 new notifications"
    assert message.body == (
        "Hello Grace,\n\n"
        "Here are 2 things that happened in the Headteacher Network since your last digest.\n"
        "\n- Newer news (2 Nov, 06:00)\n"
        f"  http://testserver/network/notifications/{newer.pk}/open/\n"
        "\n- Older news (2 Nov, 02:00)\n"
        f"  http://testserver/network/notifications/{older.pk}/open/\n"
        "\n"
        "You will be asked to sign in to Reconnect first if you are not already.\n\n"
        "--\n"
        "Choose which e-mails you get, and how often your digest comes: "
        "http://testserver/network/notifications/settings/\n"
        f"Stop the digest: {message.extra_headers['List-Unsubscribe'][1:-1]}\n\n"
        "Reconnect\n\n"
    )
    assert isinstance(message, EmailMultiAlternatives)
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    html = str(content)
    assert (
        f'<li><a href="http://testserver/network/notifications/{newer.pk}/open/">Newer news</a>'
        in html
    )
    token = message.extra_headers["List-Unsubscribe"].rsplit("/", 2)[-2]
    assert read_unsubscribe_token(token) == (grace.pk, "digest")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(Notification.objects.values_list("emailed_at", flat=True)) == {MONDAY}
    setting = DigestSetting.objects.get(user=grace)
    assert (setting.frequency, setting.last_sent_at) == (DigestFrequency.WEEKLY, MONDAY)


def test_digest_holds_only_unread_unemailed_digest_kinds_of_the_member(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace, alan = UserFactory.create(), UserFactory.create()
    wanted = _group_news(grace, "Wanted")
    _group_news(grace, "Already read", read_at=MONDAY)
    _group_news(grace, "Already e-mailed", emailed_at=MONDAY - datetime.timedelta(days=1))
    _group_news(grace, "Too old", created_at=MONDAY - datetime.timedelta(days=40))
    NotificationFactory.create(user=grace, kind=NotificationKind.REPLY, text="Straight away kind")
    NotificationFactory.create(user=grace, kind=NotificationKind.BOARD, text="Chosen never")
    NotificationPreference.objects.create(
        user=grace, kind=NotificationKind.BOARD, email=EmailChoice.NEVER
    )
    NotificationFactory.create(
        user=grace, kind=NotificationKind.MENTION, text="Chosen for the digest"
    )
    NotificationPreference.objects.create(
        user=grace, kind=NotificationKind.MENTION, email=EmailChoice.DIGEST
    )
    NotificationPreference.objects.create(
        user=alan, kind=NotificationKind.GROUP, email=EmailChoice.NEVER
    )
    _group_news(alan, "Alan chose never for groups")

    digests_send_due()

    (message,) = mail.outbox
    assert message.to == [grace.email]
    listed = [line[2:].rsplit(" (", 1)[0] for line in message.body.splitlines() if line[:2] == "- "]
    # Newest first; made in the same instant, the later one first.
    assert listed == ["Chosen for the digest", "Wanted"]
    assert message.subject == "[Reconnect] Your weekly Network digest: 2 new notifications"
    emailed = set(Notification.objects.filter(emailed_at=MONDAY).values_list("text", flat=True))
    assert emailed == {wanted.text, "Chosen for the digest"}


def test_member_with_nothing_new_gets_nothing_and_stays_due(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    NotificationFactory.create(user=grace, kind=NotificationKind.REPLY)

    totals = digests_send_due()

    assert totals == {"members": 1, "sent": 0, "notifications": 0}
    assert mail.outbox == []
    assert not DigestSetting.objects.exists()


def test_weekly_digest_waits_a_week(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    _group_news(grace, "First")
    digests_send_due()
    assert len(mail.outbox) == 1

    time_machine.move_to(MONDAY + datetime.timedelta(days=1), tick=False)
    _group_news(grace, "Second")
    digests_send_due()
    time_machine.move_to(MONDAY + datetime.timedelta(days=6, hours=22), tick=False)
    digests_send_due()
    assert len(mail.outbox) == 1

    # A daily run a few minutes early still counts as a week.
    time_machine.move_to(MONDAY + datetime.timedelta(days=6, hours=23, minutes=50), tick=False)
    digests_send_due()

    assert len(mail.outbox) == 2
    assert "- Second (" in mail.outbox[1].body
    assert "- First (" not in mail.outbox[1].body


def test_daily_digest_comes_the_next_day(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    DigestSetting.objects.create(user=grace, frequency=DigestFrequency.DAILY)
    _group_news(grace, "First")
    digests_send_due()

    time_machine.move_to(MONDAY + datetime.timedelta(hours=12), tick=False)
    _group_news(grace, "Second")
    digests_send_due()
    assert len(mail.outbox) == 1

    time_machine.move_to(MONDAY + datetime.timedelta(hours=23, minutes=30), tick=False)
    digests_send_due()

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "[Reconnect] Your daily Network digest: 1 new notification"
    assert "Here is 1 thing that happened" in mail.outbox[1].body


def test_never_and_inactive_members_get_no_digest(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    never, inactive = UserFactory.create(), UserFactory.create(is_active=False)
    DigestSetting.objects.create(user=never, frequency=DigestFrequency.NEVER)
    _group_news(never)
    _group_news(inactive)

    totals = digests_send_due()

    assert totals == {"members": 0, "sent": 0, "notifications": 0}
    assert mail.outbox == []


def test_a_long_digest_lists_twenty_and_links_to_the_rest(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    Notification.objects.bulk_create(
        [
            Notification(
                user=grace,
                kind=NotificationKind.WATCHED,
                text=f"Post {i}",
                url="/network/",
                created_at=MONDAY - datetime.timedelta(minutes=i),
            )
            for i in range(23)
        ]
    )

    digests_send_due()

    (message,) = mail.outbox
    assert message.body.count("\n- Post ") == 20
    assert "And 3 more: http://testserver/network/notifications/" in message.body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def _members_with_news(count):
    for _ in range(count):
        _group_news(UserFactory.create())


def _queries_of_a_run(chunk_size):
    with CaptureQueriesContext(connection) as captured:
        digests_send_due(chunk_size=chunk_size)
    return len(captured)


@pytest.mark.parametrize("members", [1, 3, 10])
def test_a_chunk_costs_the_same_queries_whatever_its_members(time_machine, members):
    time_machine.move_to(MONDAY, tick=False)
    _members_with_news(members)

    # Members, their preferences, their notifications, the week's busiest threads (once a
    # run); in a savepoint, the notifications marked and the digest settings upserted.
    assert _queries_of_a_run(chunk_size=50) == 8
    assert len(mail.outbox) == members


def test_members_are_read_in_chunks(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    _members_with_news(5)

    # Chunks of 2, 2 and 1: seven queries each, and the busiest threads once.
    assert _queries_of_a_run(chunk_size=2) == 22
    assert len(mail.outbox) == 5
    assert len({tuple(m.to) for m in mail.outbox}) == 5


def test_task_and_command(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    _group_news(grace)
    out = StringIO()

    call_command("network_digests", "--dry-run", stdout=out)
    assert out.getvalue() == "1 member(s) due a digest (dry run).\n"
    assert mail.outbox == []

    # The test settings run tasks at once, as the worker would.
    call_command("network_digests", stdout=StringIO())
    assert len(mail.outbox) == 1

    time_machine.move_to(MONDAY + datetime.timedelta(days=8), tick=False)
    _group_news(grace, "Later")
    result = digest_send_due.enqueue(now=(MONDAY + datetime.timedelta(days=8)).isoformat())
    assert result.return_value == {"members": 1, "sent": 1, "notifications": 1}


def test_command_in_process_reports_what_it_sent(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    _members_with_news(2)
    out = StringIO()

    call_command("network_digests", "--in-process", stdout=out)

    assert out.getvalue() == ("2 digest(s) sent to 2 member(s) due, with 2 notification(s).\n")


def _thread_posted(title, hours_ago, *, status=PostStatus.PUBLISHED, **thread_fields):
    """A thread whose posts were written ``hours_ago`` before Monday, in that order."""
    thread = ThreadFactory.create(title=title, **thread_fields)
    for number, hours in enumerate(hours_ago, start=1):
        PostFactory.create(
            thread=thread,
            number=number,
            status=status if number > 1 else PostStatus.PUBLISHED,
            created_at=MONDAY - datetime.timedelta(hours=hours),
        )
    thread.post_count = len(hours_ago)
    thread.save(update_fields=["post_count"])
    return thread


def test_digest_ends_with_the_busiest_open_threads_of_its_period(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create(first_name="Grace")
    _group_news(grace)
    busy = _thread_posted("Breakfast club", [60, 30, 3])
    quiet = _thread_posted("Uniform swaps", [200, 190, 2])  # one post this week
    held = _thread_posted("Tutoring", [30, 20, 10, 5], status=PostStatus.PENDING)  # one shown
    _thread_posted("Last month's", [300, 250, 240, 200])
    _thread_posted("Our trio", [9, 8, 7, 6, 5], category=None, group=GroupFactory.create())
    _thread_posted("Hidden", [9, 8, 7, 6, 5], is_hidden=True)

    digests_send_due()

    (message,) = mail.outbox
    week = message.body.split("Busiest in the Network this week:\n", 1)[1]
    assert week.split("\nYou will be asked")[0] == (
        f"\n- Breakfast club (3 posts)\n  http://testserver/network/threads/{busy.pk}/\n"
        f"\n- Uniform swaps (1 post)\n  http://testserver/network/threads/{quiet.pk}/\n"
        f"\n- Tutoring (1 post)\n  http://testserver/network/threads/{held.pk}/\n"
    )
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    assert "<h2>Busiest in the Network this week</h2>" in html
    assert (
        f'<li><a href="http://testserver/network/threads/{busy.pk}/">Breakfast club</a> '
        "<small>(3 posts)</small></li>"
    ) in html


def test_daily_digest_names_the_busiest_threads_of_the_day(time_machine):
    time_machine.move_to(MONDAY, tick=False)
    grace = UserFactory.create()
    DigestSetting.objects.create(user=grace, frequency=DigestFrequency.DAILY)
    _group_news(grace)
    today = _thread_posted("Breakfast club", [60, 30, 3])
    _thread_posted("Uniform swaps", [40, 30])

    digests_send_due()

    (message,) = mail.outbox
    assert message.body.split("Busiest in the Network today:\n", 1)[1].startswith(
        f"\n- Breakfast club (1 post)\n  http://testserver/network/threads/{today.pk}/\n"
        "\nYou will be asked"
    )
