"""The trio's shared plan: anyone in the trio edits it; a save over a version someone else
has changed since is refused, and the writer's text is kept."""

import datetime

import pytest
import time_machine

from reconnect.core.models import AuditEvent
from reconnect.lab.models import NoteKind, TrioNote
from reconnect.lab.services import workspace as services
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory, TrioNoteFactory

LATER = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def trio(school_a):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    return made


def _url(trio):
    return f"/lab/trios/{trio.pk}/plan/"


def test_plan_is_written_the_first_time_and_audited(client, trio, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(_url(trio), {"body": "Meet each half term.", "version": ""})

    assert response.status_code == 302
    assert response["Location"] == _url(trio)
    plan = TrioNote.objects.get(trio=trio, kind=NoteKind.PLAN)
    assert (plan.body, plan.author) == ("Meet each half term.", head_at_school_a)
    event = AuditEvent.objects.get(action="lab.trio.plan_changed")
    assert (event.actor, event.target_id) == (head_at_school_a, str(plan.pk))
    assert event.detail == {"trio": trio.pk, "created": True}


def test_plan_page_says_who_changed_it_last_and_when(client, trio, staff_at_school_a):
    with time_machine.travel(LATER, tick=False):
        TrioNoteFactory.create(
            trio=trio, kind=NoteKind.PLAN, body="Line one\nLine <two>", author=staff_at_school_a
        )
    client.force_login(staff_at_school_a)

    page = client.get(_url(trio)).content.decode()

    assert "Last changed by Sam Staff on 2 March 2026, 09:30" in page
    assert "Line one\nLine &lt;two&gt;</textarea>" in page


def test_plan_is_saved_over_the_version_its_writer_saw(client, trio, staff_at_school_a):
    plan = TrioNoteFactory.create(trio=trio, kind=NoteKind.PLAN, body="Old plan")
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "New plan", "version": services.plan_version(plan)})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.body, plan.author) == ("New plan", staff_at_school_a)
    assert TrioNote.objects.filter(trio=trio, kind=NoteKind.PLAN).count() == 1


def test_stale_plan_save_is_refused_and_the_text_kept(
    client, trio, staff_at_school_a, head_at_school_a
):
    plan = TrioNoteFactory.create(trio=trio, kind=NoteKind.PLAN, body="Old plan")
    seen = services.plan_version(plan)
    with time_machine.travel(LATER, tick=False):
        services.plan_save(trio=trio, user=head_at_school_a, body="Harriet's plan", version=seen)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "Sam's plan", "version": seen})

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Someone else changed the plan while you were editing it, so your changes have not "
        "been saved. Your text is in the box below and their version above it: bring the two "
        "together, then save again."
    ) in page
    assert "Sam&#x27;s plan</textarea>" in page
    assert (
        '<div class="govuk-inset-text" data-testid="current-plan">Harriet&#x27;s plan</div>' in page
    )
    assert "Last changed by Harriet Head on 2 March 2026, 09:30" in page
    plan.refresh_from_db()
    assert plan.body == "Harriet's plan"
    assert AuditEvent.objects.filter(action="lab.trio.plan_changed").count() == 1
    # The form now carries the version shown: saving again is a deliberate overwrite.
    assert response.context["form"]["version"].value() == services.plan_version(plan)


def test_first_plan_save_is_stale_when_someone_wrote_it_meanwhile(client, trio, staff_at_school_a):
    TrioNoteFactory.create(trio=trio, kind=NoteKind.PLAN, body="Written first")
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "Mine", "version": ""})

    assert response.status_code == 200
    assert list(TrioNote.objects.filter(trio=trio).values_list("body", flat=True)) == [
        "Written first"
    ]


def test_empty_plan_is_refused(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio), {"body": "  ", "version": ""})

    assert response.status_code == 200
    assert "Write the plan." in response.content.decode()
    assert not TrioNote.objects.exists()


def test_plan_save_is_404_for_another_school_and_changes_nothing(client, trio, head_at_school_b):
    client.force_login(head_at_school_b)

    response = client.post(_url(trio), {"body": "Taken over", "version": ""})

    assert response.status_code == 404
    assert not TrioNote.objects.exists()
