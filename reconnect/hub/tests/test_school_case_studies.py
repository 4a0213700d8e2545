"""A school's profile lists its case studies in the Hub, only where the school agreed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import CaseStudyPageFactory
from reconnect.schools.tests.html import soup


def _listed(response) -> list[str]:
    listing = soup(response).select_one("#school-case-studies")
    return [] if listing is None else [a.get_text(strip=True) for a in listing.select("a")]


def test_school_profile_lists_case_studies_the_school_agreed_to_be_named_in(
    client, staff_at_school_a, school_a, school_b
):
    CaseStudyPageFactory(title="Breakfast club", school=school_a, school_consent=True)
    CaseStudyPageFactory(title="Anonymous story", school=school_a, school_consent=False)
    CaseStudyPageFactory(
        title="Members' story",
        school=school_a,
        school_consent=True,
        visibility=Visibility.MEMBERS,
    )
    CaseStudyPageFactory(title="Another school", school=school_b, school_consent=True)
    client.force_login(staff_at_school_a)

    response = client.get(reverse("schools:detail", args=[school_a.urn]))

    assert _listed(response) == ["Members' story", "Breakfast club"]


def test_school_profile_without_case_studies_has_no_section(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)

    response = client.get(reverse("schools:detail", args=[school_a.urn]))

    assert _listed(response) == []
    assert "Case studies from this school" not in response.content.decode()


def test_school_profile_case_studies_cost_the_same_queries_for_one_or_three(
    client, staff_at_school_a, school_a
):
    client.force_login(staff_at_school_a)
    url = reverse("schools:detail", args=[school_a.urn])
    CaseStudyPageFactory(school=school_a, school_consent=True)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    CaseStudyPageFactory(school=school_a, school_consent=True)
    CaseStudyPageFactory(school=school_a, school_consent=True)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(_listed(response)) == 3
    assert len(three) == len(one)
