"""The pooled results on the Hub intervention page (anonymous) and in a trio's workspace."""

from __future__ import annotations

import pytest

from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import PilotStatus
from reconnect.lab.tests.factories import PilotFactory, TrioFactory, TrioMemberFactory
from reconnect.lab.tests.test_pooling_selector import FIGURES, completed_pilot
from reconnect.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

NOT_YET = (
    "No result yet. Results appear here once at least three pilots of this approach have "
    "finished in the network, so that no school’s result can be singled out."
)


def url_of(page) -> str:
    return f"/hub/{page.get_parent().slug}/{page.slug}/"


@pytest.fixture
def intervention():
    return InterventionPageFactory.create(title="Reciprocal reading", impact_months=6)


def test_intervention_page_shows_the_networks_pooled_result_without_school_names(
    client, intervention
):
    for i, figures in enumerate(FIGURES):
        completed_pilot(
            intervention, figures=figures, school=SchoolFactory.create(name=f"Hillside {i}")
        )

    page = client.get(url_of(intervention)).content.decode()

    assert '<h2 class="govuk-heading-m" id="network-results-heading">' in page
    assert "Results in the Reconnect network" in page
    assert "Pooling 3 pilots gives an effect size of 0.34: about 4 months’ additional" in page
    assert "The EEF Toolkit’s figure is +6 months; the network’s is +4 months." in page
    assert "I² is 17%, so the studies’ results vary little beyond what chance would give." in page
    assert "0.03 to 0.65" in page
    assert '<th scope="row" class="govuk-table__header">Pilot 1</th>' in page
    assert '<th scope="row" class="govuk-table__header">Pilot 3</th>' in page
    assert "primary" not in page.split('id="network-results-heading"')[1]
    assert 'id="network-forest-plot-title"' in page  # the forest plot, with its table
    assert '<polygon class="rc-sp-chart__bar"' in page
    assert '<th scope="row" class="govuk-table__header">Pooled (random effects)</th>' in page
    assert "With fewer than five studies" in page
    assert "Hillside" not in page
    assert "Reading pilot" not in page  # nor the pilots' titles


@pytest.mark.parametrize("finished", [1, 2])
def test_intervention_page_shows_no_result_below_three_pilots(client, intervention, finished):
    for figures in FIGURES[:finished]:
        completed_pilot(intervention, figures=figures)

    page = client.get(url_of(intervention)).content.decode()

    assert "Results in the Reconnect network" in page
    assert NOT_YET in page
    assert "network-forest-plot" not in page
    assert "effect size of 0.59" not in page


def test_intervention_page_without_a_finished_pilot_says_so(client, intervention):
    PilotFactory.create(intervention=intervention, status=PilotStatus.RUNNING)

    page = client.get(url_of(intervention)).content.decode()

    assert "Results in the Reconnect network" in page
    assert NOT_YET in page
    assert "network-forest-plot" not in page


def test_intervention_page_counts_the_pilots_left_out(client, intervention):
    for figures in FIGURES:
        completed_pilot(intervention, figures=figures)
    PilotFactory.create(intervention=intervention, status=PilotStatus.COMPLETED)

    page = client.get(url_of(intervention)).content.decode()

    assert "1 other finished pilot is not included" in page


def test_trio_overview_shows_the_trios_pooled_result_with_school_names(
    client, school_a, staff_at_school_a
):
    trio = TrioFactory.create()
    oak = SchoolFactory.create(name="Oak Primary")
    TrioMemberFactory.create(trio=trio, school=school_a)
    TrioMemberFactory.create(trio=trio, school=oak)
    completed_pilot(figures=FIGURES[0], trio=trio, school=school_a, title="Reading")
    completed_pilot(figures=FIGURES[1], trio=trio, school=oak, title="Talk")
    client.force_login(staff_at_school_a)

    page = client.get(f"/lab/trios/{trio.pk}/").content.decode()

    assert "The trio’s results together" in page
    assert "Pooling 2 pilots gives an effect size of" in page
    assert '<th scope="row" class="govuk-table__header">Demo School A: Reading</th>' in page
    assert '<th scope="row" class="govuk-table__header">Oak Primary: Talk</th>' in page
    assert 'id="trio-forest-plot-title"' in page


def test_trio_overview_without_an_evaluated_pilot_has_no_results_section(
    client, school_a, staff_at_school_a
):
    trio = TrioFactory.create()
    TrioMemberFactory.create(trio=trio, school=school_a)
    PilotFactory.create(trio=trio, school=school_a, status=PilotStatus.RUNNING)
    client.force_login(staff_at_school_a)

    response = client.get(f"/lab/trios/{trio.pk}/")

    assert response.status_code == 200
    assert "The trio’s results together" not in response.content.decode()
