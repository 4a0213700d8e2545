"""The signposts page of one domain, and the report's "What to do next" summary."""

from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    InterventionPageFactory,
    ThematicReviewPageFactory,
    ThemeFactory,
)
from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import Statement
from reconnect.selfeval.selectors.signposts import signposts_for_priorities
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    open_review,
    submitted_review,
)
from reconnect.selfeval.tests.test_signposts_hub import framework_with_themes
from reconnect.selfeval.tests.test_signposts_peers import peer

pytestmark = pytest.mark.django_db

LEVELS = {"attendance": [3, 1, 2, 4], "belonging": [3, 3, 3, 3], "transition": [2, 2, 2, 2]}


@pytest.fixture
def version(db):
    return framework_with_themes()


@pytest.fixture
def review(school_a, head_at_school_a, version):
    return submitted_review(school_a, version, levels=LEVELS, user=head_at_school_a)


def url(review: Any, code: str = "attendance") -> str:
    return reverse("selfeval:signpost-detail", args=[review.pk, code])


def items(page: Any, section: str) -> list[str]:
    """The texts of the items of one section of the page, in order."""
    return [
        text(item.select_one("h3"))
        for item in page.select(f"section[aria-labelledby={section}-heading] .rc-signposts__item")
    ]


def one(page: Any, selector: str) -> Tag:
    found = page.select_one(selector)
    assert isinstance(found, Tag), f"no {selector}"
    return found


def flat(element: Any) -> str:
    """The element's text as a reader sees it (``text`` puts a space between elements)."""
    return " ".join(element.get_text().split())


def add_links(page: Any) -> list[Any]:
    return page.select("section[aria-labelledby=interventions-heading] .rc-no-print a")


def test_the_page_shows_the_school_standing_then_everything_to_try_read_and_ask(
    client, head_at_school_a, review, version
):
    low = InterventionPageFactory(title="Low impact", themes=["attendance"], impact_months=1)
    high = InterventionPageFactory(
        title="High impact", themes=["attendance"], impact_months=6, cost_rating=1
    )
    ThematicReviewPageFactory(title="Attendance review", theme=ThemeFactory(slug="attendance"))
    CaseStudyPageFactory(title="Our attendance story", themes=["attendance"])
    near = peer("Near Primary", version, fsm="25.0", contact="Pat Near")
    client.force_login(head_at_school_a)

    response = client.get(url(review))

    assert response.status_code == 200
    page = soup(response)
    assert text(page.h1) == "Attendance"
    assert text(page.select_one(".govuk-body-l")) == (
        "You rated this domain 2.5 out of 4: between Emerging and Established."
    )
    statements = Statement.objects.filter(domain__version=version, domain__code="attendance")
    by_code = {s.code: s.text for s in statements}
    assert items(page, "standing") == [
        by_code["attendance-2"],
        by_code["attendance-3"],
        by_code["attendance-1"],
        by_code["attendance-4"],
    ]
    standing = [text(item) for item in page.select("section[aria-labelledby=standing-heading] li")]
    assert standing[0] == (
        f"{by_code['attendance-2']} Your rating: Not yet "
        "Emerging looks like: Something has started."
    )
    assert standing[3] == (
        f"{by_code['attendance-4']} Your rating: Embedded "
        "The highest level: keep checking its impact."
    )
    assert items(page, "interventions") == ["High impact", "Low impact"]
    first = one(page, "section[aria-labelledby=interventions-heading] .rc-signposts__item")
    assert text(first.select_one(".rc-signposts__measures")) == (
        "+6 months · High impact Very low cost (under £80 per pupil a year) "
        "Moderate evidence (3 out of 5 padlocks)"
    )
    plan = reverse("selfeval:action-plan", args=[review.pk])
    assert [a["href"] for a in add_links(page)] == [
        f"{plan}?domain=attendance&intervention={high.pk}#add-action",
        f"{plan}?domain=attendance&intervention={low.pk}#add-action",
    ]
    reading = text(page.select_one("section[aria-labelledby=reading-heading]"))
    assert "Attendance review" in reading
    assert "Our attendance story" in reading
    assert items(page, "peers") == ["Near Primary"]
    peer_item = one(page, "section[aria-labelledby=peers-heading] .rc-signposts__item")
    assert [flat(li) for li in peer_item.select(":scope > ul:last-of-type > li")] == [
        "Pat Near, Deputy head"
    ]
    assert text(peer_item) == (
        f"Near Primary {near.local_authority.name} Like your school on: "
        "% FSM 24.5% here, 25.0% there Happy to be contacted: Pat Near , Deputy head"
    )
    contact = peer_item.find("a", string="Pat Near")
    assert isinstance(contact, Tag)
    assert contact["href"] == reverse(
        "schools:member-detail", args=[near.memberships.get(user__last_name="Near").user_id]
    )
    themes = page.select("section[aria-labelledby=themes-heading] li a")
    assert [(text(a), a["href"]) for a in themes] == [
        ("Attendance: everything in the Hub", reverse("hub:theme-detail", args=["attendance"])),
        (
            "Members who work on Attendance and are open to contact",
            reverse("schools:member-directory") + "?theme=attendance&open=on",
        ),
    ]


def test_staff_who_cannot_plan_actions_read_the_page_without_the_add_links(
    client, staff_at_school_a, review
):
    InterventionPageFactory(title="Tutoring", themes=["attendance"])
    client.force_login(staff_at_school_a)

    response = client.get(url(review))

    assert response.status_code == 200
    assert items(soup(response), "interventions") == ["Tutoring"]
    assert b"Add to our action plan" not in response.content
    assert b"Plan an action for" not in response.content


def test_a_contributor_may_add_an_intervention_to_the_plan(client, staff_at_school_a, review):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    InterventionPageFactory(title="Tutoring", themes=["attendance"])
    client.force_login(staff_at_school_a)

    response = client.get(url(review))

    assert [flat(a) for a in add_links(soup(response))] == ["Add to our action plan: Tutoring"]


def test_empty_sections_say_where_else_to_look(client, head_at_school_a, review):
    client.force_login(head_at_school_a)

    response = client.get(url(review, "transition"))

    page = soup(response)
    assert text(page.select_one("section[aria-labelledby=interventions-heading] p")) == (
        "No intervention in the Knowledge Hub is tagged with this domain’s themes yet. "
        "Browse the interventions explorer"
    )
    assert text(page.select_one("section[aria-labelledby=peers-heading] p + p")) == (
        "No school like yours rates itself Established or Embedded in this domain "
        "and has someone open to contact yet."
    )
    assert "No thematic review covers this domain’s themes yet." in text(page)
    assert "No case study covers this domain’s themes yet." in text(page)


def test_another_school_gets_a_404(client, head_at_school_b, review):
    client.force_login(head_at_school_b)

    assert client.get(url(review)).status_code == 404


def test_an_unknown_domain_is_a_404(client, head_at_school_a, review):
    client.force_login(head_at_school_a)

    assert client.get(url(review, "no-such-domain")).status_code == 404


def test_a_review_in_progress_has_no_signposts(client, school_a, head_at_school_a, version):
    review = open_review(school_a, version, user=head_at_school_a)
    client.force_login(head_at_school_a)

    assert client.get(url(review)).status_code == 404


def test_an_id_beyond_the_database_range_is_a_404(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(f"/self-evaluation/reviews/{2**63}/signposts/attendance/")

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, review):
    response = client.get(url(review))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_post_is_not_allowed(client, head_at_school_a, review):
    client.force_login(head_at_school_a)

    assert client.post(url(review)).status_code == 405


def test_the_page_makes_as_many_queries_for_three_items_as_for_one(
    client, head_at_school_a, review, version, django_assert_max_num_queries
):
    InterventionPageFactory(themes=["attendance"])
    CaseStudyPageFactory(themes=["attendance"])
    peer("One", version, fsm="25.0")
    client.force_login(head_at_school_a)
    client.get(url(review))  # warm the site-root cache Wagtail keeps for page URLs

    with django_assert_max_num_queries(100) as one:
        client.get(url(review))
    for index in range(2):
        InterventionPageFactory(themes=["attendance"])
        CaseStudyPageFactory(themes=["attendance"])
        peer(f"Also {index}", version, fsm=f"2{6 + index}.0")
    # The new peers' submissions made a new benchmark, so the peers are ranked anew: rank
    # them once, so that both counts are of a page whose peers are cached.
    client.get(url(review))
    with django_assert_max_num_queries(100) as three:
        response = client.get(url(review))

    assert len(items(soup(response), "interventions")) == 3
    assert len(items(soup(response), "peers")) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


# --- The report's summary (the include the report page renders) ------------------------


def render_summary(user: Any, review: Any, codes: list[str]) -> Any:
    domains = [review.version.domains.get(code=code) for code in codes]
    request = RequestFactory().get("/")
    request.user = user
    signposts = signposts_for_priorities(user=user, review=review, domains=domains)
    html = render_to_string(
        "selfeval/includes/signposts_summary.html", {"signposts": signposts}, request=request
    )
    return BeautifulSoup(html, "html.parser")


def test_the_summary_shows_three_interventions_the_review_two_case_studies_and_three_peers(
    head_at_school_a, review, version
):
    for months in (1, 2, 3, 4):
        InterventionPageFactory(title=f"Plus {months}", themes=["attendance"], impact_months=months)
    ThematicReviewPageFactory(title="Attendance review", theme=ThemeFactory(slug="attendance"))
    for title in ("Story one", "Story two", "Story three"):
        CaseStudyPageFactory(title=title, themes=["attendance"])
    for index, fsm in enumerate(["25.0", "26.0", "27.0", "28.0"]):
        peer(f"Peer {index}", version, fsm=fsm)

    page = render_summary(head_at_school_a, review, ["attendance"])

    section = page.select_one("section.rc-signposts")
    assert text(section.h3) == "Attendance"
    interventions, peers = section.select(".rc-signposts__list")
    assert [text(li.select_one("a")) for li in interventions.select("li.rc-signposts__item")] == [
        "Plus 4",
        "Plus 3",
        "Plus 2",
    ]
    assert text(interventions.select_one(".rc-signposts__measures")) == (
        "+4 months · Moderate impact Low cost (£80 to £200 per pupil a year) "
        "Moderate evidence (3 out of 5 padlocks)"
    )
    evidence_column = section.select_one(".rc-signposts__column")
    reading = [text(li) for li in evidence_column.select(".govuk-list li")]
    assert reading[0] == "Thematic review: Attendance review"
    assert len(reading) == 3  # the review and the two newest case studies
    assert text(section.find("p", string=lambda s: bool(s and "rate themselves" in s))) == (
        "They rate themselves Established or Embedded in Attendance."
    )
    assert [text(li.select_one("a")) for li in peers.select("li.rc-signposts__item")] == [
        "Peer 0",
        "Peer 1",
        "Peer 2",
    ]
    more = section.find("a", string="See everything for Attendance")
    assert more["href"] == url(review)


def test_the_summary_says_where_to_look_when_there_is_nothing_yet(head_at_school_a, review):
    transition = review.version.domains.get(code="transition")
    transition.themes.clear()
    transition.save()

    page = render_summary(head_at_school_a, review, ["attendance", "transition"])

    attendance, transition_section = page.select("section.rc-signposts")
    assert text(attendance.select_one(".rc-signposts__column p")) == (
        "No intervention in the Knowledge Hub is tagged with this domain’s themes yet. "
        "Browse the interventions explorer"
    )
    assert text(transition_section.select_one(".rc-signposts__column p")) == (
        "This domain is not linked to a Knowledge Hub theme yet, so nothing is signposted "
        "from the Hub. Browse the interventions explorer"
    )
    similar = attendance.find("a", string="See schools like yours")
    assert similar["href"] == reverse("schools:similar", args=[900001])
