"""The report page: what each reader sees, in exact words and figures.

School A answers attendance 2,2,3,2 (2.25), belonging 3,3,4,4 (3.5), transition 1,2,2,2
(1.75); four other primary schools answer every statement 2, 2, 3 and 3 (see
test_report_selectors.py for the benchmark worked by hand).
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup, Tag
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.selfeval.services.sharing import report_share
from reconnect.selfeval.tests.factories import open_review, published_framework, submitted_review

pytestmark = pytest.mark.django_db

SCHOOL_A_LEVELS = {
    "attendance": [2, 2, 3, 2],
    "belonging": [3, 3, 4, 4],
    "transition": [1, 2, 2, 2],
}


def _report_url(review):
    return reverse("selfeval:report-detail", args=[review.pk])


def _network(version, defaults=(2, 2, 3, 3)):
    for default in defaults:
        submitted_review(SchoolFactory(), version, default=default)


def _one(soup, selector) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def _text(node):
    return " ".join(node.get_text(" ", strip=True).split())


def _table(soup):
    table = _one(soup, ".rc-report-table table")
    return [
        [_text(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")
    ]


@pytest.fixture
def report_a(school_a, head_at_school_a):
    version = published_framework()
    _network(version)
    submitted_review(
        school_a,
        version,
        levels={"attendance": [1, 1, 1, 1], "belonging": [3, 3, 3, 3]},
        user=head_at_school_a,
        title="Last year",
        submitted_at=timezone.now() - timedelta(days=365),
    )
    return submitted_review(school_a, version, levels=SCHOOL_A_LEVELS, user=head_at_school_a)


def test_the_lead_reads_scores_strengths_priorities_and_the_benchmark(client, report_a):
    client.force_login(report_a.submitted_by)

    response = client.get(_report_url(report_a))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert _text(soup.h1) == "Autumn review"
    assert _text(soup.select_one(".rc-report-overall__score")) == "2.5 out of 4"
    overall = _text(soup.select_one(".rc-report-overall"))
    assert (
        "Within the middle half of primary schools: the median is 2.5 and the middle half runs "
        "from 2.0 to 3.0 (5 schools). Change since the previous review: +0.2." in overall
    )
    assert [_text(li) for li in soup.select("#strengths-heading + ol li")] == [
        (
            "Belonging: 3.5 out of 4, between Established and Embedded; above the middle half "
            "of primary schools"
        )
    ]
    assert [_text(li) for li in soup.select("#priorities-heading + ol li")] == [
        (
            "Transition: 1.8 out of 4, between Not yet and Emerging; below the middle half of "
            "primary schools"
        ),
        (
            "Attendance: 2.3 out of 4, between Emerging and Established; within the middle "
            "half of primary schools"
        ),
    ]
    assert _table(soup) == [
        ["Attendance", "2.3", "Between Emerging and Established", "+1.3", "2.3", "2.0 to 3.0", "5"],
        ["Belonging", "3.5", "Between Established and Embedded", "+0.5", "3.0", "2.0 to 3.0", "5"],
        [
            "Transition",
            "1.8",
            "Between Not yet and Emerging",
            "\u22121.3",
            "2.0",
            "2.0 to 3.0",
            "5",
        ],
        ["Overall", "2.5", "Between Emerging and Established", "+0.2", "2.5", "2.0 to 3.0", "5"],
    ]
    assert _text(soup.select_one(".rc-report-share h2")) == "Sharing this report"
    links = {_text(a): a["href"] for a in soup.select(".govuk-button-group a")}
    assert links == {
        "Plan actions": reverse("selfeval:action-plan", args=[report_a.pk]),
        "Download PDF": reverse("selfeval:report-pdf", args=[report_a.pk]),
        "Download CSV (spreadsheet)": reverse("selfeval:report-csv", args=[report_a.pk]),
    }


def test_the_chart_is_an_image_with_a_title_a_description_and_a_mark_per_figure(client, report_a):
    client.force_login(report_a.submitted_by)

    soup = BeautifulSoup(client.get(_report_url(report_a)).content, "html.parser")

    svg = _one(soup, "svg.rc-chart")
    assert (svg["role"], svg["aria-labelledby"]) == ("img", "chart-title chart-desc")
    assert _text(svg.title) == "Scores by domain, out of 4"
    assert _text(svg.desc) == (
        "A bar for each of the 3 domains shows the school's score on a scale from 1 (Not yet) "
        "to 4 (Embedded). A shaded band shows the middle half of primary schools' scores and a "
        "vertical line their median. A diamond marks the score in the previous review. The "
        "same figures are in the table that follows."
    )
    rows = svg.select(".rc-chart__row")
    assert [_text(row.select_one(".rc-chart__label")) for row in rows] == [
        "Attendance",
        "Belonging",
        "Transition",
    ]
    assert [_text(row.select_one(".rc-chart__value")) for row in rows] == ["2.3", "3.5", "1.8"]
    # 1 to 4 spans x = 8 to 552: 2.25 ends at 8 + 544 * 1.25 / 3.
    assert [_one(row, ".rc-chart__bar")["width"] for row in rows] == [
        "226.7",
        "453.3",
        "136.0",
    ]
    assert [
        len(row.select(".rc-chart__band, .rc-chart__median, .rc-chart__previous")) for row in rows
    ] == [
        3,
        3,
        3,
    ]


def test_a_suppressed_benchmark_says_why(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    soup = BeautifulSoup(client.get(_report_url(review)).content, "html.parser")

    why = "Not shown: fewer than 5 schools of this phase have submitted a review"
    assert _table(soup) == [
        ["Attendance", "3.0", "Established", why],
        ["Belonging", "3.0", "Established", why],
        ["Transition", "3.0", "Established", why],
        ["Overall", "3.0", "Established", why],
    ]
    assert (
        "Fewer than 5 schools of this phase have submitted a review: no comparison yet."
        in _text(soup.select_one(".rc-report-overall"))
    )
    assert not soup.select(".rc-chart__band")
    assert [_text(li) for li in soup.select("#priorities-heading + p")] == [
        "Every domain scored Established (3.0) or above."
    ]


def test_a_colleague_reads_the_report_without_share_controls(client, report_a, staff_at_school_a):
    client.force_login(staff_at_school_a)

    soup = BeautifulSoup(client.get(_report_url(report_a)).content, "html.parser")

    assert _text(soup.h1) == "Autumn review"
    assert soup.select(".rc-report-share") == []
    assert soup.select(".govuk-notification-banner") == []


def test_a_school_it_is_shared_with_sees_a_banner_and_nothing_of_the_owners(
    client, report_a, head_at_school_a, school_b, head_at_school_b
):
    share, _created = report_share(review=report_a, user=head_at_school_a, school=school_b)
    client.force_login(head_at_school_b)

    soup = BeautifulSoup(client.get(_report_url(report_a)).content, "html.parser")

    banner = soup.select_one(".govuk-notification-banner__heading")
    assert _text(banner) == (
        f"Shared with you by Demo School A on {timezone.localdate(share.shared_at):%-d %B %Y}"
    )
    assert soup.select(".rc-report-share") == []
    assert [_text(a) for a in soup.select(".govuk-button-group a")] == [
        "Download PDF",
        "Download CSV (spreadsheet)",
    ]
    assert _text(soup.select_one(".rc-report-overall__score")) == "2.5 out of 4"


def test_another_school_gets_a_404(client, report_a, head_at_school_b):
    client.force_login(head_at_school_b)

    assert client.get(_report_url(report_a)).status_code == 404


def test_a_review_in_progress_sends_members_to_the_review(
    client, school_a, head_at_school_a, head_at_school_b
):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.get(_report_url(review))

    assert response.status_code == 302
    assert response["Location"] == reverse("selfeval:review-detail", args=[review.pk])
    client.force_login(head_at_school_b)
    assert client.get(_report_url(review)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, report_a):
    response = client.get(_report_url(report_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _queries_for_report(client, school, lead, codes):
    version = published_framework(domains=[(code, []) for code in codes])
    previous = submitted_review(
        school, version, default=3, user=lead, submitted_at=timezone.now() - timedelta(days=9)
    )
    # Every domain a priority, so the page also signposts three of them.
    review = submitted_review(school, version, default=2, user=lead)
    report_share(review=review, user=lead, trust=school.trust)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_report_url(review))
    assert response.status_code == 200
    assert len(response.context["signposts"]) == 3
    assert previous.pk != review.pk
    return len(queries)


def test_the_report_page_reads_in_the_same_number_of_queries_for_3_and_6_domains(
    client, trust_a, head_at_school_a
):
    first = SchoolFactory(trust=trust_a)
    second = SchoolFactory(trust=trust_a)
    for school in (first, second):
        MembershipFactory(user=head_at_school_a, school=school, role=SchoolRole.SCHOOL_LEAD)
    client.force_login(head_at_school_a)
    client.get(reverse("accounts:profile"))  # fills the per-member caches (gate, bell)

    three = _queries_for_report(client, first, head_at_school_a, ["a", "b", "c"])
    six = _queries_for_report(client, second, head_at_school_a, ["a", "b", "c", "d", "e", "f"])

    assert three == six


# --- The appendix, on demand ----------------------------------------------------------------


def _statements_url(review):
    return reverse("selfeval:report-statements", args=[review.pk])


def test_the_report_links_to_its_statements_instead_of_listing_them(client, report_a):
    client.force_login(report_a.submitted_by)

    soup = BeautifulSoup(client.get(_report_url(report_a)).content, "html.parser")

    appendix = _one(soup, "#report-appendix")
    assert _text(appendix.h2) == "Appendix: every statement"
    assert appendix.select(".rc-report-statements__item") == []
    link = _one(appendix, "a.rc-report-appendix__show")
    assert _text(link) == "Show every statement"
    assert (link["href"], link["hx-get"]) == (_statements_url(report_a),) * 2
    assert (link["hx-target"], link["hx-swap"]) == ("#report-appendix", "outerHTML")


def test_the_statements_page_lists_every_statement_with_its_rating(client, report_a):
    client.force_login(report_a.submitted_by)

    response = client.get(_statements_url(report_a))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert _text(soup.h1) == "Autumn review"
    assert _one(soup, ".govuk-back-link")["href"] == _report_url(report_a)
    appendix = _one(soup, "#report-appendix")
    assert [_text(h3) for h3 in appendix.select("h3")] == [
        "Attendance 2.3 out of 4",
        "Belonging 3.5 out of 4",
        "Transition 1.8 out of 4",
    ]
    ratings = [_text(tag) for tag in appendix.select(".rc-report-statements__item .rc-level")]
    assert ratings == [
        *["Emerging", "Emerging", "Established", "Emerging"],
        *["Established", "Established", "Embedded", "Embedded"],
        *["Not yet", "Emerging", "Emerging", "Emerging"],
    ]


def test_htmx_gets_the_appendix_alone_to_put_in_the_link_s_place(client, report_a):
    client.force_login(report_a.submitted_by)

    response = client.get(_statements_url(report_a), headers={"HX-Request": "true"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert [section["id"] for section in soup.select("section")] == ["report-appendix"]
    assert len(soup.select(".rc-report-statements__item")) == 12


def test_a_school_it_is_shared_with_reads_the_statements_too(
    client, report_a, head_at_school_a, school_b, head_at_school_b
):
    report_share(review=report_a, user=head_at_school_a, school=school_b)
    client.force_login(head_at_school_b)

    soup = BeautifulSoup(client.get(_statements_url(report_a)).content, "html.parser")

    assert len(soup.select(".rc-report-statements__item")) == 12


def test_another_school_gets_a_404_for_the_statements(client, report_a, head_at_school_b):
    client.force_login(head_at_school_b)

    assert client.get(_statements_url(report_a)).status_code == 404


# --- Peers are cached until the phase's next submission --------------------------------------


def _peer_names(response):
    return {s.code: [p.school.name for p in s.peers.items] for s in response.context["signposts"]}


def test_the_report_s_peers_are_cached_until_a_school_of_the_phase_submits(
    client, report_a, head_at_school_a
):
    from reconnect.accounts.tests.factories import UserFactory

    version = report_a.version
    client.force_login(head_at_school_a)
    strong = {"attendance": [4] * 4, "belonging": [4] * 4, "transition": [4] * 4}

    def strong_peer(name):
        school = SchoolFactory(name=name)
        MembershipFactory(user=UserFactory(open_to_contact=True), school=school)
        return school

    # Nobody in _network is open to contact, so nobody is a peer yet.
    assert _peer_names(client.get(_report_url(report_a))) == {"transition": [], "attendance": []}
    with CaptureQueriesContext(connection) as cached:
        client.get(_report_url(report_a))
    first = strong_peer("First Primary")
    submitted_review(first, version, levels=strong)

    after_submission = client.get(_report_url(report_a))
    with CaptureQueriesContext(connection) as recached:
        client.get(_report_url(report_a))

    # First's submission made a new benchmark, so the ranking was made again and finds it.
    assert _peer_names(after_submission) == {
        "transition": ["First Primary"],
        "attendance": ["First Primary"],
    }
    assert len(recached) == len(cached) + 2  # the peer's school and its contacts
