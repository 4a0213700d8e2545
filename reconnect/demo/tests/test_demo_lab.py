"""The Lab demo: school A's confirmed trio with two nearby primaries, their pilots and
the trio's workspace, written once through the Lab's services."""

import pytest

from reconnect.core.models import AuditEvent
from reconnect.demo.builder import seed_demo
from reconnect.demo.lab import (
    COHORT_NAME,
    FINISHED_COHORT_NAME,
    lab_demo_is_loaded,
    seed_lab,
    trio_schools,
)
from reconnect.hub.models import InterventionPage
from reconnect.hub.tests.factories import InterventionPageFactory, ThemeFactory
from reconnect.lab.models import (
    Application,
    ApplicationStatus,
    CohortStatus,
    LabCohort,
    LogEntry,
    NoteKind,
    Pilot,
    PilotStatus,
    Trio,
    TrioNote,
    TrioStatus,
)
from reconnect.lab.selectors.pooling import network_result
from reconnect.schools.models import School

pytestmark = pytest.mark.django_db

SEED = 2026


@pytest.fixture
def seeded():
    seed_demo(seed=SEED)
    ThemeFactory(slug="learning-gaps", name="Learning gaps")
    InterventionPageFactory(slug="reading-comprehension-strategies", impact_months=6)
    return seed_lab(seed=SEED)


def test_the_lab_demo_makes_school_a_a_confirmed_trio_with_its_two_nearest_primaries(seeded):
    school_a = School.objects.select_related("local_authority").get(urn=900001)
    expected = trio_schools(school_a)

    trio = Trio.objects.get(cohort__name=COHORT_NAME)
    members = list(trio.members.order_by("pk").values_list("school__urn", flat=True))
    assert (seeded.schools, seeded.pilots, seeded.trios) == (6, 6, 2)
    assert trio.status == TrioStatus.CONFIRMED
    assert sorted(members) == sorted(s.urn for s in expected)
    assert expected[0] == school_a
    assert {s.phase for s in expected} == {school_a.phase}
    cohort = LabCohort.objects.get(name=COHORT_NAME)
    assert (cohort.name, cohort.status) == (COHORT_NAME, CohortStatus.RUNNING)
    assert set(Application.objects.values_list("status", flat=True).distinct()) == {
        ApplicationStatus.PLACED
    }


def test_the_pilots_run_the_hub_intervention_and_school_a_delivers_with_a_log(seeded):
    pilots = {
        p.school.urn: p
        for p in Pilot.objects.filter(trio__cohort__name=COHORT_NAME).select_related(
            "school", "intervention"
        )
    }
    school_a = pilots[900001]

    slugs = {p.intervention.slug if p.intervention else None for p in pilots.values()}
    assert slugs == {"reading-comprehension-strategies"}
    assert {p.trio_id for p in pilots.values()} == {Trio.objects.get(cohort__name=COHORT_NAME).pk}
    assert (school_a.status, school_a.phase) == (PilotStatus.RUNNING, "deliver")
    assert LogEntry.objects.filter(pilot=school_a).count() == 4
    assert school_a.milestones.filter(phase__in=["explore", "prepare"], done_on=None).count() == 0
    assert school_a.measures.get().name == "Reading comprehension score"
    assert sorted((p.status, p.phase) for p in pilots.values()) == [
        ("running", "deliver"), ("running", "deliver"), ("running", "prepare"),
    ]  # fmt: skip


def test_the_trio_workspace_has_a_plan_a_meeting_and_a_reply(seeded):
    kinds = list(
        TrioNote.objects.filter(trio__cohort__name=COHORT_NAME)
        .order_by("kind")
        .values_list("kind", "reply_to_id")
    )

    assert [kind for kind, _reply in kinds] == [
        NoteKind.MEETING, NoteKind.PLAN, NoteKind.POST, NoteKind.POST,
    ]  # fmt: skip
    assert sum(1 for _kind, reply in kinds if reply is not None) == 1


def test_the_lab_demo_is_written_once_and_audited(seeded):
    events = AuditEvent.objects.filter(action__startswith="lab.").count()

    again = seed_lab(seed=SEED)

    assert lab_demo_is_loaded()
    assert (again.schools, again.pilots, again.trios) == (0, 0, 0)
    assert AuditEvent.objects.filter(action__startswith="lab.").count() == events
    assert events > 0


def test_a_finished_cohort_gives_the_hub_a_pooled_result_and_a_published_case_study(seeded):
    intervention = InterventionPage.objects.get(slug="reading-comprehension-strategies")
    finished = Pilot.objects.filter(trio__cohort__name=FINISHED_COHORT_NAME)

    result = network_result(intervention)

    assert LabCohort.objects.get(name=FINISHED_COHORT_NAME).status == CohortStatus.CLOSED
    assert sorted(finished.values_list("status", flat=True)) == [PilotStatus.COMPLETED] * 3
    assert result is not None
    assert result.k == 3
    assert [study.label for study in result.studies] == ["Pilot 1", "Pilot 2", "Pilot 3"]
    shared = finished.exclude(case_study=None).get()
    assert shared.case_study is not None
    assert shared.case_study.live is True
    assert shared.case_study.title == shared.title
