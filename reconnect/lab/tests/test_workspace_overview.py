"""A trio's overview: its schools, their pilots, milestones to come and the latest writing."""

import datetime

import pytest
import time_machine

from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import NoteKind, Phase, PilotStatus
from reconnect.lab.tests.factories import (
    MilestoneFactory,
    PilotFactory,
    TrioFactory,
    TrioMemberFactory,
    TrioNoteFactory,
)
from reconnect.schools.tests.factories import SchoolFactory


@pytest.fixture
def hillside():
    return SchoolFactory.create(name="Hillside Primary", local_authority__code=209)


@pytest.fixture
def trio(school_a, hillside):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    TrioMemberFactory.create(trio=made, school=hillside)
    return made


def test_overview_lists_the_schools_with_their_boroughs(
    client, trio, school_a, hillside, staff_at_school_a
):
    client.force_login(staff_at_school_a)

    page = client.get(f"/lab/trios/{trio.pk}/").content.decode()

    assert '<td class="govuk-table__cell">Demo School A</td>' in page
    assert f'<td class="govuk-table__cell">{school_a.local_authority.name}</td>' in page
    assert '<td class="govuk-table__cell">Hillside Primary</td>' in page
    assert hillside.local_authority.name == "Lewisham"
    assert '<td class="govuk-table__cell">Lewisham</td>' in page


def test_overview_shows_each_schools_pilot_and_links_only_its_own(
    client, trio, school_a, hillside, staff_at_school_a
):
    ours = PilotFactory.create(
        school=school_a,
        trio=trio,
        title="Reading catch-up",
        phase=Phase.DELIVER,
        status=PilotStatus.RUNNING,
        intervention=InterventionPageFactory.create(title="Reciprocal reading"),
    )
    PilotFactory.create(school=hillside, trio=trio, title="Maths talk")
    PilotFactory.create(school=school_a, title="Not in the trio")
    client.force_login(staff_at_school_a)

    page = client.get(f"/lab/trios/{trio.pk}/").content.decode()

    link = f'<a class="govuk-link" href="/lab/900001/pilots/{ours.pk}/">Reading catch-up</a>'
    assert link in page
    assert "Reciprocal reading" in page
    assert '<td class="govuk-table__cell">Deliver</td>' in page
    assert '<strong class="govuk-tag">Running</strong>' in page
    # Hillside's pilot is named, but its page is Hillside's: no link to a 404.
    assert '<td class="govuk-table__cell">Maths talk</td>' in page
    assert "Not in the trio" not in page


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_overview_lists_milestones_still_to_come_soonest_first(
    client, trio, school_a, staff_at_school_a
):
    pilot = PilotFactory.create(school=school_a, trio=trio, title="Reading catch-up")
    MilestoneFactory.create(pilot=pilot, title="Train staff", due_on=datetime.date(2026, 4, 1))
    MilestoneFactory.create(pilot=pilot, title="Baseline", due_on=datetime.date(2026, 3, 10))
    MilestoneFactory.create(pilot=pilot, title="Share results")
    MilestoneFactory.create(pilot=pilot, title="Past", due_on=datetime.date(2026, 2, 1))
    MilestoneFactory.create(
        pilot=pilot,
        title="Done already",
        due_on=datetime.date(2026, 5, 1),
        done_on=datetime.date(2026, 2, 20),
    )
    client.force_login(staff_at_school_a)

    response = client.get(f"/lab/trios/{trio.pk}/")

    titles = [m.title for m in response.context["overview"].milestones]
    assert titles == ["Baseline", "Train staff", "Share results"]
    assert "<strong>10 March 2026</strong>: Baseline" in response.content.decode()


def test_overview_shows_the_latest_notes_and_posts(client, trio, head_at_school_a):
    TrioNoteFactory.create(trio=trio, kind=NoteKind.PLAN, body="The plan")
    TrioNoteFactory.create(
        trio=trio, kind=NoteKind.MEETING, title="First visit", met_on=datetime.date(2026, 1, 5)
    )
    TrioNoteFactory.create(trio=trio, body="Shall we meet <b>Tuesday</b>?", author=head_at_school_a)
    client.force_login(head_at_school_a)

    page = client.get(f"/lab/trios/{trio.pk}/").content.decode()

    assert "Meeting notes: First visit" in page
    assert "Post: Shall we meet &lt;b&gt;Tuesday&lt;/b&gt;?" in page
    assert "The plan" not in page
