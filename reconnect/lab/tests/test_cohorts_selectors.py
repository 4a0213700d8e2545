"""Lab cohorts' reads: the self-evaluation strengths the builder is given, and a trio's
reasons in words."""

from __future__ import annotations

import pytest

from reconnect.hub.tests.factories import ThemeFactory
from reconnect.lab.selectors import cohorts as selectors
from reconnect.lab.services import cohorts as services
from reconnect.lab.tests.factories import ApplicationFactory, LabCohortFactory, PilotFactory
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.selfeval.tests.factories import published_framework, submitted_review

pytestmark = pytest.mark.django_db


def test_a_stronger_school_in_the_domain_leads_the_trio(coordinator):
    """Three Hackney schools on attendance: 6 + 3 a pair, 27, and 4 for the lead: 31."""
    version = published_framework()
    theme = ThemeFactory.create(slug="attendance", name="Attendance")
    cohort = LabCohortFactory.create()
    schools = [
        SchoolFactory.create(name=name, local_authority__code=204)
        for name in ("Strong School", "Starting School", "New School")
    ]
    submitted_review(schools[0], version, default=4)
    submitted_review(schools[1], version, default=1)
    for school in schools:
        ApplicationFactory.create(
            cohort=cohort, pilot=PilotFactory.create(school=school, theme=theme)
        )

    (trio,) = services.trios_propose(cohort=cohort, user=coordinator) or []

    assert trio.score == 31
    assert trio.reasons["lead"] == {
        "school": schools[0].pk,
        "helps": schools[1].pk,
        "domain": "attendance",
        "score": 4.0,
        "helped_score": 1.0,
    }
    (view,) = selectors.cohort_workspace(cohort).trios
    assert (
        view.reasons[-1] == "Strong School is stronger in Attendance: 4 against Starting School’s 1"
    )


def test_reasons_in_words_name_every_kind_of_reason():
    reasons = {
        "pairs": [
            {
                "first": 1,
                "second": 2,
                "score": 11,
                "shared_challenges": ["attendance", "send"],
                "related_challenge": False,
                "same_intervention": True,
                "related_intervention": False,
                "travel": "neighbouring boroughs",
            },
            {
                "first": 1,
                "second": 3,
                "score": 4,
                "shared_challenges": [],
                "related_challenge": True,
                "same_intervention": False,
                "related_intervention": True,
                "travel": "far",
            },
        ],
        "lead": None,
    }

    words = selectors.reasons_in_words(
        reasons, {1: "Ash", 2: "Beech", 3: "Cedar"}, {"attendance": "Attendance", "send": "SEND"}
    )

    assert words == [
        (
            "Ash and Beech: shared challenge: Attendance, SEND; same intervention; "
            "neighbouring boroughs"
        ),
        "Ash and Cedar: related challenges; related interventions; further apart",
    ]
