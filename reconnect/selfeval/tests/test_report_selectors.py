"""report_for: known answers worked by hand from the levels each school gave.

School A answers attendance 2,2,3,2 (2.25), belonging 3,3,4,4 (3.5) and transition
1,2,2,2 (1.75): overall (2.25 + 3.5 + 1.75) / 3 = 2.5. Four other primary schools answer
every statement 2, 2, 3 and 3, so with school A the network's attendance scores are
2, 2, 2.25, 3, 3: type-7 quartiles 2, 2.25, 3.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from reconnect.schools.tests.factories import SchoolFactory
from reconnect.selfeval.analysis.benchmark import Position
from reconnect.selfeval.models import DomainBenchmark, Level
from reconnect.selfeval.selectors.reports import level_words, nearest_level, report_for
from reconnect.selfeval.tests.factories import published_framework, submitted_review

pytestmark = pytest.mark.django_db

SCHOOL_A_LEVELS = {
    "attendance": [2, 2, 3, 2],
    "belonging": [3, 3, 4, 4],
    "transition": [1, 2, 2, 2],
}


def _network(version, defaults=(2, 2, 3, 3)):
    for default in defaults:
        submitted_review(SchoolFactory(), version, default=default)


def _figures(benchmark):
    spread = benchmark.spread
    if spread is None:
        return None
    return (spread.schools, spread.lower_quartile, spread.median, spread.upper_quartile)


def test_report_scores_benchmarks_and_positions(school_a, head_at_school_a):
    version = published_framework()
    _network(version)
    review = submitted_review(school_a, version, levels=SCHOOL_A_LEVELS, user=head_at_school_a)

    report = report_for(review)

    rows = {row.domain.code: row for row in report.domains}
    assert [row.domain.code for row in report.domains] == ["attendance", "belonging", "transition"]
    assert [row.score for row in report.domains] == [2.25, 3.5, 1.75]
    assert _figures(rows["attendance"].benchmark) == (5, 2.0, 2.25, 3.0)
    assert _figures(rows["belonging"].benchmark) == (5, 2.0, 3.0, 3.0)
    assert _figures(rows["transition"].benchmark) == (5, 2.0, 2.0, 3.0)
    assert [row.position for row in report.domains] == [
        Position.WITHIN,
        Position.ABOVE,
        Position.BELOW,
    ]
    assert [row.level_words for row in report.domains] == [
        "between Emerging and Established",
        "between Established and Embedded",
        "between Not yet and Emerging",
    ]
    assert (report.overall.score, _figures(report.overall.benchmark)) == (2.5, (5, 2.0, 2.5, 3.0))
    assert report.overall.position == Position.WITHIN
    assert [d.code for d in report.strengths] == ["belonging"]
    assert [d.code for d in report.priorities] == ["transition", "attendance"]
    assert [row.domain.code for row in report.priority_rows] == ["transition", "attendance"]
    assert (report.previous, report.phase, report.phase_label) == (None, "primary", "Primary")


def test_without_a_previous_review_no_change_is_shown(school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), levels=SCHOOL_A_LEVELS)

    report = report_for(review)

    assert [row.change for row in report.domains] == [None, None, None]
    assert report.overall.change is None


def test_change_since_the_previous_review(school_a, head_at_school_a):
    version = published_framework()
    submitted_review(
        school_a,
        version,
        levels={"attendance": [1, 1, 1, 1], "belonging": [3, 3, 3, 3]},
        default=3,
        submitted_at=timezone.now() - timedelta(days=365),
        title="Last year",
    )
    review = submitted_review(school_a, version, levels=SCHOOL_A_LEVELS)

    report = report_for(review)

    assert report.previous is not None
    assert report.previous.title == "Last year"
    assert [row.previous_score for row in report.domains] == [1.0, 3.0, 3.0]
    assert [row.change for row in report.domains] == [1.25, 0.5, -1.25]
    assert report.overall.change == pytest.approx(2.5 - 7 / 3)


def test_the_previous_review_is_the_one_before_this_one_not_the_latest(school_a):
    version = published_framework()
    first = submitted_review(
        school_a, version, default=1, submitted_at=timezone.now() - timedelta(days=400)
    )
    second = submitted_review(
        school_a, version, default=2, submitted_at=timezone.now() - timedelta(days=200)
    )
    submitted_review(school_a, version, default=4)

    assert report_for(second).previous == first
    assert report_for(first).previous is None


def test_a_domain_new_in_a_later_version_has_no_change(school_a):
    first = published_framework()
    submitted_review(school_a, first, default=2, submitted_at=timezone.now() - timedelta(days=365))
    second = published_framework(
        framework=first.framework,
        domains=[("attendance", []), ("families", []), ("belonging", []), ("transition", [])],
    )
    review = submitted_review(school_a, second, default=3)

    report = report_for(review)

    assert [(row.domain.code, row.change) for row in report.domains] == [
        ("attendance", 1.0),
        ("families", None),
        ("belonging", 1.0),
        ("transition", 1.0),
    ]


def test_a_benchmark_of_four_schools_is_suppressed_and_of_five_is_shown(school_a):
    version = published_framework()
    _network(version, defaults=(2, 2, 3))
    review = submitted_review(school_a, version, levels=SCHOOL_A_LEVELS)

    four = report_for(review)
    _network(version, defaults=(3,))
    five = report_for(review)

    assert [(row.benchmark.schools, row.benchmark.suppressed) for row in four.domains] == [
        (4, True),
        (4, True),
        (4, True),
    ]
    assert [row.position for row in four.domains] == [None, None, None]
    assert (four.overall.benchmark.schools, four.overall.benchmark.suppressed) == (4, True)
    assert [(row.benchmark.schools, row.benchmark.suppressed) for row in five.domains] == [
        (5, False),
        (5, False),
        (5, False),
    ]


def test_another_phase_is_not_the_benchmark(school_a, school_b):
    version = published_framework()
    for _ in range(5):
        submitted_review(SchoolFactory(phase="secondary"), version, default=4)
    review = submitted_review(school_a, version, default=2)

    report = report_for(review)

    assert [row.benchmark.schools for row in report.domains] == [1, 1, 1]
    assert all(row.benchmark.suppressed for row in report.domains)


def test_the_appendix_has_every_statement_with_its_answer(school_a, head_at_school_a):
    review = submitted_review(
        school_a, published_framework(), levels=SCHOOL_A_LEVELS, user=head_at_school_a
    )

    report = report_for(review)

    attendance = report.domains[0].statements
    assert [item.statement.code for item in attendance] == [
        "attendance-1",
        "attendance-2",
        "attendance-3",
        "attendance-4",
    ]
    assert [item.level for item in attendance] == [2, 2, 3, 2]
    assert {item.answer.updated_by for item in attendance if item.answer} == {head_at_school_a}


@pytest.mark.parametrize("domains", [3, 6])
def test_report_for_reads_in_a_constant_number_of_queries(
    school_a, django_assert_num_queries, domains
):
    codes = ["attendance", "belonging", "transition", "families", "send", "staff"][:domains]
    version = published_framework(domains=[(code, []) for code in codes])
    submitted_review(school_a, version, default=2, submitted_at=timezone.now() - timedelta(1))
    review = submitted_review(school_a, version, default=3)
    review.school  # noqa: B018 (loaded by the caller's selector)

    with django_assert_num_queries(7):
        report = report_for(review)

    assert len(report.domains) == domains


@pytest.mark.parametrize(
    ("score", "words", "level"),
    [
        (1.0, "Not yet", Level.NOT_YET),
        (2.0, "Emerging", Level.EMERGING),
        (2.04, "Emerging", Level.EMERGING),
        (2.3, "between Emerging and Established", Level.EMERGING),
        (2.5, "between Emerging and Established", Level.EMERGING),
        (2.75, "between Emerging and Established", Level.ESTABLISHED),
        (3.96, "Embedded", Level.EMBEDDED),
        (4.0, "Embedded", Level.EMBEDDED),
    ],
)
def test_level_words_and_nearest_level(score, words, level):
    assert (level_words(score), nearest_level(score)) == (words, level)


@pytest.mark.parametrize("domains", [3, 6])
def test_report_for_without_statements_reads_neither_statements_nor_answers(
    school_a, django_assert_num_queries, domains
):
    codes = ["attendance", "belonging", "transition", "families", "send", "staff"][:domains]
    version = published_framework(domains=[(code, []) for code in codes])
    review = submitted_review(school_a, version, default=3)
    review.school  # noqa: B018 (loaded by the caller's selector)

    # Domains, scores, the previous review (none), benchmarks: no statements, no answers.
    with django_assert_num_queries(4):
        report = report_for(review, statements=False)

    assert [row.statements for row in report.domains] == [[]] * domains
    assert [row.score for row in report.domains] == [3.0] * domains


def test_the_report_knows_when_its_benchmark_was_computed(school_a):
    version = published_framework()
    review = submitted_review(school_a, version, default=3)
    computed = set(DomainBenchmark.objects.values_list("computed_at", flat=True))

    report = report_for(review)

    assert report.benchmarked_at == max(computed)
