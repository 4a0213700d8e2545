"""Signposts to the Hub: interventions, the thematic review and case studies per domain."""

import datetime
from typing import Any

import pytest
from wagtail.models import Page

from reconnect.hub.models import Theme, Visibility
from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    InterventionPageFactory,
    ThematicReviewPageFactory,
    ThemeFactory,
)
from reconnect.selfeval.models import Domain
from reconnect.selfeval.selectors.reviews import reviews_of_my_schools
from reconnect.selfeval.selectors.signposts import (
    signposts_for_domain,
    signposts_for_priorities,
)
from reconnect.selfeval.tests.factories import (
    DEFAULT_DOMAINS,
    published_framework,
    submitted_review,
)
from reconnect.selfeval.tests.test_signposts_peers import peer

pytestmark = pytest.mark.django_db

BELONGING = ["engagement", "isolation-and-belonging"]


def titles(pages: list[Any]) -> list[str]:
    return [page.title for page in pages]


def published_on(page: Any, day: int) -> Any:
    Page.objects.filter(pk=page.pk).update(
        first_published_at=datetime.datetime(2025, 1, day, tzinfo=datetime.UTC)
    )
    return page


def framework_with_themes(**kwargs: Any) -> Any:
    """``published_framework()`` with its domains' themes saved to the database.

    The factory calls ``domain.themes.set()`` without saving the domain, and a
    ParentalManyToManyField keeps what is set in memory until the domain is saved.
    """
    version = published_framework(**kwargs)
    slugs = dict(DEFAULT_DOMAINS)
    for each in version.domains.all():
        each.themes.set(Theme.objects.filter(slug__in=slugs[each.code]))
        each.save()
    return version


@pytest.fixture
def review(school_a):
    return submitted_review(school_a, framework_with_themes())


def domain(review: Any, code: str) -> Domain:
    return review.version.domains.get(code=code)


def test_interventions_are_the_domain_themes_ranked_by_impact_evidence_cost_each_once(
    review, head_at_school_a
):
    InterventionPageFactory(title="Both themes", themes=BELONGING, impact_months=5)
    InterventionPageFactory(
        title="Better evidence", themes=["engagement"], impact_months=5, evidence_rating=4
    )
    InterventionPageFactory(
        title="Cheaper",
        themes=["isolation-and-belonging"],
        impact_months=5,
        evidence_rating=4,
        cost_rating=1,
    )
    InterventionPageFactory(title="Not estimated", themes=["engagement"], impact_months=None)
    InterventionPageFactory(
        title="Members only",
        themes=["engagement"],
        impact_months=2,
        visibility=Visibility.MEMBERS,
    )
    InterventionPageFactory(title="Draft", themes=["engagement"], impact_months=12, live=False)
    InterventionPageFactory(title="Attendance only", themes=["attendance"], impact_months=12)

    [summary] = signposts_for_priorities(
        user=head_at_school_a, review=review, domains=[domain(review, "belonging")]
    )
    detail = signposts_for_domain(
        user=head_at_school_a, review=review, domain=domain(review, "belonging")
    )

    assert titles(summary.interventions.items) == ["Cheaper", "Better evidence", "Both themes"]
    assert summary.interventions.has_more is True
    assert titles(detail.interventions.items) == [
        "Cheaper",
        "Better evidence",
        "Both themes",
        "Members only",
        "Not estimated",
    ]
    assert detail.interventions.has_more is False


def test_a_domain_top_interventions_may_all_come_from_one_of_its_themes(review, head_at_school_a):
    for months in (1, 2, 3, 4, 5):
        InterventionPageFactory(
            title=f"Engagement {months}", themes=["engagement"], impact_months=months
        )
    InterventionPageFactory(
        title="Belonging 6", themes=["isolation-and-belonging"], impact_months=6
    )

    [summary] = signposts_for_priorities(
        user=head_at_school_a, review=review, domains=[domain(review, "belonging")], limit=4
    )

    assert titles(summary.interventions.items) == [
        "Belonging 6",
        "Engagement 5",
        "Engagement 4",
        "Engagement 3",
    ]
    assert summary.interventions.has_more is True


def test_exactly_the_limit_has_no_more(review, head_at_school_a):
    for months in (1, 2, 3):
        InterventionPageFactory(
            title=f"Attendance {months}", themes=["attendance"], impact_months=months
        )

    [summary] = signposts_for_priorities(
        user=head_at_school_a, review=review, domains=[domain(review, "attendance")]
    )

    assert titles(summary.interventions.items) == ["Attendance 3", "Attendance 2", "Attendance 1"]
    assert summary.interventions.has_more is False


def test_the_thematic_review_is_the_newest_of_the_domain_themes(review, head_at_school_a):
    published_on(ThematicReviewPageFactory(title="Older", theme=ThemeFactory(slug="engagement")), 1)
    published_on(
        ThematicReviewPageFactory(
            title="Newer", theme=ThemeFactory(slug="isolation-and-belonging")
        ),
        2,
    )
    published_on(
        ThematicReviewPageFactory(title="Attendance review", theme=ThemeFactory(slug="attendance")),
        3,
    )
    ThematicReviewPageFactory(
        title="Unpublished", theme=ThemeFactory(slug="engagement"), live=False
    )

    signposts = signposts_for_priorities(
        user=head_at_school_a,
        review=review,
        domains=[domain(review, "belonging"), domain(review, "transition")],
    )

    assert [s.review.title if s.review else None for s in signposts] == ["Newer", None]


def test_case_studies_are_the_newest_two_of_the_domain_themes(review, head_at_school_a):
    for day, title in enumerate(["First", "Second", "Third"], start=1):
        published_on(CaseStudyPageFactory(title=title, themes=["engagement"]), day)
    published_on(CaseStudyPageFactory(title="Both", themes=BELONGING), 4)
    published_on(CaseStudyPageFactory(title="Transition story", themes=["transition"]), 5)

    belonging, transition = signposts_for_priorities(
        user=head_at_school_a,
        review=review,
        domains=[domain(review, "belonging"), domain(review, "transition")],
    )
    detail = signposts_for_domain(
        user=head_at_school_a, review=review, domain=domain(review, "belonging")
    )

    assert (titles(belonging.case_studies.items), belonging.case_studies.has_more) == (
        ["Both", "Third"],
        True,
    )
    assert (titles(transition.case_studies.items), transition.case_studies.has_more) == (
        ["Transition story"],
        False,
    )
    assert titles(detail.case_studies.items) == ["Both", "Third", "Second", "First"]


def test_a_domain_without_themes_signposts_no_hub_content(review, head_at_school_a):
    transition = domain(review, "transition")
    transition.themes.clear()
    transition.save()
    InterventionPageFactory(themes=["transition"])

    [signposts] = signposts_for_priorities(
        user=head_at_school_a, review=review, domains=[transition]
    )

    assert (signposts.has_themes, signposts.interventions.items, signposts.review) == (
        False,
        [],
        None,
    )


def test_no_domains_no_queries(review, head_at_school_a, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert signposts_for_priorities(user=head_at_school_a, review=review, domains=[]) == []


def test_the_query_count_is_the_same_for_one_domain_and_for_three(
    review, head_at_school_a, django_assert_num_queries
):
    version = review.version
    for theme in ("attendance", "engagement", "transition"):
        InterventionPageFactory(themes=[theme])
        CaseStudyPageFactory(themes=[theme])
        ThematicReviewPageFactory(theme=ThemeFactory(slug=theme))
    peer("Peer Primary", version, fsm="25.0")
    domains = list(version.domains.order_by("sort_order"))
    # As the report page has it: fetched through the reader's selector.
    review = reviews_of_my_schools(head_at_school_a).get(pk=review.pk)

    # Domain themes; interventions and case studies (ranked pairs, then the pages shown);
    # reviews; peers: the benchmark's time (their cache key), strong schools, the phase's
    # figures, the schools and their contacts. The second call finds attendance's peers
    # cached, but ranks the two other domains: the same queries.
    with django_assert_num_queries(11):
        one = signposts_for_priorities(user=head_at_school_a, review=review, domains=domains[:1])
    with django_assert_num_queries(11):
        three = signposts_for_priorities(user=head_at_school_a, review=review, domains=domains)

    assert [len(s.interventions.items) for s in one] == [1]
    assert [
        (len(s.interventions.items), len(s.case_studies.items), bool(s.review), len(s.peers.items))
        for s in three
    ] == [(1, 1, True, 1), (1, 1, True, 1), (1, 1, True, 0)]
