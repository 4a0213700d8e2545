"""Access-matrix rows of the Headteacher Network's events: see tests/access.py.

Two events: a network-wide one organised by the coordinator, open to every member, and a
group's one (a coordinators' group owned by school A's head, with school A's staff member
in it), which everyone outside the group meets as a 404; coordinators and administrators
open every group's. Network events are created by coordinators only (403 for members);
a group's by its owners (403 for its other members). Changing, cancelling and sharing
resources belong to the organiser, the group's owners and moderators.

The calendar feed needs no sign-in (calendar applications cannot sign in): a live token
answers everyone, an unknown one is a 404 for everyone.

The API's reply takes a JSON body and the matrix posts form data: members get Ninja's 400
before anything is looked up, visitors 401; its answers are tested in ``test_events_api``.
"""

from reconnect.network.models import Event, EventFormat, GroupRole, RsvpStatus
from reconnect.network.services.events import EVENT_FILES, feed_create
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    RsvpFactory,
)
from tests.access import Case, World, everyone, members_only

MEMBERS = members_only(200)
# A group's event: its owner (lead_a) and member (staff_a), and moderators.
IN_GROUP = members_only(404, staff_a=200, lead_a=200, coordinator=200, admin=200)
MANAGERS = members_only(403, coordinator=200, admin=200)
GROUP_MANAGERS = members_only(404, staff_a=403, lead_a=200, coordinator=200, admin=200)
API = members_only(200, anonymous=401)
API_IN_GROUP = members_only(404, anonymous=401, staff_a=200, lead_a=200, coordinator=200, admin=200)
JSON_ONLY = "The matrix posts form data; the operation reads JSON, so 400 for all members alike"
PDF = b"%PDF-1.4\n%minimal\n"


def _network_event(world: World) -> dict[str, int]:
    event = EventFactory.create(organiser=world.coordinator)
    return {"event_id": event.pk}


def _group(world: World):
    group = GroupFactory.create(slug="events-group", name="Attendance heads")
    GroupMembershipFactory.create(group=group, user=world.lead_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=group, user=world.staff_a, role=GroupRole.MEMBER)
    return group


def _group_slug(world: World) -> dict[str, str]:
    return {"slug": _group(world).slug}


def _group_event(world: World) -> dict[str, int]:
    event = EventFactory.create(
        group=_group(world),
        organiser=world.lead_a,
        format=EventFormat.ONLINE,
        venue="",
        address="",
        online_url="https://meet.example.org/attendance",
    )
    RsvpFactory.create(event=event, user=world.staff_a, status=RsvpStatus.GOING)
    return {"event_id": event.pk}


def _group_event_file(world: World) -> dict[str, int]:
    kwargs = _group_event(world)
    resource = Event.objects.get(pk=kwargs["event_id"]).resources.create(
        title="Slides",
        stored_as=EVENT_FILES.save(PDF),
        filename="slides.pdf",
        content_type="application/pdf",
        size_bytes=len(PDF),
    )
    return {**kwargs, "resource_id": resource.pk}


def _network_event_file(world: World) -> dict[str, int]:
    kwargs = _network_event(world)
    resource = Event.objects.get(pk=kwargs["event_id"]).resources.create(
        title="Slides",
        stored_as=EVENT_FILES.save(PDF),
        filename="slides.pdf",
        content_type="application/pdf",
        size_bytes=len(PDF),
    )
    return {**kwargs, "resource_id": resource.pk}


def _feed_token(world: World) -> dict[str, str]:
    return {"token": feed_create(user=world.lead_b)}


EVENT_FIELDS = {
    "title": "Spring network meeting",
    "summary": "Heads share what works.",
    "date_day": "27",
    "date_month": "3",
    "date_year": "2031",
    "start_time": "16:00",
    "end_time": "18:00",
    "format": "in_person",
    "venue": "Camden Centre",
}

CASES = [
    Case("network:event-list", expect=MEMBERS),
    Case("network:event-list", query="when=past", label="past", expect=MEMBERS),
    Case("network:event", kwargs=_network_event, expect=MEMBERS),
    Case("network:event", kwargs=_group_event, label="group", expect=IN_GROUP),
    Case("network:event", kwargs={"event_id": 999_999}, label="unknown", expect=members_only(404)),
    Case("network:event-new", expect=MANAGERS),
    Case(
        "network:event-new",
        method="post",
        data=EVENT_FIELDS,
        expect=members_only(403, coordinator=302, admin=302),
    ),
    Case("network:group-event-new", kwargs=_group_slug, expect=GROUP_MANAGERS),
    Case(
        "network:group-event-new",
        kwargs=_group_slug,
        method="post",
        data=EVENT_FIELDS,
        expect=members_only(404, staff_a=403, lead_a=302, coordinator=302, admin=302),
    ),
    Case("network:event-edit", kwargs=_network_event, expect=MANAGERS),
    Case("network:event-edit", kwargs=_group_event, label="group", expect=GROUP_MANAGERS),
    Case(
        "network:event-edit",
        kwargs=_network_event,
        method="post",
        data=EVENT_FIELDS,
        expect=members_only(403, coordinator=302, admin=302),
    ),
    Case("network:event-cancel", kwargs=_network_event, expect=MANAGERS),
    Case("network:event-cancel", kwargs=_group_event, label="group", expect=GROUP_MANAGERS),
    Case(
        "network:event-cancel",
        kwargs=_group_event,
        method="post",
        label="group",
        expect=members_only(404, staff_a=403, lead_a=302, coordinator=302, admin=302),
    ),
    Case(
        "network:event-rsvp",
        kwargs=_network_event,
        method="post",
        data={"response": "going"},
        expect=members_only(302),
    ),
    Case(
        "network:event-rsvp",
        kwargs=_group_event,
        method="post",
        data={"response": "going"},
        label="group",
        expect=members_only(404, staff_a=302, lead_a=302, coordinator=302, admin=302),
    ),
    Case("network:event-ics", kwargs=_network_event, expect=MEMBERS),
    Case("network:event-ics", kwargs=_group_event, label="group", expect=IN_GROUP),
    Case("network:event-resource-add", kwargs=_network_event, expect=MANAGERS),
    Case("network:event-resource-add", kwargs=_group_event, label="group", expect=GROUP_MANAGERS),
    Case("network:event-resource", kwargs=_network_event_file, expect=MEMBERS),
    Case("network:event-resource", kwargs=_group_event_file, label="group", expect=IN_GROUP),
    Case(
        "network:event-resource-delete",
        kwargs=_group_event_file,
        method="post",
        expect=members_only(404, staff_a=403, lead_a=302, coordinator=302, admin=302),
    ),
    Case("network:calendar-feed-settings", expect=MEMBERS),
    Case(
        "network:calendar-feed-settings",
        method="post",
        data={"action": "create"},
        expect=MEMBERS,
        note="The new address is shown once, on the page that answers the POST",
    ),
    Case(
        "network:calendar-feed",
        kwargs=_feed_token,
        login_required=False,
        expect=everyone(200),
        note="A calendar application cannot sign in: the secret address is the key",
    ),
    Case(
        "network:calendar-feed",
        kwargs={"token": "not-a-live-token"},
        label="unknown",
        login_required=False,
        expect=everyone(404),
    ),
    Case("api-v1:network-event-list", expect=API),
    Case("api-v1:network-event-list", query="when=past", label="past", expect=API),
    Case("api-v1:network-event-detail", kwargs=_network_event, expect=API),
    Case("api-v1:network-event-detail", kwargs=_group_event, label="group", expect=API_IN_GROUP),
    Case(
        "api-v1:network-event-rsvp",
        kwargs=_network_event,
        method="post",
        data={"response": "going"},
        expect=members_only(400, anonymous=401),
        note=JSON_ONLY,
    ),
]
