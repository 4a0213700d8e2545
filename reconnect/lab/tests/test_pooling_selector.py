"""The pooled results of the network's and a trio's pilots: known answers, who is pooled,
anonymous labels, and the cache.

The known answer is worked out here independently: Hedges' g and its standard error from
each pilot's summary figures (Borenstein et al. 2009, chapter 4), then statsmodels'
DerSimonian–Laird ``combine_effects``.
"""

from __future__ import annotations

import datetime
import math

import numpy as np
import pytest
import time_machine
from django.utils import timezone
from statsmodels.stats.meta_analysis import combine_effects

from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.analysis.meta import random_effects
from reconnect.lab.models import Design, Group, PilotStatus, SummaryStatistic, Timepoint
from reconnect.lab.selectors.pooling import network_pooled, network_result, trio_result
from reconnect.lab.tests.factories import OutcomeMeasureFactory, PilotFactory, TrioFactory
from reconnect.schools.models import School
from reconnect.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# (intervention mean, SD, n), (comparison mean, SD, n): one row a pilot.
FIGURES = (
    ((106.0, 10.0, 30), (100.0, 10.0, 30)),
    ((101.0, 12.0, 40), (100.0, 12.0, 40)),
    ((104.0, 9.0, 25), (100.0, 9.0, 25)),
)


def hedges(intervention, comparison):
    (m1, s1, n1), (m2, s2, n2) = intervention, comparison
    s = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    d = (m1 - m2) / s
    j = 1 - 3 / (4 * (n1 + n2 - 2) - 1)
    return j * d, math.sqrt(j * j * ((n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2))))


def completed_pilot(intervention=None, *, figures=FIGURES[0], school=None, when=None, **fields):
    pilot = PilotFactory.create(
        school=school or SchoolFactory.create(),
        intervention=intervention,
        status=PilotStatus.COMPLETED,
        completed_at=when or timezone.make_aware(datetime.datetime(2026, 7, 20, 12)),
        **fields,
    )
    measure = OutcomeMeasureFactory.create(pilot=pilot, is_primary=True)
    for group, (mean, sd, n) in zip((Group.INTERVENTION, Group.COMPARISON), figures, strict=True):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=Timepoint.POST, mean=mean, sd=sd, n=n
        )
    return pilot


@pytest.fixture
def intervention():
    return InterventionPageFactory.create(title="Reciprocal reading", impact_months=6)


@pytest.fixture
def three(intervention):
    secondary = SchoolFactory.create(name="Hillside Academy", phase=School.Phase.SECONDARY)
    return [
        completed_pilot(
            intervention,
            figures=figures,
            school=secondary if i == 1 else SchoolFactory.create(name=f"Named School {i}"),
            when=timezone.make_aware(datetime.datetime(2025 + (i > 0), 7, 10 + i, 12)),
        )
        for i, figures in enumerate(FIGURES)
    ]


def test_network_result_pools_the_three_pilots_as_statsmodels_does(intervention, three):
    g, se = np.array([hedges(*f) for f in FIGURES]).T

    result = network_result(intervention)

    expected = combine_effects(g, se**2, method_re="dl")
    ours = random_effects(g, se)
    assert result is not None
    assert result.k == 3
    assert result.meta.estimates == pytest.approx(tuple(g), abs=1e-12)
    assert result.meta.standard_errors == pytest.approx(tuple(se), abs=1e-12)
    assert result.meta.estimate == pytest.approx(ours.estimate, abs=1e-12)
    assert result.meta.estimate == pytest.approx(expected.mean_effect_re, abs=1e-10)
    assert result.meta.standard_error == pytest.approx(expected.sd_eff_w_re, abs=1e-10)
    assert result.meta.tau_squared == pytest.approx(expected.tau2, abs=1e-10)
    assert result.meta.i_squared == pytest.approx(expected.i2, abs=1e-10)
    low, high = expected.conf_int(alpha=0.05, use_t=False)[1]
    assert (result.meta.ci_low, result.meta.ci_high) == pytest.approx((low, high), abs=1e-3)
    # The numbers themselves, so a change of method shows here too.
    assert tuple(round(x, 4) for x in g) == (0.5922, 0.0825, 0.4375)
    assert tuple(round(x, 4) for x in se) == (0.2605, 0.2215, 0.2818)
    assert round(result.meta.estimate, 4) == 0.3407
    assert round(result.meta.standard_error, 4) == 0.1596
    assert (round(result.meta.ci_low, 4), round(result.meta.ci_high, 4)) == (0.0279, 0.6534)
    assert round(result.meta.tau_squared, 4) == 0.013
    assert round(result.meta.i_squared, 3) == 0.169
    assert result.months.months == 4


def test_labels_are_only_the_order_the_pilots_finished_in(intervention, three):
    result = network_result(intervention)

    assert result is not None
    assert [s.label for s in result.studies] == [
        "Pilot 1",
        "Pilot 2",
        "Pilot 3",
    ]
    assert result.meta.labels == tuple(s.label for s in result.studies)
    assert "Hillside" not in repr(result)
    assert "Named School" not in repr(result)


def test_running_draft_withdrawn_single_group_and_other_pilots_are_left_out(intervention):
    completed_pilot(intervention, figures=FIGURES[0])
    for status in (PilotStatus.RUNNING, PilotStatus.DRAFT, PilotStatus.WITHDRAWN):
        pilot = completed_pilot(intervention, figures=FIGURES[1])
        pilot.status = status
        pilot.save()
    completed_pilot(intervention, figures=FIGURES[1], design=Design.SINGLE_GROUP)
    PilotFactory.create(intervention=intervention, status=PilotStatus.COMPLETED)  # no measure
    completed_pilot(InterventionPageFactory.create(), figures=FIGURES[2])  # another approach

    result = network_pooled(intervention)

    assert result is not None
    assert result.k == 1
    assert result.pooled is False
    assert result.left_out == 2  # the single-group pilot and the one without data
    g, se = hedges(*FIGURES[0])
    assert result.meta.estimate == pytest.approx(g, abs=1e-12)
    assert result.meta.standard_error == pytest.approx(se, abs=1e-12)


def test_no_finished_pilot_gives_none(intervention):
    pilot = completed_pilot(intervention)
    pilot.status = PilotStatus.RUNNING
    pilot.save()

    assert network_result(intervention) is None


def test_a_cache_hit_costs_one_query(intervention, three, django_assert_num_queries):
    first = network_result(intervention)

    with django_assert_num_queries(1):
        again = network_result(intervention)

    assert again == first


def test_the_cache_is_renewed_when_a_pilot_changes(intervention, three, django_assert_num_queries):
    with time_machine.travel(datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC), tick=False):
        before = network_pooled(intervention)
    with time_machine.travel(datetime.datetime(2026, 9, 2, tzinfo=datetime.UTC), tick=False):
        summary = SummaryStatistic.objects.get(measure__pilot=three[1], group=Group.INTERVENTION)
        summary.mean = 110.0
        summary.save()
        after = network_pooled(intervention)
        withdrawn = three[2]
        withdrawn.status = PilotStatus.WITHDRAWN
        withdrawn.save()
        fewer = network_pooled(intervention)

    assert before is not None
    assert after is not None
    assert fewer is not None
    assert after.meta.estimates[1] == pytest.approx(hedges((110.0, 12.0, 40), FIGURES[1][1])[0])
    assert after.meta.estimate > before.meta.estimate
    assert fewer.k == 2


def test_a_new_completed_pilot_renews_the_cache(intervention, three):
    before = network_result(intervention)

    completed_pilot(intervention, figures=FIGURES[0])

    after = network_result(intervention)
    assert before is not None
    assert after is not None
    assert (before.k, after.k) == (3, 4)


def test_trio_result_pools_the_trios_pilots_with_school_names():
    trio = TrioFactory.create()
    completed_pilot(
        figures=FIGURES[0], trio=trio, title="Reading", school=SchoolFactory.create(name="Oak")
    )
    completed_pilot(
        figures=FIGURES[1], trio=trio, title="Talk", school=SchoolFactory.create(name="Elm")
    )
    completed_pilot(figures=FIGURES[2])  # not the trio's

    result = trio_result(trio)

    assert result is not None
    assert [s.label for s in result.studies] == ["Oak: Reading", "Elm: Talk"]
    g, se = np.array([hedges(*f) for f in FIGURES[:2]]).T
    assert result.meta.estimate == pytest.approx(random_effects(g, se).estimate, abs=1e-12)


def test_trio_without_a_finished_pilot_has_no_result():
    trio = TrioFactory.create()
    PilotFactory.create(trio=trio, status=PilotStatus.RUNNING)

    assert trio_result(trio) is None


def test_no_completed_pilot_costs_one_query_cached_or_not(intervention, django_assert_num_queries):
    PilotFactory.create(intervention=intervention, status=PilotStatus.RUNNING)

    with django_assert_num_queries(1):
        assert network_result(intervention) is None


def test_the_hub_shows_nothing_until_three_pilots_have_a_result(intervention):
    completed_pilot(intervention, figures=FIGURES[0])
    completed_pilot(intervention, figures=FIGURES[1])

    assert network_pooled(intervention) is not None
    assert network_result(intervention) is None

    completed_pilot(intervention, figures=FIGURES[2])

    shown = network_result(intervention)
    assert shown is not None
    assert shown.k == 3
