"""The Headteacher Network's "done when", in one journey through the pages.

The head of demo school A starts a thread in the Attendance category; the head of school B
replies with a mention; A sees it on the bell and in the weekly digest (A chose "in my
digest" for mentions); both reply "going" to a network meeting and add it to their
calendars; A posts a request for help with attendance and is matched with a nearby school
that evaluated an attendance intervention in the Lab. Every page passes axe.
"""

import datetime
from pathlib import Path

from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from reconnect.accounts.models import User
from reconnect.hub.models import Theme
from reconnect.lab.models import PilotStatus
from reconnect.lab.tests.factories import PilotFactory
from reconnect.network.models import (
    BoardPost,
    Conversation,
    Event,
    EventFormat,
    Rsvp,
    RsvpStatus,
    Thread,
)
from reconnect.network.services.discussions import categories_for_themes_ensure, handle_of
from reconnect.network.services.notifications import digests_send_due
from reconnect.network.tests.factories import EventFactory, PostFactory, ThreadFactory
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from tests.browser.axe import assert_accessible
from tests.personas import UserFactory

MEETING = "Spring network meeting"


def _school_that_evaluated_attendance(school_a, attendance: Theme) -> User:
    """A primary in school A's borough that completed an attendance pilot, and its head,
    who is open to contact."""
    school = SchoolFactory.create(
        name="Swallowhurst Park Primary",
        phase=school_a.phase,
        local_authority=school_a.local_authority,
    )
    head = UserFactory.create(
        email="head@swallowhurst.example.org",
        first_name="Priya",
        last_name="Shah",
        open_to_contact=True,
    )
    MembershipFactory.create(user=head, school=school, role=SchoolRole.SCHOOL_LEAD)
    PilotFactory.create(
        school=school,
        title="First-day calls to families",
        theme=attendance,
        status=PilotStatus.COMPLETED,
    )
    return head


def _meeting(coordinator: User) -> Event:
    starts = (timezone.now() + datetime.timedelta(days=21)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    return EventFactory.create(
        title=MEETING,
        summary="Heads share what has moved attendance.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        format=EventFormat.IN_PERSON,
        capacity=30,
        organiser=coordinator,
    )


def _go_to_meeting(page: Page, event: Event) -> None:
    page.goto("/network/events/")
    page.get_by_role("link", name=MEETING).click()
    assert_accessible(page)
    page.get_by_label("Going", exact=True).check()
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_test_id("status")).to_have_text("Going")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to your calendar (.ics file)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == MEETING
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert vevent.decoded("DTSTART") == event.starts_at


def test_two_heads_discuss_meet_and_find_help(
    page: Page,
    sign_in,
    school_a,
    school_b,
    head_at_school_a,
    head_at_school_b,
    coordinator,
):
    attendance, _ = Theme.objects.get_or_create(
        slug="attendance", defaults={"name": "Attendance", "position": 0}
    )
    categories_for_themes_ensure()
    helper = _school_that_evaluated_attendance(school_a, attendance)
    meeting = _meeting(coordinator)
    # Both heads introduced themselves earlier, so the trust model (a new member's first two
    # posts wait for a coordinator) no longer holds their posts.
    for head in (head_at_school_a, head_at_school_b):
        hello = ThreadFactory.create(title=f"Hello from {head.display_name}", author=head)
        PostFactory.create(thread=hello, number=1, author=head)
        PostFactory.create(thread=hello, number=2, author=head)

    # A chooses to hear of mentions in the digest, then starts a thread in Attendance.
    sign_in(head_at_school_a)
    page.goto("/network/notifications/settings/")
    assert_accessible(page)
    page.get_by_role("group", name="Someone mentions you").get_by_label(
        "Include in my digest"
    ).check()
    page.get_by_role("button", name="Save settings").click()
    page.goto("/network/")
    assert_accessible(page)
    page.get_by_role("link", name="Attendance", exact=True).first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a thread").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Persistent absence after Year 6 SATs")
    page.get_by_label("Post").fill("Attendance dips every June. What has worked for you?")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Persistent absence after Year 6 SATs"
    )
    assert_accessible(page)
    thread = Thread.objects.get(title="Persistent absence after Year 6 SATs")

    # B replies, mentioning A by handle.
    page.context.clear_cookies()
    sign_in(head_at_school_b)
    page.goto(f"/network/threads/{thread.pk}/")
    page.get_by_label("Your reply").fill(
        f"@{handle_of(head_at_school_a)} we moved our transition days to June and it helped."
    )
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_text("we moved our transition days to June")).to_be_visible()
    assert_accessible(page)
    _go_to_meeting(page, meeting)

    # The weekly digest, as the worker sends it, carries the mention to A alone.
    mail.outbox.clear()
    digests_send_due()
    (digest,) = [message for message in mail.outbox if head_at_school_a.email in message.to]
    assert f"{head_at_school_b.display_name} mentioned you" in digest.body

    # A sees the mention on the bell and follows it to the thread.
    page.context.clear_cookies()
    sign_in(head_at_school_a)
    page.goto("/network/")
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    assert_accessible(page)
    page.get_by_role("link", name=f"{head_at_school_b.display_name} mentioned you").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Persistent absence after Year 6 SATs"
    )
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    _go_to_meeting(page, meeting)
    assert set(
        Rsvp.objects.filter(event=meeting, status=RsvpStatus.GOING).values_list(
            "user__email", flat=True
        )
    ) == {head_at_school_a.email, head_at_school_b.email}

    # A asks for help with attendance and is matched with the school that evaluated it.
    page.goto("/network/board/")
    assert_accessible(page)
    page.get_by_test_id("new-post").click()
    assert_accessible(page)
    page.get_by_label("We are looking for help with").check()
    page.get_by_label("Title").fill("Help with persistent absence in Year 6")
    page.get_by_label("Details").fill("We would like to learn from a school that cut it.")
    page.get_by_role("group", name="Themes").get_by_label("Attendance").check()
    page.get_by_role("button", name="Post", exact=True).click()
    post = BoardPost.objects.get(title="Help with persistent absence in Year 6")
    assert post.school_id == school_a.pk
    expect(page.get_by_role("link", name="Swallowhurst Park Primary", exact=True)).to_be_visible()
    expect(page.get_by_test_id("contact")).to_have_text("Write to Swallowhurst Park Primary")
    expect(page.get_by_text("Completed a pilot on Attendance")).to_be_visible()
    assert_accessible(page)

    # Contact goes through a private conversation with the school's open-to-contact head.
    page.get_by_test_id("contact").click()
    assert_accessible(page)
    page.get_by_label("Message").fill("Could we visit to see your first-day calls?")
    page.get_by_role("button", name="Send message").click()
    conversation = Conversation.objects.get(board_post=post)
    assert set(conversation.participants.values_list("user__email", flat=True)) == {
        head_at_school_a.email,
        helper.email,
    }
    expect(page.get_by_text("Could we visit to see your first-day calls?")).to_be_visible()
    assert_accessible(page)
