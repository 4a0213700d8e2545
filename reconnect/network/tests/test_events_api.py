"""The events API: the list without links, one event's link only with a place, replies."""

import datetime

import pytest
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import EventFormat, RsvpStatus
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    RsvpFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "https://meet.example.org/secret-room"
BASE = "/api/v1/network/events"


def _online(**fields):
    return EventFactory.create(
        format=EventFormat.ONLINE, venue="", address="", online_url=SECRET, **fields
    )


def test_list_gives_each_event_without_any_link(client, head_at_school_a):
    event = _online(capacity=3, title="Online surgery")
    RsvpFactory.create(event=event, user=head_at_school_a, status=RsvpStatus.GOING)
    client.force_login(head_at_school_a)

    response = client.get(BASE)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    (item,) = response.json()
    assert item == {
        "id": event.pk,
        "title": "Online surgery",
        "summary": event.summary,
        "starts_at": event.starts_at.isoformat().replace("+00:00", "Z"),
        "ends_at": event.ends_at.isoformat().replace("+00:00", "Z"),
        "format": "online",
        "venue": "",
        "address": "",
        "group": None,
        "capacity": 3,
        "places_left": 2,
        "waiting": 0,
        "cancelled": False,
        "my_reply": "going",
        "url": f"/network/events/{event.pk}/",
    }


@pytest.mark.parametrize(
    ("status", "link"),
    [(RsvpStatus.GOING, SECRET), (RsvpStatus.WAITING, None), (RsvpStatus.NOT_GOING, None)],
)
def test_detail_gives_the_link_only_with_a_place(client, head_at_school_a, status, link):
    event = _online()
    RsvpFactory.create(event=event, user=head_at_school_a, status=status)
    client.force_login(head_at_school_a)

    body = client.get(f"{BASE}/{event.pk}").json()

    assert (body["online_url"], body["my_reply"]) == (link, status.value)


def test_group_event_is_404_outside_the_group(client, head_at_school_a, head_at_school_b):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    event = _online(group=group)
    client.force_login(head_at_school_b)

    detail = client.get(f"{BASE}/{event.pk}")
    rsvp = client.post(
        f"{BASE}/{event.pk}/rsvp", {"response": "going"}, content_type="application/json"
    )
    listed = client.get(BASE).json()

    assert (detail.status_code, rsvp.status_code, listed) == (404, 404, [])
    assert event.rsvps.count() == 0


def test_rsvp_gives_a_place_then_the_waiting_list_and_ignores_a_second_click(
    client, head_at_school_a, head_at_school_b
):
    event = EventFactory.create(capacity=1)
    url = f"{BASE}/{event.pk}/rsvp"
    client.force_login(head_at_school_a)
    first = client.post(url, {"response": "going"}, content_type="application/json")
    again = client.post(url, {"response": "going"}, content_type="application/json")
    client.force_login(head_at_school_b)
    second = client.post(url, {"response": "going"}, content_type="application/json")
    client.force_login(head_at_school_a)
    withdraw = client.post(url, {"response": "not_going"}, content_type="application/json")

    assert first.json() == {"status": "going", "changed": True}
    assert again.json() == {"status": "going", "changed": False}
    assert second.json() == {"status": "waiting", "changed": True}
    assert withdraw.json() == {"status": "not_going", "changed": True}
    assert event.rsvps.get(user=head_at_school_b).status == RsvpStatus.GOING


def test_rsvp_to_a_past_event_is_refused(client, head_at_school_a):
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory.create(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    client.force_login(head_at_school_a)

    response = client.post(
        f"{BASE}/{event.pk}/rsvp", {"response": "going"}, content_type="application/json"
    )

    assert (response.status_code, response.json()) == (400, {"detail": "This event is over."})


def test_rsvp_refuses_an_unknown_answer(client, head_at_school_a):
    event = EventFactory.create()
    client.force_login(head_at_school_a)

    response = client.post(
        f"{BASE}/{event.pk}/rsvp", {"response": "maybe"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert event.rsvps.count() == 0


def test_organiser_reads_the_link_without_replying(client):
    organiser = UserFactory.create()
    event = _online(organiser=organiser)
    client.force_login(organiser)

    assert client.get(f"{BASE}/{event.pk}").json()["online_url"] == SECRET


def test_events_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths[BASE]) == {"get"}
    assert set(paths[f"{BASE}/{{event_id}}"]) == {"get"}
    assert set(paths[f"{BASE}/{{event_id}}/rsvp"]) == {"post"}


API_LIST_QUERIES = 5


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow(client, head_at_school_a, django_assert_num_queries, count):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    for number in range(count):
        event = EventFactory.create(group=group if number % 2 else None)
        RsvpFactory.create(event=event, user=head_at_school_a, status=RsvpStatus.GOING)
        RsvpFactory.create(event=event, status=RsvpStatus.WAITING)
    client.force_login(head_at_school_a)

    with django_assert_num_queries(API_LIST_QUERIES):
        response = client.get(BASE)

    assert len(response.json()) == count
