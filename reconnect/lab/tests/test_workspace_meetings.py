"""Meeting notes: anyone in the trio adds them; only their author changes them."""

import datetime

import pytest
import time_machine

from reconnect.core.models import AuditEvent
from reconnect.lab.models import NoteKind, TrioNote
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory, TrioNoteFactory

TODAY = datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)


@pytest.fixture
def trio(school_a):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    return made


def _form(**overrides):
    data = {
        "met_on_day": "27",
        "met_on_month": "2",
        "met_on_year": "2026",
        "title": "Visit to school A",
        "body": "We watched a guided reading lesson.\nNext: baseline tests.",
    }
    return {**data, **overrides}


@time_machine.travel(TODAY, tick=False)
def test_meeting_notes_are_added_listed_and_audited(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(f"/lab/trios/{trio.pk}/meetings/", _form())

    note = TrioNote.objects.get(trio=trio, kind=NoteKind.MEETING)
    assert response["Location"] == f"/lab/trios/{trio.pk}/meetings/#note-{note.pk}"
    assert (note.met_on, note.title, note.author) == (
        datetime.date(2026, 2, 27),
        "Visit to school A",
        staff_at_school_a,
    )
    page = client.get(f"/lab/trios/{trio.pk}/meetings/").content.decode()
    assert "27 February 2026: Visit to school A" in page
    assert "We watched a guided reading lesson.<br>Next: baseline tests." in page
    event = AuditEvent.objects.get(action="lab.trio.meeting_added")
    assert (event.actor, event.detail) == (staff_at_school_a, {"trio": trio.pk})


@time_machine.travel(TODAY, tick=False)
def test_meeting_notes_need_a_past_date_a_title_and_text(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    missing = client.post(
        f"/lab/trios/{trio.pk}/meetings/",
        _form(met_on_day="", met_on_month="", met_on_year="", title="", body=""),
    ).content.decode()
    future = client.post(f"/lab/trios/{trio.pk}/meetings/", _form(met_on_day="3", met_on_month="3"))

    assert "Enter the date you met." in missing
    assert "Enter a title for the notes." in missing
    assert "Write the notes." in missing
    assert "The date you met must be today or in the past." in future.content.decode()
    assert not TrioNote.objects.exists()


def test_author_changes_their_meeting_notes(client, trio, staff_at_school_a):
    note = TrioNoteFactory.create(
        trio=trio,
        kind=NoteKind.MEETING,
        title="Old",
        met_on=datetime.date(2026, 1, 5),
        author=staff_at_school_a,
    )
    client.force_login(staff_at_school_a)
    url = f"/lab/trios/{trio.pk}/meetings/{note.pk}/edit/"

    form = client.get(url).content.decode()
    response = client.post(url, _form(title="Renamed", body="Better notes"))

    assert 'value="Old"' in form
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.title, note.body, note.met_on) == (
        "Renamed",
        "Better notes",
        datetime.date(2026, 2, 27),
    )
    assert (
        AuditEvent.objects.filter(
            action="lab.trio.meeting_changed", actor=staff_at_school_a
        ).count()
        == 1
    )


def test_someone_elses_meeting_notes_cannot_be_changed(
    client, trio, staff_at_school_a, head_at_school_a, coordinator
):
    note = TrioNoteFactory.create(
        trio=trio, kind=NoteKind.MEETING, title="Harriet's", author=head_at_school_a
    )
    url = f"/lab/trios/{trio.pk}/meetings/{note.pk}/edit/"

    client.force_login(staff_at_school_a)
    as_staff = client.post(url, _form(title="Changed"))
    client.force_login(coordinator)
    as_coordinator = client.get(url)

    assert (as_staff.status_code, as_coordinator.status_code) == (403, 403)
    note.refresh_from_db()
    assert note.title == "Harriet's"
    assert "Change<span" not in client.get(f"/lab/trios/{trio.pk}/meetings/").content.decode()


def test_meeting_notes_of_another_trio_are_404(client, trio, staff_at_school_a):
    other = TrioNoteFactory.create(kind=NoteKind.MEETING, author=staff_at_school_a)
    client.force_login(staff_at_school_a)

    assert client.get(f"/lab/trios/{trio.pk}/meetings/{other.pk}/edit/").status_code == 404
