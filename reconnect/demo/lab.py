"""Innovation Lab demo: one running Lab cohort and demo school A's learning trio.

School A (Wrenmere Primary) and two peer primaries near it each run a pilot of reading
comprehension strategies (from the Hub) for disadvantaged readers. A coordinator opened a
cohort, the three schools applied with their pilots, the trio builder grouped them and the
coordinator confirmed the trio; school A's pilot is delivering, with its milestones ticked
off to the Deliver phase and an implementation log, and the trio's workspace holds a shared
plan, the notes of their first meeting and a short discussion.

An earlier cohort has finished: three other primaries nearby ran the same intervention to
the end, with typed-in summary figures, so the intervention's Hub page shows the network's
pooled result, and one of them shared its evaluation as a case study that a coordinator
approved.

Everything goes through the Lab's services as it would through the pages (defaults,
checks, audit records), as the coordinator and the schools' leads. The peers are the
nearest primaries with a school lead: school A's borough first, then its neighbours, by URN.
Running it again changes nothing once the cohort exists.
"""

import datetime
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.demo.accounts import DEMO_SCHOOL_A_URN
from reconnect.hub.models import CaseStudyPage, InterventionPage, Theme
from reconnect.lab.models import (
    Design,
    Group,
    LabCohort,
    MeasureKind,
    Phase,
    Pilot,
    PilotStatus,
    SummaryStatistic,
    Timepoint,
    Trio,
)
from reconnect.lab.services import cohorts, pilots, workspace
from reconnect.schools.data.london import NEIGHBOURS
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole

COHORT_NAME = "Autumn 2026 Lab: reading for meaning"
FINISHED_COHORT_NAME = "Spring 2026 Lab: reading for meaning"
INTERVENTION_SLUG = "reading-comprehension-strategies"
THEME_SLUG = "learning-gaps"
COORDINATOR_EMAIL = "coordinator@example.org"
PEERS = 2


@dataclass(frozen=True)
class LabSeedResult:
    schools: int
    pilots: int
    trios: int
    seconds: float


def lab_demo_is_loaded() -> bool:
    return LabCohort.objects.filter(name=COHORT_NAME).exists()


def _leads(schools: list[School]) -> dict[int, User]:
    """Each school's first school lead (by account id)."""
    leads: dict[int, User] = {}
    for membership in (
        Membership.objects.filter(school__in=schools, role=SchoolRole.SCHOOL_LEAD)
        .select_related("user")
        .order_by("user_id")
    ):
        leads.setdefault(membership.school_id, membership.user)
    return leads


def trio_schools(anchor: School, *, skip: int = 0, count: int = PEERS) -> list[School]:
    """School A and its ``count`` nearest primaries with a school lead (after ``skip``)."""
    code = anchor.local_authority.code
    neighbours = {b for a, b in NEIGHBOURS if a == code} | {a for a, b in NEIGHBOURS if b == code}
    candidates = list(
        School.objects.filter(
            phase=anchor.phase,
            is_open=True,
            local_authority__code__in=[code, *neighbours],
            memberships__role=SchoolRole.SCHOOL_LEAD,
        )
        .exclude(pk=anchor.pk)
        .select_related("local_authority")
        .distinct()
    )
    candidates.sort(key=lambda s: (s.local_authority.code != code, s.urn))
    return [anchor, *candidates[skip : skip + count]]


def _pilot(
    school: School, lead: User, *, intervention: InterventionPage, theme: Theme | None, design: str,
    numbers: tuple[int, int], year_group: str,
) -> Pilot:  # fmt: skip
    today = timezone.localdate()
    pilot = pilots.pilot_create(
        school=school,
        user=lead,
        plan=pilots.PilotPlan(
            title=f"Reading for meaning in {year_group}",
            challenge=(
                f"Pupils on free school meals in {year_group} decode well but understand less "
                "of what they read than their classmates, and it holds them back across "
                "the curriculum."
            ),
            design=design,
            theme=theme,
            intervention=intervention,
            target_pupils=(
                f"{year_group} pupils eligible for free school meals whose reading "
                "comprehension is below the expected standard."
            ),
            comparison=(
                "Similar pupils in the parallel class, taught as usual until the summer term."
                if design == Design.MATCHED
                else "Last year's pupils of the same year group, on the same test."
            ),
            success_criteria=(
                "An effect size of 0.3 or more on the comprehension test, with at least 80% "
                "of sessions delivered as planned."
            ),
            planned_intervention=numbers[0],
            planned_comparison=numbers[1],
            starts_on=today - datetime.timedelta(weeks=10),
            ends_on=today + datetime.timedelta(weeks=16),
        ),
    )
    pilots.measure_add(
        pilot=pilot,
        plan=pilots.MeasurePlan(
            kind=MeasureKind.ATTAINMENT,
            name="Reading comprehension score",
            unit="marks out of 50",
            is_primary=True,
            lowest=0,
            highest=50,
        ),
    )
    return pilot


def _run(pilot: Pilot, lead: User, *, phase: str) -> None:
    """Start the pilot and take it to ``phase``: the earlier phases' milestones done and,
    once delivering, an implementation log of four weeks."""
    today = timezone.localdate()
    order = [Phase.EXPLORE, Phase.PREPARE, Phase.DELIVER, Phase.SUSTAIN]
    pilots.pilot_status_set(pilot=pilot, user=lead, status=PilotStatus.RUNNING)
    pilots.pilot_phase_set(pilot=pilot, user=lead, phase=phase)
    earlier = order[: order.index(Phase(phase))]
    for week, milestone in enumerate(pilot.milestones.filter(phase__in=earlier).order_by("pk")):
        pilots.milestone_complete(
            milestone=milestone, done_on=today - datetime.timedelta(weeks=10 - week)
        )
    if phase != Phase.DELIVER:
        return
    for week, (delivered, present, fidelity, notes) in enumerate(
        [
            (3, 26, "as_planned", "Reciprocal reading groups started; pupils keen."),
            (3, 27, "as_planned", "Modelled summarising with a shared text."),
            (2, 25, "mostly", "One session lost to a trip; the rest as planned."),
            (3, 28, "as_planned", "Pupils now lead the questioning role themselves."),
        ]
    ):
        pilots.log_entry_add(
            pilot=pilot,
            user=lead,
            entry=pilots.LogPlan(
                happened_on=today - datetime.timedelta(weeks=4 - week),
                sessions_planned=3,
                sessions_delivered=delivered,
                pupils_present=present,
                fidelity=fidelity,
                notes=notes,
            ),
        )


# (year group, intervention group's mean gain over the comparison group, pupils a group)
FINISHED = [("Year 3", 2.8, 26), ("Year 4", 1.4, 30), ("Year 6", 2.1, 28)]


def _finished_cohort(
    anchor: School, coordinator: User, intervention: InterventionPage, theme: Theme | None
) -> list[Pilot]:
    """Three nearby primaries (not school A's partners) that finished the intervention last
    spring, with summary figures; the first shared its evaluation as a case study."""
    from reconnect.lab.selectors.evaluation import pilot_evaluation
    from reconnect.lab.services.sharing import case_study_draft_for, pilot_share

    schools = trio_schools(anchor, skip=PEERS, count=len(FINISHED))[1:]
    leads = _leads(schools)
    cohort = cohorts.cohort_open(
        user=coordinator,
        plan=cohorts.CohortPlan(
            name=FINISHED_COHORT_NAME,
            description="The first Lab cohort: reading comprehension strategies.",
        ),
    )
    finished: list[Pilot] = []
    for school, (year_group, gain, pupils) in zip(schools, FINISHED, strict=False):
        lead = leads[school.pk]
        pilot = _pilot(
            school, lead, intervention=intervention, theme=theme, design=Design.MATCHED,
            numbers=(pupils, pupils), year_group=year_group,
        )  # fmt: skip
        measure = pilot.measures.get()
        for group, mean in ((Group.INTERVENTION, 31.0 + gain), (Group.COMPARISON, 31.0)):
            for timepoint, value in ((Timepoint.PRE, 27.5), (Timepoint.POST, mean)):
                SummaryStatistic.objects.create(
                    measure=measure, group=group, timepoint=timepoint, mean=value, sd=7.5,
                    n=pupils, entered_by=lead,
                )  # fmt: skip
        cohorts.application_submit(cohort=cohort, school=school, pilot=pilot, user=lead)
        pilots.pilot_status_set(pilot=pilot, user=lead, status=PilotStatus.RUNNING)
        pilots.pilot_status_set(pilot=pilot, user=lead, status=PilotStatus.COMPLETED)
        finished.append(pilot)
    cohorts.cohort_status_set(cohort=cohort, user=coordinator, status="forming")
    cohorts.trios_propose(cohort=cohort, user=coordinator)
    cohorts.trios_confirm_all(cohort=cohort, user=coordinator)
    cohorts.cohort_status_set(cohort=cohort, user=coordinator, status="running")
    cohorts.cohort_status_set(cohort=cohort, user=coordinator, status="closed")
    if finished:
        sharer = Pilot.objects.select_related("school", "theme", "intervention").get(
            pk=finished[0].pk
        )
        evaluation = pilot_evaluation(sharer)
        if evaluation is not None and evaluation.ready:
            page = pilot_share(
                pilot=sharer,
                user=leads[sharer.school_id],
                data=case_study_draft_for(sharer, evaluation),
            )
            _approve(page, coordinator)
    return finished


def _approve(page: CaseStudyPage, coordinator: User) -> None:
    """The coordinator approves the case study in the Hub's review workflow (publishing it)."""
    state = page.workflow_states.active().first()
    if state is not None and state.current_task_state is not None:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, coordinator, "approve")


def seed_lab(*, seed: int) -> LabSeedResult:
    """Load the Lab demo (see the module docstring). ``seed`` is accepted for the command's
    sake: the trio is chosen by place, not by chance.

    Side effects: the cohort, three pilots with their measures, milestones and log, the
    applications and the confirmed trio, its workspace notes, and their audit records.
    Returns zeros when school A, the coordinator or the Hub intervention is missing.
    """
    started = time.perf_counter()
    anchor = School.objects.filter(urn=DEMO_SCHOOL_A_URN).select_related("local_authority").first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    intervention = InterventionPage.objects.live().filter(slug=INTERVENTION_SLUG).first()
    if lab_demo_is_loaded() or anchor is None or coordinator is None or intervention is None:
        return LabSeedResult(0, 0, 0, time.perf_counter() - started)
    theme = Theme.objects.filter(slug=THEME_SLUG).first()
    schools = trio_schools(anchor)
    leads = _leads(schools)
    today = timezone.localdate()
    with transaction.atomic():
        cohort = cohorts.cohort_open(
            user=coordinator,
            plan=cohorts.CohortPlan(
                name=COHORT_NAME,
                description=(
                    "Primary schools piloting reading comprehension strategies with "
                    "disadvantaged readers, in trios that meet each half-term."
                ),
                applications_close_on=today - datetime.timedelta(weeks=12),
            ),
        )
        settings = [
            (Design.MATCHED, (28, 30), "Year 5"),
            (Design.MATCHED, (24, 24), "Year 4"),
            (Design.PREVIOUS_COHORT, (30, 30), "Year 6"),
        ]
        made: list[Pilot] = []
        for school, (design, numbers, year_group) in zip(schools, settings, strict=False):
            pilot = _pilot(
                school, leads[school.pk], intervention=intervention, theme=theme, design=design,
                numbers=numbers, year_group=year_group,
            )  # fmt: skip
            cohorts.application_submit(
                cohort=cohort,
                school=school,
                pilot=pilot,
                user=leads[school.pk],
                statement="We want partners who are tackling reading comprehension too.",
            )
            made.append(pilot)
        cohorts.cohort_status_set(cohort=cohort, user=coordinator, status="forming")
        trios = cohorts.trios_propose(cohort=cohort, user=coordinator) or []
        cohorts.trios_confirm_all(cohort=cohort, user=coordinator)
        cohorts.cohort_status_set(cohort=cohort, user=coordinator, status="running")
        # School A and its first partner deliver; the second is still preparing.
        for pilot, phase in zip(made, [Phase.DELIVER, Phase.DELIVER, Phase.PREPARE], strict=False):
            _run(pilot, leads[pilot.school_id], phase=phase)
        for trio in trios:
            _workspace(trio, [leads[s.pk] for s in schools])
        finished = _finished_cohort(anchor, coordinator, intervention, theme)
    return LabSeedResult(
        schools=len(schools) + len(finished),
        pilots=len(made) + len(finished),
        trios=Trio.objects.filter(cohort__name__in=[COHORT_NAME, FINISHED_COHORT_NAME]).count(),
        seconds=time.perf_counter() - started,
    )


def _workspace(trio: Trio, authors: list[User]) -> None:
    """The trio's shared plan, its first meeting's notes and a short discussion."""
    first, second = authors[0], authors[-1]
    today = timezone.localdate()
    workspace.plan_save(
        trio=trio,
        user=first,
        version="",
        body=(
            "Autumn: each school teaches reciprocal reading three times a week to its target "
            "group.\nSpring: swap a lesson visit; compare the mid-point comprehension tests.\n"
            "Summer: post-test in the last week of May; evaluate together and write up."
        ),
    )
    workspace.meeting_add(
        trio=trio,
        user=second,
        text=workspace.MeetingText(
            met_on=today - datetime.timedelta(weeks=6),
            title="First meeting: agreeing the test",
            body=(
                "We agreed to use the same comprehension test before and after, so our "
                "results can be pooled. Each school names a reading lead."
            ),
        ),
    )
    post = workspace.post_add(
        trio=trio,
        user=first,
        body="Has anyone found a good way to keep the questioner role going in smaller groups?",
    )
    workspace.post_add(
        trio=trio,
        user=second,
        reply_to_id=post.pk,
        body="We rotate roles every session with cards on the table. Happy to share ours.",
    )
