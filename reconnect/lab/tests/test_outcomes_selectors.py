"""What the evaluation reads of a measure's outcome data (``selectors.outcomes``)."""

import numpy as np

from reconnect.lab.selectors.outcomes import SummaryFigures, outcome_data
from reconnect.lab.tests.factories import (
    OutcomeMeasureFactory,
    OutcomeRecordFactory,
    SummaryStatisticFactory,
)


def test_records_give_aligned_scores_of_pupils_with_a_post_score(db, django_assert_num_queries):
    measure = OutcomeMeasureFactory.create()
    OutcomeRecordFactory.create(measure=measure, group="intervention", pre=40, post=50)
    OutcomeRecordFactory.create(measure=measure, group="intervention", pre=None, post=55)
    OutcomeRecordFactory.create(measure=measure, group="intervention", pre=42, post=None)
    OutcomeRecordFactory.create(measure=measure, group="comparison", pre=41, post=44)
    SummaryStatisticFactory.create(measure=measure)

    with django_assert_num_queries(1):
        data = outcome_data(measure)

    assert data.source == "records"
    assert data.summaries == {}
    np.testing.assert_array_equal(data.intervention.post, [50.0, 55.0])
    np.testing.assert_array_equal(data.intervention.pre, [40.0, np.nan])
    np.testing.assert_array_equal(data.comparison.post, [44.0])
    assert (data.intervention.allocated, data.intervention.analysed) == (3, 2)
    assert data.intervention.missing_post == 1
    assert data.intervention.with_pre == 1
    assert data.intervention.attrition == 1 / 3
    assert data.comparison.attrition == 0.0
    assert data.allocated == 4
    assert data.attrition == 0.25
    pre, post = data.intervention.pairs()
    np.testing.assert_array_equal(pre, [40.0])
    np.testing.assert_array_equal(post, [50.0])


def test_summaries_are_used_when_there_are_no_records(db, django_assert_num_queries):
    measure = OutcomeMeasureFactory.create()
    SummaryStatisticFactory.create(measure=measure, group="intervention", mean=52, sd=10, n=30)
    SummaryStatisticFactory.create(measure=measure, group="comparison", mean=48, sd=11, n=29)

    with django_assert_num_queries(2):
        data = outcome_data(measure)

    assert data.source == "summaries"
    assert data.summary("intervention", "post") == SummaryFigures(mean=52.0, sd=10.0, n=30)
    assert data.summary("comparison", "post") == SummaryFigures(mean=48.0, sd=11.0, n=29)
    assert data.summary("comparison", "pre") is None
    assert data.intervention.analysed == 0
    assert data.attrition is None


def test_a_measure_without_data_says_so(db):
    data = outcome_data(OutcomeMeasureFactory.create())

    assert data.source == "none"
    assert (data.allocated, data.attrition, data.summaries) == (0, None, {})
    assert data.intervention.post.shape == (0,)
