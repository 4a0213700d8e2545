"""The case study drafted from a completed pilot: its exact words, and when sharing is refused."""

import datetime

import pytest

from reconnect.hub.models import Phase, Theme
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import (
    Design,
    Fidelity,
    Group,
    OutcomeRecord,
    PilotStatus,
    SummaryStatistic,
    Timepoint,
)
from reconnect.lab.selectors.evaluation import pilot_evaluation
from reconnect.lab.selectors.pilots import pilot_for
from reconnect.lab.services.sharing import case_study_draft_for
from reconnect.lab.tests.factories import LogEntryFactory, OutcomeMeasureFactory, PilotFactory

pytestmark = pytest.mark.django_db

HEADLINE = (
    "Pupils in the pilot made about 3 months’ additional progress in reading compared with "
    "similar pupils who did not take part."
)


def known_pilot(school, **overrides):
    """The padlocks test's known case (g = 0.249, 3 months, 3 padlocks), completed."""
    fields = {
        "school": school,
        "design": Design.MATCHED,
        "title": "Reading catch-up",
        "status": PilotStatus.COMPLETED,
        "challenge": "Pupils on free school meals read less fluently by the end of Year 2.",
        "target_pupils": "Year 2 pupils on free school meals reading below age.",
        "comparison": "Year 2 pupils at two similar schools in the trust.",
        "success_criteria": "Two thirds of the pupils reading at age by July.",
        "starts_on": datetime.date(2026, 1, 5),
        "ends_on": datetime.date(2026, 7, 17),
        "theme": Theme.objects.get(slug="learning-gaps"),
    }
    fields.update(overrides)
    if "intervention" not in fields:
        fields["intervention"] = InterventionPageFactory.create(
            title="Reading comprehension strategies"
        )
    pilot = PilotFactory.create(**fields)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading", is_primary=True)
    for group, timepoint, mean, n in (
        (Group.INTERVENTION, Timepoint.PRE, 100.1, 110),
        (Group.COMPARISON, Timepoint.PRE, 100, 110),
        (Group.INTERVENTION, Timepoint.POST, 106.25, 100),
        (Group.COMPARISON, Timepoint.POST, 105, 100),
    ):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=timepoint, mean=mean, sd=5, n=n
        )
    LogEntryFactory.create(
        pilot=pilot,
        happened_on=datetime.date(2026, 3, 2),
        sessions_planned=10,
        sessions_delivered=8,
        fidelity=Fidelity.AS_PLANNED,
        notes="Two sessions lost to the trip.",
    )
    LogEntryFactory.create(
        pilot=pilot,
        happened_on=datetime.date(2026, 6, 1),
        sessions_planned=10,
        sessions_delivered=10,
        fidelity=Fidelity.MOSTLY,
        notes="Teaching assistants now run it without the script.",
    )
    return pilot


def loaded(pilot, user):
    return pilot_for(user, pilot.school.urn, pilot.pk)


def ready(pilot):
    evaluation = pilot_evaluation(pilot)
    assert evaluation is not None
    assert evaluation.ready
    return evaluation


def test_draft_writes_the_four_sections_from_the_pilot(head_at_school_a):
    pilot = loaded(known_pilot(head_at_school_a.memberships.get().school), head_at_school_a)

    draft = case_study_draft_for(pilot, ready(pilot))

    assert draft.title == "Reading catch-up"
    assert draft.summary == HEADLINE
    assert draft.context == (
        "Demo School A is a primary school.\n\n"
        "The challenge: Pupils on free school meals read less fluently by the end of Year 2.\n\n"
        "The pupils the pilot was for: Year 2 pupils on free school meals reading below age."
    )
    assert draft.what_we_did == (
        "We piloted Reading comprehension strategies.\n\n"
        "To know what would have happened without it, we compared the pilot pupils with a "
        "matched group who did not take part. The comparison group: Year 2 pupils at two "
        "similar schools in the trust.\n\n"
        "The pilot ran from 5 January 2026 to 17 July 2026.\n\n"
        "From the implementation log: 18 of 20 planned sessions were delivered (90%). "
        "1 of 2 log entries say the sessions went as planned (50%)."
    )
    assert draft.evidence_of_impact == (
        f"{HEADLINE} We can be moderately confident in this: 3 padlocks of 5.\n\n"
        "Effect size on Reading: 0.25 (95% confidence interval −0.03 to 0.53). "
        "In months’ progress: +3 months.\n\n"
        "How secure the finding is, in the EEF’s padlocks:\n"
        "- Pupils were not randomly allocated, so the most this design can earn is 3 "
        "padlocks.\n"
        "- The pilot was big enough to reliably detect an effect size of 0.40 or more, which "
        "allows up to 3 padlocks.\n"
        "- 9% of the pupils who started had no final result, which allows up to 5 padlocks.\n"
        "- The groups were alike at the start (a difference of 0.02 standard deviations), so "
        "no padlock is taken off.\n"
        "- Overall: 3 padlocks out of 5.\n\n"
        "Caveats:\n"
        "- Only the scores at the end were compared, so part of the difference may have been "
        "there before the intervention began."
    )
    assert draft.what_others_can_take == (
        "What we set out to achieve: Two thirds of the pupils reading at age by July.\n\n"
        "Notes from the end of the implementation log:\n"
        "- 1 June 2026: Teaching assistants now run it without the script.\n"
        "- 2 March 2026: Two sessions lost to the trip."
    )
    assert list(draft.themes) == [Theme.objects.get(slug="learning-gaps")]
    assert list(draft.phases) == [Phase.objects.get(slug="primary")]
    assert [page.title for page in draft.interventions] == ["Reading comprehension strategies"]
    assert draft.school == pilot.school
    assert draft.school_consent is False


def test_draft_of_a_single_group_pilot_says_it_is_not_an_impact_estimate(head_at_school_a):
    school = head_at_school_a.memberships.get().school
    pilot = PilotFactory.create(
        school=school,
        design=Design.SINGLE_GROUP,
        status=PilotStatus.COMPLETED,
        title="Wellbeing check-ins",
        target_pupils="",
        success_criteria="",
        comparison="Nobody",
    )
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading", is_primary=True)
    for pupil, (pre, post) in enumerate(((10, 12), (11, 14), (9, 10), (12, 15)), start=1):
        OutcomeRecord.objects.create(
            measure=measure, pupil_hash=f"p{pupil}", group=Group.INTERVENTION, pre=pre, post=post
        )
    pilot = loaded(pilot, head_at_school_a)
    evaluation = ready(pilot)

    draft = case_study_draft_for(pilot, evaluation)

    assert evaluation.is_impact_estimate is False
    assert draft.what_we_did.startswith(
        "We piloted our own approach: Wellbeing check-ins.\n\n"
        "To know what would have happened without it, we measured the pilot pupils before "
        "and after, with no comparison.\n\n"
    )
    assert draft.evidence_of_impact.startswith(f"{evaluation.headline}\n\nStandardised change")
    assert "months" not in draft.evidence_of_impact.split("\n\n")[1]
    assert draft.what_others_can_take == ""
    assert list(draft.themes) == []
