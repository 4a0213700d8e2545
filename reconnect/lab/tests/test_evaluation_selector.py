"""The evaluation selector: method choice, known answers, padlocks, fidelity, queries.

Known answers are worked out here independently: with statsmodels' OLS for the ANCOVA,
with numpy for Hedges' g and the difference in differences, and the published Borenstein
et al. (2009) example for g from summaries.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from reconnect.lab.models import (
    Design,
    Fidelity,
    Group,
    MeasureKind,
    OutcomeRecord,
    SummaryStatistic,
    Timepoint,
)
from reconnect.lab.selectors.evaluation import (
    ANCOVA,
    ATTENDANCE,
    POST_ONLY,
    SINGLE_GROUP,
    SUMMARY,
    measure_evaluation,
    pilot_evaluation,
)
from reconnect.lab.tests.factories import LogEntryFactory, OutcomeMeasureFactory, PilotFactory

pytestmark = pytest.mark.django_db


# --- Helpers: outcome data straight into the models ---------------------------------------


def add_records(measure, group, pre, post, *, start=0):
    OutcomeRecord.objects.bulk_create(
        OutcomeRecord(
            measure=measure,
            pupil_hash=f"{group}-{start + i}",
            group=group,
            pre=None if b is None else float(b),
            post=None if a is None else float(a),
        )
        for i, (b, a) in enumerate(zip(pre, post, strict=True))
    )


def add_summary(measure, group, timepoint, mean, sd, n):
    SummaryStatistic.objects.create(
        measure=measure, group=group, timepoint=timepoint, mean=mean, sd=sd, n=n
    )


def borenstein(measure):
    add_summary(measure, Group.INTERVENTION, Timepoint.POST, 103, 5.5, 50)
    add_summary(measure, Group.COMPARISON, Timepoint.POST, 100, 4.5, 50)


def sample(seed, n, shift=0.0):
    rng = np.random.default_rng(seed)
    pre = rng.normal(100, 15, n).round(1)
    post = (pre * 0.8 + 25 + shift + rng.normal(0, 8, n)).round(1)
    return pre, post


def hedges(x, y):
    n1, n2 = len(x), len(y)
    s = math.sqrt(((n1 - 1) * np.var(x, ddof=1) + (n2 - 1) * np.var(y, ddof=1)) / (n1 + n2 - 2))
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    return j * (np.mean(x) - np.mean(y)) / s, s, j


# --- Summaries: the Borenstein worked example --------------------------------------------


def test_evaluation_from_summaries_gives_borenstein_g_and_seven_months():
    pilot = PilotFactory.create(
        design=Design.RANDOMISED, planned_intervention=50, planned_comparison=50
    )
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading", is_primary=True)
    borenstein(measure)

    result = pilot_evaluation(pilot)

    assert result is not None
    assert result.ready
    assert result.method == SUMMARY
    assert result.estimate == pytest.approx(0.5924, abs=1e-4)
    assert result.standard_error == pytest.approx(0.2028, abs=1e-4)
    assert result.ci_low == pytest.approx(0.1949, abs=1e-4)
    assert result.ci_high == pytest.approx(0.9900, abs=1e-4)
    assert result.months is not None
    assert result.months.months == 7
    assert result.difference == pytest.approx(3.0)
    assert result.attrition == 0.0
    # 100 pupils, no covariate: MDES 0.5659 (t multiplier, 98 df) → 1 padlock; no pre-test.
    assert result.mdes == pytest.approx(0.5659, abs=1e-4)
    assert result.padlocks == 0
    assert result.security is not None
    assert result.security.reasons == (
        "Pupils were randomly allocated to the two groups, so this design can earn all 5 padlocks.",
        (
            "The pilot was big enough to reliably detect an effect size of 0.57 or more, which "
            "allows up to 1 padlock."
        ),
        "0% of the pupils who started had no final result, which allows up to 5 padlocks.",
        "We do not know whether the groups were alike at the start, so one padlock is taken off.",
        "Overall: 0 padlocks out of 5.",
    )
    assert result.headline == (
        "Pupils in the pilot made about 7 months’ additional progress in reading compared "
        "with pupils who did not take part."
    )
    assert result.confidence == "We cannot be confident in this: 0 padlocks of 5."


def test_evaluation_from_summaries_lower_is_better_flips_the_sign():
    pilot = PilotFactory.create(planned_intervention=50, planned_comparison=50)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Anxiety", higher_is_better=False)
    borenstein(measure)  # the intervention group ends 3 points *higher*: worse

    result = measure_evaluation(measure)

    assert result.sign_flipped
    assert result.estimate == pytest.approx(-0.5924, abs=1e-4)
    assert result.ci_low == pytest.approx(-0.9900, abs=1e-4)
    assert result.ci_high == pytest.approx(-0.1949, abs=1e-4)
    assert result.months is not None
    assert result.months.months == -7
    assert result.difference == pytest.approx(3.0)  # raw difference keeps its sign
    assert result.headline == (
        "Pupils in the pilot made about 7 months’ less progress in anxiety compared with "
        "similar pupils who did not take part."
    )
    assert any("Lower scores are better" in caveat for caveat in result.caveats)


def test_evaluation_from_summaries_with_pre_test_rates_balance_and_attrition():
    pilot = PilotFactory.create(design=Design.MATCHED)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading")
    borenstein(measure)
    add_summary(measure, Group.INTERVENTION, Timepoint.PRE, 98, 5.0, 60)
    add_summary(measure, Group.COMPARISON, Timepoint.PRE, 97.5, 5.0, 50)

    result = measure_evaluation(measure)

    assert result.attrition == pytest.approx(10 / 110)
    assert result.baseline_difference == pytest.approx(0.1)
    assert result.security is not None
    assert result.security.baseline_penalty == 1
    assert result.groups[0].n_pre == 60
    assert result.groups[0].mean_pre == 98
    assert result.groups[1].sd_post == 4.5


# --- Pupil-level records --------------------------------------------------------------------


def test_evaluation_with_pre_and_post_matches_statsmodels_ancova():
    pilot = PilotFactory.create(design=Design.MATCHED)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading", is_primary=True)
    pre_i, post_i = sample(1, 40, shift=4)
    pre_c, post_c = sample(2, 45)
    add_records(measure, Group.INTERVENTION, pre_i, post_i)
    add_records(measure, Group.COMPARISON, pre_c, post_c)

    result = pilot_evaluation(pilot)

    fit = smf.ols(
        "post ~ group + pre",
        pd.DataFrame(
            {
                "post": np.concatenate((post_i, post_c)),
                "pre": np.concatenate((pre_i, pre_c)),
                "group": np.r_[np.ones(40), np.zeros(45)],
            }
        ),
    ).fit()
    _g, s_post, j = hedges(post_i, post_c)
    low, high = fit.conf_int().loc["group"]
    assert result is not None
    assert result.method == ANCOVA
    assert result.difference == pytest.approx(fit.params["group"])
    assert result.estimate == pytest.approx(j * fit.params["group"] / s_post)
    assert result.standard_error == pytest.approx(j * fit.bse["group"] / s_post)
    assert result.ci_low == pytest.approx(j * low / s_post)
    assert result.ci_high == pytest.approx(j * high / s_post)
    pooled_pre = math.sqrt((39 * np.var(pre_i, ddof=1) + 44 * np.var(pre_c, ddof=1)) / 83)
    assert result.baseline_difference == pytest.approx(
        (np.mean(pre_i) - np.mean(pre_c)) / pooled_pre
    )
    assert result.n_intervention == 40
    assert result.n_comparison == 45
    assert result.attrition == 0.0


def test_evaluation_with_post_only_matches_hedges_g():
    pilot = PilotFactory.create(design=Design.PREVIOUS_COHORT)
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    _pre_i, post_i = sample(3, 30, shift=3)
    _pre_c, post_c = sample(4, 30)
    add_records(measure, Group.INTERVENTION, [None] * 30, post_i)
    add_records(measure, Group.COMPARISON, [None] * 30, post_c)

    result = measure_evaluation(measure)

    g, _s, _j = hedges(post_i, post_c)
    assert result.method == POST_ONLY
    assert result.estimate == pytest.approx(g)
    assert result.baseline_difference is None
    assert result.security is not None
    assert result.security.design_ceiling == 2
    assert result.security.baseline_penalty == 1


def test_evaluation_counts_pupils_without_post_score_as_attrition():
    pilot = PilotFactory.create(design=Design.RANDOMISED)
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    pre_i, post_i = sample(5, 20, shift=2)
    pre_c, post_c = sample(6, 20)
    post_i = [*post_i[:17], None, None, None]
    add_records(measure, Group.INTERVENTION, pre_i, post_i)
    add_records(measure, Group.COMPARISON, pre_c, post_c)

    result = measure_evaluation(measure)

    assert result.attrition == pytest.approx(3 / 40)
    assert result.n_intervention == 17
    assert result.groups[0].n_post == 17


def test_evaluation_falls_back_to_post_only_when_every_pre_test_is_the_same():
    pilot = PilotFactory.create()
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    add_records(measure, Group.INTERVENTION, [5, 5, 5, 5], [7, 8, 9, 10])
    add_records(measure, Group.COMPARISON, [5, 5, 5, 5], [6, 7, 8, 7], start=10)

    result = measure_evaluation(measure)

    g, _s, _j = hedges([7, 8, 9, 10], [6, 7, 8, 7])
    assert result.method == POST_ONLY
    assert result.estimate == pytest.approx(g)
    assert (
        "The pre-test could not be allowed for: Every pupil has the same pre-test score, so "
        "there is nothing to adjust for; use the post-test only effect size instead."
    ) in result.caveats


def test_evaluation_of_attendance_gives_difference_in_differences():
    pilot = PilotFactory.create(design=Design.MATCHED)
    measure = OutcomeMeasureFactory.create(
        pilot=pilot, kind=MeasureKind.ATTENDANCE, name="Attendance"
    )
    pre_i = [90, 85, 92, 80]
    post_i = [92, 90, 93, 90]  # +2, +5, +1, +10
    pre_c = [91, 88, 95, 85, 90]
    post_c = [90, 89, 97, 82, 88]  # −1, +1, +2, −3, −2
    add_records(measure, Group.INTERVENTION, pre_i, post_i)
    add_records(measure, Group.COMPARISON, pre_c, post_c)

    result = measure_evaluation(measure)

    welch = stats.ttest_ind(np.subtract(post_i, pre_i), np.subtract(post_c, pre_c), equal_var=False)
    low, high = welch.confidence_interval()
    assert result.method == ATTENDANCE
    assert result.attendance is not None
    assert result.difference == pytest.approx(5.1)
    assert result.difference_ci_low == pytest.approx(low)
    assert result.difference_ci_high == pytest.approx(high)
    assert result.headline == (
        "The attendance of pupils in the pilot rose by 5.1 percentage points more than that "
        "of similar pupils who did not take part."
    )
    assert result.caveats[0].startswith("This assumes the two groups' attendance")
    assert result.estimate is not None  # the standardised (ANCOVA) effect beside it


def test_evaluation_of_single_group_is_not_an_impact_estimate():
    pilot = PilotFactory.create(design=Design.SINGLE_GROUP)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading")
    pre = [10, 12, 9, 14, 11]
    post = [13, 14, 12, 17, 12]
    add_records(measure, Group.INTERVENTION, pre, post)

    result = measure_evaluation(measure)

    assert result.method == SINGLE_GROUP
    assert not result.is_impact_estimate
    assert result.difference == pytest.approx(2.4)
    assert result.months is None
    assert result.padlocks == 0
    assert result.headline == (
        "Pupils in the pilot changed by +2.4 in reading from before to after. This is not "
        "an impact estimate: without a comparison group we cannot tell how much they would "
        "have changed anyway."
    )


# --- Not enough data yet ----------------------------------------------------------------------


def test_evaluation_without_a_measure_is_none():
    assert pilot_evaluation(PilotFactory.create()) is None


def test_evaluation_without_data_says_what_to_upload():
    measure = OutcomeMeasureFactory.create()

    result = measure_evaluation(measure)

    assert not result.ready
    assert result.headline == "There is not enough data yet to evaluate this pilot."
    assert result.missing == (
        "Upload the intervention group’s post-test scores.",
        "Upload the comparison group’s post-test scores.",
    )


def test_evaluation_without_comparison_posts_says_so():
    measure = OutcomeMeasureFactory.create()
    add_records(measure, Group.INTERVENTION, [1, 2, 3], [2, 3, 4])
    add_records(measure, Group.COMPARISON, [1], [2], start=10)

    assert measure_evaluation(measure).missing == (
        "The comparison group needs at least 2 pupils with a post-test score; it has 1.",
    )
    OutcomeRecord.objects.filter(group=Group.COMPARISON).update(post=None)
    assert measure_evaluation(measure).missing == (
        "Upload the comparison group’s post-test scores.",
    )


def test_evaluation_with_one_summary_says_which_is_missing():
    measure = OutcomeMeasureFactory.create()
    add_summary(measure, Group.INTERVENTION, Timepoint.POST, 103, 5.5, 50)

    assert measure_evaluation(measure).missing == (
        (
            "Enter the comparison group’s post-test mean, standard deviation and number of "
            "pupils, or upload its post-test scores."
        ),
    )


def test_evaluation_of_single_group_without_data_asks_for_both_scores():
    measure = OutcomeMeasureFactory.create(pilot__design=Design.SINGLE_GROUP)

    assert measure_evaluation(measure).missing == (
        "Upload the intervention group’s pre-test scores.",
        "Upload the intervention group’s post-test scores.",
    )


def test_evaluation_with_no_spread_reports_the_engine_message():
    measure = OutcomeMeasureFactory.create()
    add_records(measure, Group.INTERVENTION, [None] * 3, [5, 5, 5])
    add_records(measure, Group.COMPARISON, [None] * 3, [5, 5, 5], start=10)

    assert measure_evaluation(measure).missing == (
        (
            "Every pupil in both groups has the same score, so there is no spread to measure "
            "the difference against."
        ),
    )


# --- Padlocks for a known case ---------------------------------------------------------------


def test_evaluation_padlocks_and_reasons_for_a_known_case():
    # Matched, 100 + 100 pupils analysed (MDES 0.40 → 3), pre-test summaries show 20 more
    # at the start (20/220 = 9% attrition → 5) and a 0.02 SD baseline gap (no penalty).
    pilot = PilotFactory.create(design=Design.MATCHED)
    measure = OutcomeMeasureFactory.create(pilot=pilot, name="Reading", is_primary=True)
    add_summary(measure, Group.INTERVENTION, Timepoint.PRE, 100.1, 5, 110)
    add_summary(measure, Group.COMPARISON, Timepoint.PRE, 100, 5, 110)
    add_summary(measure, Group.INTERVENTION, Timepoint.POST, 106.25, 5, 100)
    add_summary(measure, Group.COMPARISON, Timepoint.POST, 105, 5, 100)

    result = pilot_evaluation(pilot)

    assert result is not None
    assert result.estimate == pytest.approx(0.25 * (1 - 3 / 791))
    assert result.months is not None
    assert result.months.months == 3
    assert result.padlocks == 3
    assert result.security is not None
    assert result.security.reasons == (
        "Pupils were not randomly allocated, so the most this design can earn is 3 padlocks.",
        (
            "The pilot was big enough to reliably detect an effect size of 0.40 or more, which "
            "allows up to 3 padlocks."
        ),
        "9% of the pupils who started had no final result, which allows up to 5 padlocks.",
        (
            "The groups were alike at the start (a difference of 0.02 standard deviations), so no "
            "padlock is taken off."
        ),
        "Overall: 3 padlocks out of 5.",
    )
    assert result.headline == (
        "Pupils in the pilot made about 3 months’ additional progress in reading compared "
        "with similar pupils who did not take part."
    )
    assert result.confidence == "We can be moderately confident in this: 3 padlocks of 5."


def test_evaluation_without_any_starting_numbers_is_not_rated():
    pilot = PilotFactory.create(planned_intervention=None, planned_comparison=None)
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    borenstein(measure)

    result = measure_evaluation(measure)

    assert result.ready
    assert result.security is None
    assert result.confidence == "We cannot rate how secure this is yet."
    assert result.security_missing.startswith("We do not know how many pupils started")


def test_evaluation_attrition_from_planned_numbers():
    pilot = PilotFactory.create(planned_intervention=60, planned_comparison=60)
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    borenstein(measure)

    assert measure_evaluation(measure).attrition == pytest.approx(20 / 120)


# --- Fidelity ---------------------------------------------------------------------------------


def test_evaluation_fidelity_from_the_log():
    pilot = PilotFactory.create()
    measure = OutcomeMeasureFactory.create(pilot=pilot)
    borenstein(measure)
    LogEntryFactory.create(pilot=pilot, sessions_planned=5, sessions_delivered=4)
    LogEntryFactory.create(
        pilot=pilot, sessions_planned=5, sessions_delivered=5, fidelity=Fidelity.MOSTLY
    )
    LogEntryFactory.create(
        pilot=pilot, sessions_planned=5, sessions_delivered=3, fidelity=Fidelity.AS_PLANNED
    )
    LogEntryFactory.create(pilot=pilot, sessions_planned=None, sessions_delivered=2, fidelity="")

    fidelity = measure_evaluation(measure).fidelity

    assert fidelity is not None
    assert fidelity.entries == 4
    assert (fidelity.sessions_planned, fidelity.sessions_delivered) == (15, 12)
    assert fidelity.delivered_share == pytest.approx(0.8)
    assert (fidelity.rated_entries, fidelity.as_planned_entries) == (3, 2)
    assert fidelity.sentences == (
        "12 of 15 planned sessions were delivered (80%).",
        "2 of 3 log entries say the sessions went as planned (67%).",
    )


def test_evaluation_fidelity_without_a_log():
    measure = OutcomeMeasureFactory.create()

    fidelity = measure_evaluation(measure).fidelity

    assert fidelity is not None
    assert fidelity.entries == 0
    assert fidelity.sentences == (
        (
            "No implementation log yet: record each session in the pilot’s log to show how fully "
            "and faithfully the pilot was delivered."
        ),
    )


# --- Queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pupils", [3, 30])
def test_evaluation_query_count_does_not_grow_with_pupils(django_assert_num_queries, pupils):
    pilot = PilotFactory.create()
    measure = OutcomeMeasureFactory.create(pilot=pilot, is_primary=True)
    pre_i, post_i = sample(7, pupils, shift=2)
    pre_c, post_c = sample(8, pupils)
    add_records(measure, Group.INTERVENTION, pre_i, post_i)
    add_records(measure, Group.COMPARISON, pre_c, post_c)
    for _ in range(3):
        LogEntryFactory.create(pilot=pilot)

    # The measures, the log, the records.
    with django_assert_num_queries(3):
        result = pilot_evaluation(pilot)

    assert result is not None
    assert result.ready
