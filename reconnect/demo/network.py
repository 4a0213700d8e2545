"""Headteacher Network demo: conversations, groups, meetings and the board, with real history.

What a member finds on a first visit:

- **Discussions.** A category for every Hub theme and the general ones. In Attendance, the
  head of school B asks what has moved persistent absence, and the lead of a nearby primary
  that has just finished an attendance pilot answers; in Learning gaps, a question with an
  accepted answer; the coordinator's welcome in Announcements carries a poll about the day
  of the spring meeting; school A's learning trio talks in its private group.
- **Groups.** One per London borough with schools, per trust and per phase, and one for each
  confirmed learning trio (made with the trio by the Lab).
- **Events.** The autumn network meeting (in person, with places left, so the demo heads can
  reply), an online attendance data clinic whose joining link only attendees see, and last
  month's meeting with its notes and a resource.
- **Board.** The attendance pilot's school offers help with first-day calling; school B asks
  for help with new arrivals who speak little English.
- **Messages and notifications** follow from the above, as they would in use: the
  coordinator writes to the head of school A, and mentions and replies reach the bell.

The attendance pilot itself (parental engagement, with typed-in attendance figures) is
written through the Lab's services at the fourth-nearest primary to school A, whose lead
is open to contact, so "Who can help me?" and the board's matches find a school that
evaluated an attendance intervention. Everything else goes through the Network's services
too (checks, notifications, audit); the new members' first posts, held for review by the
trust model, are approved by the coordinator as they would be from the review queue.
Running it again changes nothing once the autumn meeting exists.
"""

import datetime
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.demo.accounts import DEMO_SCHOOL_A_URN
from reconnect.demo.lab import COORDINATOR_EMAIL, PEERS, trio_schools
from reconnect.hub.models import InterventionPage, Theme
from reconnect.lab.models import (
    Design,
    Group,
    MeasureKind,
    Pilot,
    PilotStatus,
    SummaryStatistic,
    Timepoint,
    Trio,
    TrioStatus,
)
from reconnect.lab.services import pilots
from reconnect.network.models import (
    BoardKind,
    Category,
    Event,
    EventFormat,
    Post,
    PostStatus,
    ThreadKind,
)
from reconnect.network.models import Group as NetworkGroup
from reconnect.network.services import board, discussions, events, groups, messages, moderation
from reconnect.network.services.polls import poll_create
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole

MEETING_TITLE = "Autumn network meeting: attendance, belonging and the first day back"
CLINIC_TITLE = "Attendance data clinic (online)"
PAST_MEETING_TITLE = "October network meeting: learning trios in their first term"
ATTENDANCE_SLUG = "attendance"
ATTENDANCE_INTERVENTION_SLUG = "parental-engagement"
# The attendance pilot's school: after school A's trio partners and the finished cohort.
ATTENDANCE_SCHOOL_SKIP = PEERS + 3


@dataclass(frozen=True)
class NetworkSeedResult:
    threads: int
    events: int
    board_posts: int
    groups: int
    seconds: float


def network_demo_is_loaded() -> bool:
    return Event.objects.filter(title=MEETING_TITLE).exists()


def _lead_of(school: School) -> User | None:
    membership = (
        Membership.objects.filter(school=school, role=SchoolRole.SCHOOL_LEAD)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return membership.user if membership else None


def _at_london(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _attendance_pilot(lead: User, school: School) -> Pilot | None:
    """A completed parental-engagement pilot on attendance, with typed-in figures."""
    intervention = InterventionPage.objects.live().filter(slug=ATTENDANCE_INTERVENTION_SLUG).first()
    theme = Theme.objects.filter(slug=ATTENDANCE_SLUG).first()
    if intervention is None or theme is None:
        return None
    today = timezone.localdate()
    pilot = pilots.pilot_create(
        school=school,
        user=lead,
        plan=pilots.PilotPlan(
            title="Families first: calling on the first day of absence",
            challenge=(
                "Persistent absence among pupils eligible for free school meals rose after "
                "the pandemic and has not come back down; families told us letters felt like "
                "blame."
            ),
            design=Design.MATCHED,
            theme=theme,
            intervention=intervention,
            target_pupils="Pupils in Years 3 to 6 eligible for free school meals.",
            comparison="Similar pupils in the parallel classes, followed up as usual.",
            success_criteria="Attendance up by two percentage points over two terms.",
            planned_intervention=42,
            planned_comparison=42,
            starts_on=today - datetime.timedelta(weeks=40),
            ends_on=today - datetime.timedelta(weeks=4),
        ),
    )
    pilots.measure_add(
        pilot=pilot,
        plan=pilots.MeasurePlan(
            kind=MeasureKind.ATTENDANCE, name="Attendance", unit="%", is_primary=True
        ),
    )
    measure = pilot.measures.get()
    for group, post in ((Group.INTERVENTION, 93.6), (Group.COMPARISON, 91.1)):
        for timepoint, value in ((Timepoint.PRE, 90.4), (Timepoint.POST, post)):
            SummaryStatistic.objects.create(
                measure=measure, group=group, timepoint=timepoint, mean=value, sd=4.2,
                n=42, entered_by=lead,
            )  # fmt: skip
    pilots.pilot_status_set(pilot=pilot, user=lead, status=PilotStatus.RUNNING)
    pilots.pilot_status_set(pilot=pilot, user=lead, status=PilotStatus.COMPLETED)
    return pilot


def _category(slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first()


def _approve_held(coordinator: User) -> None:
    """The coordinator clears the review queue of the new members' first posts, oldest
    first, as from the queue's page (each approval publishes and notifies)."""
    for post in Post.objects.filter(status=PostStatus.PENDING).order_by("created_at", "pk"):
        moderation.post_approve(post=post, moderator=coordinator)


def _discussions(
    *, head_a: User, head_b: User, staff_a: User, helper: User | None, coordinator: User
) -> int:
    made = 0
    attendance = _category(ATTENDANCE_SLUG)
    if attendance is not None:
        thread = discussions.thread_start(
            author=head_b,
            category=attendance,
            kind=ThreadKind.QUESTION,
            title="What has actually moved persistent absence for you?",
            body=(
                "Our persistent absence is still above 20% for pupils on free school meals. "
                "We have tried letters, rewards and a weekly attendance assembly.\n\n"
                "What has **actually** made the difference in your school, and how did you "
                "know it was that?"
            ),
        )
        made += 1
        _approve_held(coordinator)
        if helper is not None:
            answer = discussions.reply_create(
                author=helper,
                thread=thread,
                body=(
                    "We ran a parental engagement pilot in the Lab last year: a phone call "
                    "on the first morning of any absence, from someone the family knows, "
                    "then a short plan agreed at home.\n\n"
                    "Attendance for the pilot group rose by about three points against two "
                    "for the comparison classes. Happy to share the call script."
                ),
            )
            _approve_held(coordinator)
            answer.refresh_from_db()
            discussions.answer_accept(thread=thread, post=answer, by=head_b)
        discussions.reply_create(
            author=head_a,
            thread=thread,
            body=(
                f"@{discussions.handle_of(head_b)} we are at the same point. The phone call "
                "idea rings true: our families say letters feel like blame."
            ),
        )
        _approve_held(coordinator)

    gaps = _category("learning-gaps")
    if gaps is not None:
        discussions.thread_start(
            author=staff_a,
            category=gaps,
            title="Reading for meaning: how do you choose the texts?",
            body=(
                "We are in the Deliver phase of a reading comprehension pilot. How do other "
                "schools choose texts that are hard enough without losing the weakest readers?"
            ),
        )
        made += 1
        _approve_held(coordinator)

    announcements = _category("announcements")
    if announcements is not None:
        welcome = discussions.thread_start(
            author=coordinator,
            category=announcements,
            title="Welcome to the Headteacher Network",
            body=(
                "This is the place to ask each other, share what works and find a school "
                "that has already tackled your challenge.\n\n"
                "- Ask in the category of your theme.\n"
                "- Use **Who can help me?** from any theme.\n"
                "- Post on the board when you can offer help or need it.\n\n"
                "Which day suits you for the spring network meeting?"
            ),
        )
        made += 1
        opening = welcome.posts.get(number=1)
        poll_create(
            post=opening,
            by=coordinator,
            question="Which day suits you for the spring network meeting?",
            kind="single",
            options=["Tuesday after school", "Wednesday after school", "Thursday morning"],
        )
    return made


def _trio_group_talk(head_a: User, coordinator: User) -> None:
    trio = Trio.objects.filter(status=TrioStatus.CONFIRMED, members__school__urn=DEMO_SCHOOL_A_URN)
    group = NetworkGroup.objects.filter(trio__in=trio).first()
    if group is None:
        return
    discussions.thread_start(
        author=head_a,
        group=group,
        title="Dates for our spring visits",
        body=(
            "Shall we fix the three visits now? I can host in the week of 19 January; "
            "please add the dates that work for you."
        ),
    )
    _approve_held(coordinator)


def _events(coordinator: User, attendees: list[User]) -> int:
    meeting = events.event_create(
        by=coordinator,
        details=events.EventDetails(
            title=MEETING_TITLE,
            summary=(
                "Heads share what has worked on attendance and belonging, and the autumn "
                "Lab cohort's trios report on their first term."
            ),
            starts_at=_at_london(20, 16),
            ends_at=_at_london(20, 18),
            format=EventFormat.IN_PERSON,
            venue="Camden Centre for Learning",
            address="Bidborough Street, London WC1H 9AU",
            capacity=40,
            agenda=(
                "1. Welcome and the network's news\n"
                "2. Attendance: three schools, three approaches\n"
                "3. Learning trios: what the first term taught us\n"
                "4. Offers and requests: who can help whom"
            ),
        ),
    )
    for user in attendees:
        events.rsvp_set(event=meeting, user=user, going=True)
    clinic = events.event_create(
        by=coordinator,
        details=events.EventDetails(
            title=CLINIC_TITLE,
            summary="Bring your attendance data: a data lead walks through what it shows.",
            starts_at=_at_london(9, 15, 30),
            ends_at=_at_london(9, 16, 30),
            format=EventFormat.ONLINE,
            online_url="https://meet.example.org/reconnect-attendance-clinic",
            capacity=25,
        ),
    )
    for user in attendees[:3]:
        events.rsvp_set(event=clinic, user=user, going=True)
    past = events.event_create(
        by=coordinator,
        details=events.EventDetails(
            title=PAST_MEETING_TITLE,
            summary="The autumn Lab cohort's trios met for the first time.",
            starts_at=_at_london(-30, 16),
            ends_at=_at_london(-30, 18),
            format=EventFormat.IN_PERSON,
            venue="Islington Professional Development Centre",
            address="Laycock Street, London N1 1TH",
            capacity=60,
        ),
    )
    events.event_update(
        event=past,
        by=coordinator,
        details=events.EventDetails(
            title=past.title,
            summary=past.summary,
            starts_at=past.starts_at,
            ends_at=past.ends_at,
            format=past.format,
            venue=past.venue,
            address=past.address,
            capacity=past.capacity,
            notes=(
                "Each trio agreed its shared plan and its first visit. The main worry was "
                "protecting intervention time from cover; two trios will share timetables."
            ),
        ),
    )
    return 3


def _board(
    helper_school: School | None, helper: User | None, school_b: School, head_b: User
) -> int:
    made = 0
    attendance = Theme.objects.filter(slug=ATTENDANCE_SLUG).first()
    if attendance is not None and helper_school is not None and helper is not None:
        board.board_post_create(
            author=helper,
            school=helper_school,
            kind=BoardKind.OFFER,
            title="First-day calling: our script and how we trained office staff",
            body=(
                "We finished a Lab pilot of first-day calls to families last term. We can "
                "share the script, the training and what we would change."
            ),
            themes=[attendance],
            phases=[helper_school.phase],
        )
        made += 1
    language = Theme.objects.filter(slug="isolation-and-belonging").first()
    if language is not None:
        board.board_post_create(
            author=head_b,
            school=school_b,
            kind=BoardKind.REQUEST,
            title="New arrivals with little English: how do you start the first week?",
            body=(
                "We have had twelve new arrivals since September. We would like to visit a "
                "school with a strong induction for pupils new to English."
            ),
            themes=[language],
        )
        made += 1
    return made


def seed_network(*, seed: int) -> NetworkSeedResult:
    """Load the Network demo (see the module docstring). ``seed`` is accepted for the
    command's sake: what is written depends on the demo schools' places, not on chance.

    Returns zeros when school A, school B, their heads or the coordinator are missing.
    """
    started = time.perf_counter()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    head_a = User.objects.filter(email="head.a@example.org").first()
    head_b = User.objects.filter(email="head.b@example.org").first()
    staff_a = User.objects.filter(email="staff.a@example.org").first()
    anchor = School.objects.filter(urn=DEMO_SCHOOL_A_URN).select_related("local_authority").first()
    school_b = School.objects.filter(urn=DEMO_SCHOOL_A_URN + 1).first()
    if network_demo_is_loaded() or None in (coordinator, head_a, head_b, staff_a, anchor, school_b):
        return NetworkSeedResult(threads=0, events=0, board_posts=0, groups=0, seconds=0.0)
    if coordinator is None or head_a is None or head_b is None or staff_a is None:
        return NetworkSeedResult(threads=0, events=0, board_posts=0, groups=0, seconds=0.0)
    if anchor is None or school_b is None:
        return NetworkSeedResult(threads=0, events=0, board_posts=0, groups=0, seconds=0.0)

    with transaction.atomic():
        discussions.categories_for_themes_ensure()
        discussions.handles_ensure()
        groups.standing_groups_ensure()
        for trio in Trio.objects.filter(status=TrioStatus.CONFIRMED):
            groups.trio_group_ensure(trio)

        helper_school = next(
            iter(trio_schools(anchor, skip=ATTENDANCE_SCHOOL_SKIP, count=1)[1:]), None
        )
        helper = _lead_of(helper_school) if helper_school is not None else None
        if helper is not None and helper_school is not None:
            User.objects.filter(pk=helper.pk).update(open_to_contact=True)
            helper.open_to_contact = True
            _attendance_pilot(helper, helper_school)
            discussions.handles_ensure([helper])

        threads = _discussions(
            head_a=head_a, head_b=head_b, staff_a=staff_a, helper=helper, coordinator=coordinator
        )
        _trio_group_talk(head_a, coordinator)
        others = list(
            User.objects.filter(is_active=True, memberships__role=SchoolRole.SCHOOL_LEAD)
            .exclude(pk__in=[head_a.pk, head_b.pk])
            .order_by("pk")
            .distinct()[:12]
        )
        made_events = _events(coordinator, others)
        board_posts = _board(helper_school, helper, school_b, head_b)
        messages.conversation_start(
            author=coordinator,
            recipients=[head_a],
            subject="Welcome to the Network",
            body=(
                "Good to have Wrenmere in the network. If attendance is the priority from "
                "your self-evaluation, try **Who can help me?** on the Attendance theme: "
                "a school nearby has just finished a pilot on it."
            ),
        )
    return NetworkSeedResult(
        threads=threads + 1,
        events=made_events,
        board_posts=board_posts,
        groups=NetworkGroup.objects.count(),
        seconds=time.perf_counter() - started,
    )
