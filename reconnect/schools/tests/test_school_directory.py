import statistics
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.schools.models import School
from reconnect.schools.tests.factories import (
    MembershipFactory,
    SchoolFactory,
    TrustFactory,
    local_authority,
)
from reconnect.schools.tests.html import attribute, soup, summary_list, table_rows, text

DIRECTORY = reverse("schools:directory")


@pytest.fixture
def signed_in(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    return client


def school_names(response) -> list[str]:
    return [text(link) for link in soup(response).select("tbody td:first-child a")]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def test_school_directory_sends_visitors_to_sign_in(client, db):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={DIRECTORY}"


def test_school_directory_lists_open_schools_by_name_with_their_context(signed_in, school_a):
    SchoolFactory(urn=100002, name="Abbey Road Primary", number_on_roll=None, percent_fsm=None)
    SchoolFactory(urn=100003, name="Closed Primary", is_open=False)

    response = signed_in.get(DIRECTORY)

    assert response.status_code == 200
    assert table_rows(response, "#results table") == [
        [
            "Abbey Road Primary URN 100002",
            "Primary Community school",
            "Camden",
            "Not known",
            "Not known",
        ],
        [
            "Demo School A URN 900001 · Northbank Learning Trust",
            "Primary Community school",
            "Camden",
            "420",
            "24.5%",
        ],
    ]
    assert text(soup(response).select_one("#result-count")) == "2 schools found"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("riverside", ["Riverside Primary"]),
        ("100002", ["Riverside Primary"]),
        ("se15", ["Peckham Academy"]),
        ("SE15 4", ["Peckham Academy"]),
        ("nothing like this", []),
    ],
)
def test_school_directory_searches_name_urn_and_postcode_prefix(signed_in, query, expected):
    SchoolFactory(urn=100002, name="Riverside Primary", postcode="NW1 2AB")
    SchoolFactory(urn=100003, name="Peckham Academy", postcode="SE15 4AA")
    SchoolFactory(urn=100004, name="Old Kent Road School", postcode="SE1 5AA")

    response = signed_in.get(DIRECTORY, {"q": query})

    assert school_names(response) == expected


# "²" and "١٢" pass str.isdigit(); int("²") raises, and int("١٢") is 12, so only ASCII
# digits may be looked up as a URN. A number past the URN column's range matches nothing.
@pytest.mark.parametrize("query", ["²", "1²", "١٢", "99999999999999999999999"])
def test_school_directory_non_ascii_or_huge_digits_match_nothing(signed_in, query):
    SchoolFactory(urn=12, name="Twelve Primary", postcode="NW1 2AB")

    response = signed_in.get(DIRECTORY, {"q": query})

    assert response.status_code == 200
    assert school_names(response) == []
    assert text(soup(response).select_one("#result-count")) == "0 schools found"


def test_school_directory_filters_by_borough_phase_type_and_trust(signed_in):
    trust = TrustFactory(name="Southbank Trust", slug="southbank-trust")
    southwark = local_authority(210)
    SchoolFactory(
        urn=1,
        name="Match",
        local_authority=southwark,
        phase=School.Phase.SECONDARY,
        establishment_type="Academy converter",
        trust=trust,
    )
    SchoolFactory(
        urn=2,
        name="Camden secondary",
        phase=School.Phase.SECONDARY,
        establishment_type="Academy converter",
        trust=trust,
    )
    SchoolFactory(
        urn=3,
        name="Southwark primary",
        local_authority=southwark,
        establishment_type="Academy converter",
        trust=trust,
    )
    SchoolFactory(
        urn=4,
        name="Community secondary",
        local_authority=southwark,
        phase=School.Phase.SECONDARY,
        trust=trust,
    )
    SchoolFactory(
        urn=5,
        name="No trust",
        local_authority=southwark,
        phase=School.Phase.SECONDARY,
        establishment_type="Academy converter",
    )

    response = signed_in.get(
        DIRECTORY,
        {
            "borough": "southwark",
            "phase": "secondary",
            "type": "Academy converter",
            "trust": "southbank-trust",
        },
    )

    assert school_names(response) == ["Match"]
    assert text(soup(response).select_one("#result-count")) == "1 school found"
    chosen = [
        (select["name"], option["value"])
        for select in soup(response).select("form select")
        for option in select.select("option[selected]")
    ]
    assert chosen == [
        ("borough", "southwark"),
        ("phase", "secondary"),
        ("type", "Academy converter"),
        ("trust", "southbank-trust"),
    ]


def test_school_directory_sorts_by_name_either_way(signed_in):
    for urn, name in [(1, "Beech"), (2, "Ash"), (3, "Cedar")]:
        SchoolFactory(urn=urn, name=name)

    ascending = signed_in.get(DIRECTORY)
    descending = signed_in.get(DIRECTORY, {"sort": "-name"})

    # Demo School A is there too: the signed-in member's own school.
    assert school_names(ascending) == ["Ash", "Beech", "Cedar", "Demo School A"]
    assert school_names(descending) == ["Demo School A", "Cedar", "Beech", "Ash"]


def test_school_directory_pages_by_25(signed_in):
    for n in range(26):
        SchoolFactory(urn=200000 + n, name=f"School {n:02d}")

    first = signed_in.get(DIRECTORY)
    second = signed_in.get(DIRECTORY, {"page": 2})

    # 27 with the member's own Demo School A, which sorts first.
    assert len(school_names(first)) == 25
    assert school_names(second) == ["School 24", "School 25"]
    assert text(soup(first).select_one(".govuk-pagination p")) == "Page 1 of 2"
    assert attribute(first, ".govuk-pagination__next a", "href") == "?page=2"


def test_school_directory_keeps_the_search_in_page_links(signed_in):
    for n in range(30):
        SchoolFactory(urn=200000 + n, name=f"Hill School {n:02d}")

    response = signed_in.get(DIRECTORY, {"q": "hill", "sort": "-name"})

    assert attribute(response, ".govuk-pagination__next a", "href") == ("?q=hill&sort=-name&page=2")


def test_school_directory_ignores_and_reports_an_unknown_filter_value(signed_in, school_a):
    response = signed_in.get(DIRECTORY, {"borough": "atlantis", "phase": "primary"})

    assert school_names(response) == ["Demo School A"]
    error = soup(response).select_one("#id_borough_error")
    assert text(error) == (
        "Error: Select a valid choice. That choice is not one of the available choices."
    )


def test_school_directory_answers_htmx_with_the_results_and_the_count(signed_in, school_a):
    response = signed_in.get(DIRECTORY, {"q": "demo"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert school_names(response) == ["Demo School A"]
    assert attribute(response, "#result-count", "hx-swap-oob") == "innerHTML"
    assert text(soup(response).select_one("#result-count")) == "1 school found"


def test_school_directory_query_count_does_not_grow_with_schools(
    signed_in, school_a, django_assert_num_queries
):
    signed_in.get(DIRECTORY)  # warm the session
    one = queries_for(signed_in, DIRECTORY)
    trust = TrustFactory()
    SchoolFactory(urn=100002, trust=trust, local_authority=local_authority(210))
    SchoolFactory(urn=100003, trust=TrustFactory(), establishment_type="Foundation school")

    with django_assert_num_queries(one):
        signed_in.get(DIRECTORY)


# --- School profile -----------------------------------------------------------------------------


def test_school_detail_shows_the_context_in_a_summary_list(signed_in, school_a):
    response = signed_in.get(reverse("schools:detail", args=[900001]))

    assert response.status_code == 200
    assert text(soup(response).select_one("h1")) == "Demo School A"
    assert summary_list(response) == {
        "URN": "900001",
        "Phase": "Primary",
        "Type": "Community school",
        "Borough": "Camden",
        "Trust": "Northbank Learning Trust",
        "Postcode": "NW1 2AB",
        "Number on roll": "420",
        "Pupils eligible for free school meals": "24.5%",
        "Pupils with English as an additional language": "31.0%",
        "Pupils on SEN support": "13.2%",
        "Pupils with an EHC plan": "2.9%",
        "Attendance": "94.1%",
    }


def test_school_detail_shows_unknown_figures_and_a_closed_school(signed_in):
    SchoolFactory(
        urn=100009,
        name="Gone School",
        is_open=False,
        trust=None,
        postcode="",
        number_on_roll=None,
        percent_eal=None,
        attendance_percent=None,
    )

    response = signed_in.get(reverse("schools:detail", args=[100009]))

    values = summary_list(response)
    assert (values["Trust"], values["Postcode"], values["Number on roll"]) == (
        "Not in a trust",
        "Not known",
        "Not known",
    )
    assert (values["Pupils with English as an additional language"], values["Attendance"]) == (
        "Not known",
        "Not known",
    )
    assert text(soup(response).select_one(".govuk-tag")) == "Closed"


def test_school_detail_lists_the_members_at_the_school_leads_first(
    signed_in, school_a, staff_at_school_a, head_at_school_a, head_at_school_b
):
    gone = UserFactory(email="gone@example.org", is_active=False)
    MembershipFactory(user=gone, school=school_a)

    response = signed_in.get(reverse("schools:detail", args=[900001]))

    rows = table_rows(response, "table")
    assert rows == [
        ["Harriet Head", "School lead", "Teacher"],
        ["Sam Staff", "Staff member", "Teacher"],
    ]
    assert attribute(response, "table a", "href") == reverse(
        "schools:member-detail", args=[head_at_school_a.pk]
    )
    assert "head.a@example.org" not in response.content.decode()


def test_school_detail_shows_schools_like_it_with_reasons(signed_in, school_a):
    SchoolFactory(
        urn=100002,
        name="Near Twin",
        number_on_roll=430,
        percent_fsm=Decimal("25.0"),
        percent_eal=Decimal("30.0"),
    )
    SchoolFactory(
        urn=100003,
        name="Far Away",
        number_on_roll=90,
        percent_fsm=Decimal("60.0"),
        percent_eal=Decimal("5.0"),
        percent_sen_support=Decimal("20.0"),
        attendance_percent=Decimal("90.0"),
    )
    SchoolFactory(urn=100004, name="A Secondary", phase=School.Phase.SECONDARY)

    response = signed_in.get(reverse("schools:detail", args=[900001]))

    rows = table_rows(response, ".rc-scroll-x[aria-label='Similar schools'] table")
    assert [row[0] for row in rows] == ["Near Twin", "Far Away"]
    assert rows[0][2] == (
        "% SEN (support and EHC plans) 16.1% here, 16.1% there "
        "Attendance 94.1% here, 94.1% there "
        "% FSM 24.5% here, 25.0% there"
    )


def test_school_detail_unknown_urn_is_not_found(signed_in):
    response = signed_in.get(reverse("schools:detail", args=[123456]))

    assert response.status_code == 404


def test_school_detail_query_count_does_not_grow_with_the_network(
    signed_in, school_a, django_assert_num_queries
):
    SchoolFactory(urn=300100, percent_fsm=Decimal("30.0"))
    signed_in.get(reverse("schools:detail", args=[900001]))
    few = queries_for(signed_in, reverse("schools:detail", args=[900001]))
    for n in range(12):
        school = SchoolFactory(urn=300000 + n, percent_fsm=Decimal(n))
        MembershipFactory(school=school_a if n < 3 else school)

    with django_assert_num_queries(few):
        signed_in.get(reverse("schools:detail", args=[900001]))


def test_school_similar_page_explains_the_method_and_lists_ten(signed_in, school_a):
    for n in range(12):
        SchoolFactory(urn=300000 + n, name=f"Peer {n:02d}", percent_fsm=Decimal(20 + n))

    response = signed_in.get(reverse("schools:similar", args=[900001]))

    rows = table_rows(response)
    # Only FSM varies (20.0 to 31.0 against 24.5), so the nearest are 24 and 25, then 23, 26...
    assert [row[0] for row in rows] == [f"Peer {n:02d}" for n in (4, 5, 3, 6, 2, 7, 1, 8, 0, 9)]
    sd = statistics.pstdev([24.5, *range(20, 32)])
    assert [row[3] for row in rows[:3]] == [f"{0.5 / sd:.2f}", f"{0.5 / sd:.2f}", f"{1.5 / sd:.2f}"]
    assert rows[0][2] == "% FSM 24.5% here, 24.0% there"
    assert text(soup(response).select_one("table caption")) == (
        "The 10 schools most like Demo School A, nearest first"
    )
    headings = [text(h) for h in soup(response).select("h2")]
    assert "How similar schools are found" in headings


def test_school_similar_with_no_peers_says_so(signed_in, school_a):
    response = signed_in.get(reverse("schools:similar", args=[900001]))

    assert "There are not yet enough open schools of this phase" in response.content.decode()


def test_school_similar_unknown_urn_is_not_found(signed_in):
    assert signed_in.get(reverse("schools:similar", args=[123456])).status_code == 404


def test_school_similar_role_order_puts_data_leads_between_leads_and_staff(
    signed_in, school_a, staff_at_school_a, data_lead_at_school_a, head_at_school_a
):
    response = signed_in.get(reverse("schools:detail", args=[900001]))

    assert [row[1] for row in table_rows(response)] == ["School lead", "Data lead", "Staff member"]


def test_school_detail_hides_members_of_other_schools(signed_in, school_a, head_at_school_b):
    response = signed_in.get(reverse("schools:detail", args=[900001]))

    assert "Ben Head" not in response.content.decode()
