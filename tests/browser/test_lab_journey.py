"""The Innovation Lab's "done when", in one journey through the pages.

Demo school A and two peer primaries form a trio in a Lab cohort; school A pilots a Hub
intervention with a comparison group, uploads its outcomes, reads an evaluation whose
numbers match an independent computation, and shares the result as a case study. Once a
coordinator approves it, the intervention's Hub page lists the case study and shows the
network's pooled result of the three schools' pilots. Every page passes axe.
"""

import statistics

from django.utils import timezone
from playwright.sync_api import Page, expect

from reconnect.hub.models import CaseStudyPage, Theme
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.hub.tests.factories_submissions import review
from reconnect.lab.analysis.effect_sizes import hedges_g
from reconnect.lab.models import (
    Design,
    Group,
    LabCohort,
    Pilot,
    PilotStatus,
    SummaryStatistic,
    Timepoint,
    Trio,
    TrioStatus,
)
from reconnect.lab.services import cohorts, pilots
from reconnect.lab.tests.factories import OutcomeMeasureFactory
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from tests.browser.axe import assert_accessible
from tests.personas import UserFactory

URN_A = 900001

INTERVENTION = [52 - (i * 5) % 17 for i in range(24)]
COMPARISON = [47 - (i * 7) % 19 for i in range(24)]


def _outcomes_csv() -> bytes:
    lines = ["Pupil,Group,Post"]
    lines += [f"I{i:03d},Intervention,{score}" for i, score in enumerate(INTERVENTION)]
    lines += [f"C{i:03d},Comparison,{score}" for i, score in enumerate(COMPARISON)]
    return ("\n".join(lines) + "\n").encode()


def _peer(school_a, intervention, cohort, name: str, gain: float) -> Pilot:
    """A peer primary in school A's borough, its lead, and its pilot (applied)."""
    school = SchoolFactory.create(
        name=name, phase=school_a.phase, local_authority=school_a.local_authority
    )
    lead = UserFactory.create(email=f"head@{name.split()[0].lower()}.example.org")
    MembershipFactory.create(user=lead, school=school, role=SchoolRole.SCHOOL_LEAD)
    pilot = pilots.pilot_create(
        school=school,
        user=lead,
        plan=pilots.PilotPlan(
            title=f"Reading for meaning at {name}",
            challenge="Disadvantaged readers understand less of what they read.",
            design=Design.MATCHED,
            theme=Theme.objects.get(slug="learning-gaps"),
            intervention=intervention,
        ),
    )
    measure = OutcomeMeasureFactory.create(pilot=pilot, is_primary=True, name="Reading score")
    for group, mean in ((Group.INTERVENTION, 30 + gain), (Group.COMPARISON, 30.0)):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=Timepoint.POST, mean=mean, sd=8.0, n=28
        )
    cohorts.application_submit(cohort=cohort, school=school, pilot=pilot, user=lead)
    return pilot


def test_school_a_and_two_peers_pilot_evaluate_and_share_with_the_network(
    page: Page, sign_in, school_a, head_at_school_a, data_lead_at_school_a, coordinator
):
    intervention = InterventionPageFactory.create(
        title="Reading comprehension strategies", impact_months=6
    )
    cohort = LabCohort.objects.create(name="Autumn Lab: reading for meaning")
    peers = [
        _peer(school_a, intervention, cohort, "Brookside Primary", 2.5),
        _peer(school_a, intervention, cohort, "Elmfield Primary", 1.5),
    ]

    # School A's lead starts a pilot of the Hub intervention, with a comparison group.
    sign_in(head_at_school_a)
    page.goto(f"/lab/{URN_A}/pilots/new/")
    page.get_by_label("Name of the pilot").fill("Year 5 reading for meaning")
    page.get_by_label("The challenge").fill(
        "Disadvantaged readers decode well but understand less of what they read."
    )
    page.get_by_label("Knowledge Hub theme (optional)").select_option(label="Learning gaps")
    page.get_by_label("Knowledge Hub intervention (optional)").select_option(
        label="Reading comprehension strategies"
    )
    page.get_by_label("Matched comparison group").check()
    page.get_by_role("button", name="Start the pilot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Year 5 reading for meaning")
    pilot = Pilot.objects.get(school=school_a)
    OutcomeMeasureFactory.create(
        pilot=pilot, is_primary=True, name="Reading score", lowest=0, highest=60
    )

    # It applies to the Lab cohort with that pilot.
    page.goto(f"/lab/cohorts/{cohort.pk}/apply/")
    assert_accessible(page)
    page.get_by_label("Year 5 reading for meaning").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cohort.name)

    # The coordinator forms the trio: the builder puts the three schools together.
    page.context.clear_cookies()
    sign_in(coordinator)
    page.goto(f"/lab/cohorts/{cohort.pk}/")
    page.get_by_role("button", name="Close applications and start forming trios").click()
    page.get_by_role("button", name="Propose trios").click()
    expect(page.locator("#trios")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm all proposed trios").click()
    page.get_by_role("button", name="Start the trios running").click()
    trio = Trio.objects.get()
    assert trio.status == TrioStatus.CONFIRMED
    assert set(trio.members.values_list("school_id", flat=True)) == {
        school_a.pk,
        *(p.school_id for p in peers),
    }

    # School A runs the pilot; its data lead uploads the outcomes.
    page.context.clear_cookies()
    sign_in(head_at_school_a)
    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/")
    page.get_by_role("button", name="Start running the pilot").click()
    page.context.clear_cookies()
    sign_in(data_lead_at_school_a)
    measure = pilot.measures.get()
    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/outcomes/{measure.pk}/upload/")
    page.get_by_label("Outcome file").set_input_files(
        files=[{"name": "reading.csv", "mimeType": "text/csv", "buffer": _outcomes_csv()}]
    )
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload of “reading.csv”")

    # The lead completes the pilot and reads the evaluation: the right numbers.
    page.context.clear_cookies()
    sign_in(head_at_school_a)
    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/")
    page.get_by_role("button", name="Mark the pilot as completed").click()
    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/evaluation/")
    expected = hedges_g(INTERVENTION, COMPARISON)
    assert statistics.mean(INTERVENTION) > statistics.mean(COMPARISON)
    result = page.locator("#result ~ ul.rc-sp-figures").first
    expect(result).to_contain_text(f"{expected.estimate:.2f}")
    expect(result).to_contain_text(f"{expected.ci_low:.2f} to {expected.ci_high:.2f}")
    assert_accessible(page)

    # It shares the result as a case study; the coordinator approves it.
    page.goto(f"/lab/{URN_A}/pilots/{pilot.pk}/")
    page.get_by_role("link", name="Share as a case study").click()
    assert_accessible(page)
    expect(page.get_by_label("Evidence of impact")).to_contain_text(f"{expected.estimate:.2f}")
    page.get_by_label("What others can take").fill(
        "Train two teaching assistants first; keep the groups to six pupils."
    )
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("main")).to_contain_text("Sent for review")
    case_study = CaseStudyPage.objects.get()
    review(case_study, coordinator, "approve")

    # The peers' pilots finish too; the Hub page shows the case study and the pooled result.
    for peer in peers:
        Pilot.objects.filter(pk=peer.pk).update(
            status=PilotStatus.COMPLETED, completed_at=timezone.now()
        )
    page.goto(intervention.url)
    expect(page.get_by_role("link", name=case_study.title).first).to_be_visible()
    results = page.get_by_test_id("network-results")
    expect(results).to_contain_text("Pooling 3 pilots gives an effect size of")
    expect(results).not_to_contain_text("Brookside")
    assert_accessible(page)
