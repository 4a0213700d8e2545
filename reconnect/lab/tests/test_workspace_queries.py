"""Each workspace page costs the same number of queries for one item as for three."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reconnect.lab.models import NoteKind
from reconnect.lab.tests.factories import (
    MilestoneFactory,
    PilotFactory,
    TrioFactory,
    TrioFileFactory,
    TrioMemberFactory,
    TrioNoteFactory,
)
from reconnect.schools.tests.factories import SchoolFactory


def _fill(trio, author, count):
    for _ in range(count):
        TrioMemberFactory.create(trio=trio, school=SchoolFactory.create())
        pilot = PilotFactory.create(school=trio.members.first().school, trio=trio)
        MilestoneFactory.create(pilot=pilot, due_on=datetime.date(2099, 1, 1))
        TrioNoteFactory.create(
            trio=trio,
            kind=NoteKind.MEETING,
            met_on=datetime.date(2026, 1, 5),
            title="Visit",
            author=author,
        )
        post = TrioNoteFactory.create(trio=trio, author=author)
        TrioNoteFactory.create(trio=trio, reply_to=post, author=author)
        TrioFileFactory.create(trio=trio, uploaded_by=author)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("rest", ["", "plan/", "meetings/", "discussion/", "files/"])
def test_page_query_count_does_not_grow_with_items(client, school_a, head_at_school_a, rest):
    client.force_login(head_at_school_a)
    one, three = TrioFactory.create(), TrioFactory.create()
    for made, count in ((one, 1), (three, 3)):
        TrioMemberFactory.create(trio=made, school=school_a)
        _fill(made, head_at_school_a, count)
    _queries(client, f"/lab/trios/{one.pk}/{rest}")  # warm the session and caches

    assert _queries(client, f"/lab/trios/{one.pk}/{rest}") == _queries(
        client, f"/lab/trios/{three.pk}/{rest}"
    )
