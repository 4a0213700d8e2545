"""Reading pilots: scoping, the log's summaries, and query counts that do not grow."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from reconnect.lab.models import Fidelity, PilotStatus
from reconnect.lab.selectors import pilots as selectors
from reconnect.lab.tests.factories import LogEntryFactory, MilestoneFactory, PilotFactory


def _pilots(school, count):
    made = []
    for n in range(count):
        pilot = PilotFactory.create(school=school, title=f"Pilot {n}")
        for phase in ("explore", "prepare", "deliver"):
            MilestoneFactory.create(pilot=pilot, phase=phase, done_on=datetime.date(2026, 1, 5))
            MilestoneFactory.create(pilot=pilot, phase=phase)
        LogEntryFactory.create(pilot=pilot)
        made.append(pilot)
    return made


@pytest.mark.parametrize("count", [1, 3])
def test_lab_schools_costs_two_queries_whatever_the_pilots(
    school_a, head_at_school_a, django_assert_num_queries, count
):
    _pilots(school_a, count)

    with django_assert_num_queries(2):
        schools = selectors.lab_schools(head_at_school_a)
        progress = [(p.milestones_done, p.milestones_total) for p in schools[0].pilots]  # type: ignore[attr-defined]

    assert schools[0].may_edit is True
    assert progress == [(3, 6)] * count


@pytest.mark.parametrize("count", [1, 3])
def test_network_pilots_is_one_query_and_lists_only_running_and_completed(
    school_a, school_b, django_assert_num_queries, count
):
    for pilot in _pilots(school_a, count):
        pilot.status = PilotStatus.RUNNING
        pilot.save()
    PilotFactory.create(school=school_b, status=PilotStatus.COMPLETED, title="Done")
    PilotFactory.create(school=school_b, status=PilotStatus.DRAFT)
    PilotFactory.create(school=school_b, status=PilotStatus.WITHDRAWN)

    with django_assert_num_queries(1):
        rows = [(p.school.name, p.status, p.intervention) for p in selectors.network_pilots()]

    assert len(rows) == count + 1
    assert {status for _, status, _ in rows} == {"running", "completed"}


@pytest.mark.parametrize("count", [1, 3])
def test_pilot_for_loads_the_page_in_fixed_queries(
    school_a, head_at_school_a, django_assert_num_queries, count
):
    pilot = _pilots(school_a, 1)[0]
    for _ in range(count):
        MilestoneFactory.create(pilot=pilot)
        LogEntryFactory.create(pilot=pilot)

    # Memberships, the pilot with its links, then milestones, measures and log (with authors).
    with django_assert_num_queries(5):
        loaded = selectors.pilot_for(head_at_school_a, 900001, pilot.pk)
        steps = selectors.timeline(loaded)
        summary = selectors.log_summary(list(loaded.log.all()))
        list(loaded.measures.all())

    assert [len(step.milestones) for step in steps] == [2 + count, 2, 2, 0]
    assert summary.entries == 1 + count


def test_pilot_for_is_a_404_outside_the_school(school_a, school_b, head_at_school_b, coordinator):
    pilot = PilotFactory.create(school=school_a, status=PilotStatus.RUNNING)

    for user, urn in (
        (head_at_school_b, 900001),
        (coordinator, 900001),
        (head_at_school_b, 900002),
    ):
        with pytest.raises(Http404):
            selectors.pilot_for(user, urn, pilot.pk)


def test_log_summary_gives_dosage_and_fidelity(school_a):
    pilot = PilotFactory.create(school=school_a)
    entries = [
        LogEntryFactory.build(pilot=pilot, sessions_planned=3, sessions_delivered=3,
                              pupils_present=10, fidelity=Fidelity.AS_PLANNED),
        LogEntryFactory.build(pilot=pilot, sessions_planned=3, sessions_delivered=1,
                              pupils_present=7, fidelity=Fidelity.NOT),
        LogEntryFactory.build(pilot=pilot, sessions_planned=2, sessions_delivered=None,
                              pupils_present=None, fidelity=""),
    ]  # fmt: skip

    summary = selectors.log_summary(entries)

    assert (summary.entries, summary.sessions_planned, summary.sessions_delivered) == (3, 8, 4)
    assert summary.delivered_share == pytest.approx(4 / 6)
    assert summary.average_pupils == pytest.approx(8.5)
    assert [(row.label, row.count) for row in summary.fidelity] == [
        ("As planned", 1),
        ("Not as planned", 1),
    ]
    assert summary.faithful_share == pytest.approx(0.5)


def test_an_empty_log_has_no_shares():
    summary = selectors.log_summary([])

    assert (summary.delivered_share, summary.average_pupils, summary.faithful_share) == (
        None,
        None,
        None,
    )


def test_the_pilot_page_and_lab_home_cost_the_same_for_one_or_three(
    client, school_a, head_at_school_a
):
    first = _pilots(school_a, 1)[0]
    client.force_login(head_at_school_a)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    cache.clear()
    client.get(f"/lab/900001/pilots/{first.pk}/")  # warm Wagtail's site cache
    page_one, home_one = queries(f"/lab/900001/pilots/{first.pk}/"), queries("/lab/")
    _pilots(school_a, 2)
    for _ in range(3):
        MilestoneFactory.create(pilot=first)
        LogEntryFactory.create(pilot=first)

    assert queries(f"/lab/900001/pilots/{first.pk}/") == page_one
    assert queries("/lab/") == home_one
