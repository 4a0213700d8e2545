"""The network view: aggregates over each school's latest review, suppressed under five.

The network below has twelve schools with known scores (one level throughout each domain,
so a domain's score is that level):

    six Camden primaries (school A among them)
        attendance 1, 2, 2, 3, 4, 4   belonging 3 each   transition 2 each
    five Southwark secondaries
        attendance 1, 1, 2, 2, 3      belonging 4 each   transition 3 each
    one Camden special school
        attendance 4                  belonging 4        transition 4

so, across all twelve, attendance sorts 1 1 1 2 2 2 2 3 3 4 4 4 (median 2.0, type-7
quartiles 1.75 and 3.25, 7 of 12 below Established), belonging 3 x6 then 4 x6 (median 3.5),
transition 2 x6, 3 x5, 4 (median 2.5, quartiles 2.0 and 3.0, 6 of 12 below).
"""

import datetime
import re

import pytest

from reconnect.schools.models import School
from reconnect.schools.tests.factories import SchoolFactory, local_authority
from reconnect.selfeval.models import ReportShare, ShareKind
from reconnect.selfeval.tests.factories import published_framework, submitted_review

pytestmark = pytest.mark.django_db

URL = "/self-evaluation/network/"


def _levels(attendance, belonging, transition):
    return {
        "attendance": [attendance] * 4,
        "belonging": [belonging] * 4,
        "transition": [transition] * 4,
    }


@pytest.fixture
def network(school_a):
    version = published_framework()
    camden, southwark = local_authority(202), local_authority(210)
    primaries = [school_a] + [
        SchoolFactory(name=f"Camden Primary {n}", local_authority=camden) for n in range(5)
    ]
    for school, attendance in zip(primaries, [1, 2, 2, 3, 4, 4], strict=True):
        submitted_review(school, version, levels=_levels(attendance, 3, 2))
    secondaries = [
        SchoolFactory(
            name=f"Southwark Secondary {n}",
            local_authority=southwark,
            phase=School.Phase.SECONDARY,
        )
        for n in range(5)
    ]
    for school, attendance in zip(secondaries, [1, 1, 2, 2, 3], strict=True):
        submitted_review(school, version, levels=_levels(attendance, 4, 3))
    special = SchoolFactory(
        name="Camden Special", local_authority=camden, phase=School.Phase.SPECIAL
    )
    submitted_review(special, version, levels=_levels(4, 4, 4))
    return {"version": version, "schools": [*primaries, *secondaries, special]}


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def table_rows(html, heading_id):
    """The rows of the table after the heading with ``heading_id``, as lists of cell texts."""
    section = html.split(f'id="{heading_id}"')[1].split("</table>")[0]
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
    ]


def test_network_view_ranks_domains_weakest_first(client, coordinator, network):
    client.force_login(coordinator)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "12 schools have submitted a review." in html
    assert table_rows(html, "weakest") == [
        ["Domain", "Schools", "Median", "Middle half", "Below Established"],
        ["Attendance", "12", "2.0", "1.8 to 3.3", "58%"],
        ["Transition", "12", "2.5", "2.0 to 3.0", "50%"],
        ["Belonging", "12", "3.5", "3.0 to 4.0", "0%"],
    ]
    ranked = response.context["view"].ranked
    assert [(r.spread.lower_quartile, r.spread.upper_quartile) for r in ranked] == [
        (1.75, 3.25),
        (2.0, 3.0),
        (3.0, 4.0),
    ]


def test_network_view_shows_medians_by_phase_and_names_the_phases_withheld(
    client, coordinator, network
):
    client.force_login(coordinator)

    html = client.get(URL).content.decode()

    assert table_rows(html, "by-phase") == [
        ["Domain", "Primary 6 schools", "Secondary 5 schools"],
        ["Attendance", "2.5 n = 6", "2.0 n = 5"],
        ["Belonging", "3.0 n = 6", "4.0 n = 5"],
        ["Transition", "2.0 n = 6", "3.0 n = 5"],
    ]
    assert "Not shown, with fewer than 5 schools: Special." in html


def test_network_view_shows_each_boroughs_weakest_domain_and_withholds_small_ones(
    client, coordinator, network
):
    client.force_login(coordinator)

    html = client.get(URL).content.decode()

    rows = table_rows(html, "by-borough")
    assert rows[0] == ["Borough", "Schools", "Weakest domain (median)"]
    assert len(rows) == 1 + 33
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["Camden"] == ["7", "Transition (2.0)"]
    assert by_name["Southwark"] == ["5", "Attendance (2.0)"]
    assert by_name["Barnet"] == ["None", "Not shown"]


def test_a_chosen_domain_shows_its_median_in_every_borough(client, coordinator, network):
    client.force_login(coordinator)

    html = client.get(URL, {"domain": "belonging"}).content.decode()

    rows = table_rows(html, "by-borough")
    assert rows[0] == ["Borough", "Schools", "Weakest domain (median)", "Belonging: median"]
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["Camden"] == ["7", "Transition (2.0)", "3.0 n = 7"]
    assert by_name["Southwark"] == ["5", "Attendance (2.0)", "4.0 n = 5"]
    assert by_name["Westminster"] == ["None", "Not shown"]
    assert '<option value="belonging" selected>Belonging</option>' in html


def test_an_unknown_domain_picks_none(client, coordinator, network):
    client.force_login(coordinator)

    response = client.get(URL, {"domain": "<script>"})

    assert response.status_code == 200
    assert response.context["view"].chosen is None
    assert "&lt;script&gt;" not in response.content.decode()


def test_a_system_leader_sees_their_trust_as_its_own_row_suppressed_under_five(
    client, system_leader, network
):
    client.force_login(system_leader)

    html = client.get(URL).content.decode()

    rows = table_rows(html, "by-borough")
    assert rows[1] == ["Your trust: Northbank Learning Trust", "Fewer than 5", "Not shown"]
    assert '<tr class="govuk-table__row rc-network-scope-row">' in html


def test_a_system_leaders_trust_of_five_shows_its_figures(client, system_leader, network):
    trust = system_leader.system_leader_scopes.get().trust
    for school in network["schools"][1:5]:
        school.trust = trust
        school.save(update_fields=["trust"])
    client.force_login(system_leader)

    html = client.get(URL, {"domain": "attendance"}).content.decode()

    # School A and Camden primaries 0 to 3: attendance 1, 2, 2, 3, 4 and transition 2 each,
    # both medians 2.0: the tie goes to the framework's order.
    assert table_rows(html, "by-borough")[1] == [
        "Your trust: Northbank Learning Trust",
        "5",
        "Attendance (2.0)",
        "2.0 n = 5",
    ]


def test_fewer_than_five_schools_in_the_network_shows_no_figures(client, coordinator, school_a):
    version = published_framework()
    for n in range(4):
        submitted_review(SchoolFactory(name=f"Lone School {n}"), version)
    client.force_login(coordinator)

    html = client.get(URL).content.decode()

    assert (
        "Fewer than 5 schools have submitted a review so far: there are no network figures yet."
    ) in html
    assert 'id="weakest"' not in html


def test_the_network_view_names_no_school(client, coordinator, network):
    client.force_login(coordinator)

    html = client.get(URL, {"domain": "attendance"}).content.decode()

    for school in network["schools"]:
        assert school.name not in html


def test_reports_shared_with_the_user_are_listed_with_their_school(
    client, system_leader, trust_a, network
):
    shared = network["schools"][7].selfeval_reviews.get()
    ReportShare.objects.create(review=shared, kind=ShareKind.TRUST, trust=trust_a)
    client.force_login(system_leader)

    html = client.get(URL).content.decode()

    section = html.split('id="shared"')[1]
    assert re.findall(r'<a class="govuk-link[^"]*" href="([^"]+)">([^<]+)</a>', section)[:1] == [
        (f"/self-evaluation/reviews/{shared.pk}/report/", "Southwark Secondary 1")
    ]
    assert "Autumn review, submitted" in section


def test_withdrawn_shares_are_not_listed(client, system_leader, trust_a, network):
    from django.utils import timezone

    shared = network["schools"][7].selfeval_reviews.get()
    ReportShare.objects.create(
        review=shared, kind=ShareKind.TRUST, trust=trust_a, revoked_at=timezone.now()
    )
    client.force_login(system_leader)

    html = client.get(URL).content.decode()

    assert "No school has shared its report with you yet." in html
    assert "Southwark Secondary 1" not in html


@pytest.mark.parametrize("persona", ["staff_at_school_a", "head_at_school_a", "head_at_school_b"])
def test_school_members_may_not_see_the_network_view(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)

    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={URL}",
    )


def _schools(count):
    version = published_framework()
    for n in range(count):
        school = SchoolFactory(
            local_authority=local_authority([202, 210, 213][n % 3]),
            phase=[School.Phase.PRIMARY, School.Phase.SECONDARY][n % 2],
        )
        submitted_review(school, version, levels=_levels(1 + n % 4, 2, 3))


@pytest.mark.parametrize("schools", [5, 12])
def test_network_view_query_count_does_not_grow_with_schools(
    client, coordinator, django_assert_num_queries, schools
):
    _schools(schools)
    client.force_login(coordinator)

    with django_assert_num_queries(10):  # 9, and the header's notification bell
        response = client.get(URL, {"domain": "attendance"})

    assert response.context["view"].schools == schools


def test_only_each_schools_latest_review_counts(client, coordinator, school_a):
    version = published_framework()
    submitted_review(
        school_a,
        version,
        levels=_levels(4, 4, 4),
        submitted_at=datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC),
    )
    submitted_review(school_a, version, levels=_levels(1, 1, 1))
    for attendance in (2, 2, 3, 3):
        submitted_review(SchoolFactory(), version, levels=_levels(attendance, 3, 3))
    client.force_login(coordinator)

    view = client.get(URL).context["view"]

    # Attendance 1 (school A's latest, not its earlier 4), 2, 2, 3, 3: median 2.
    assert view.schools == 5
    assert [(r.domain.code, r.spread.schools, r.spread.median) for r in view.ranked] == [
        ("attendance", 5, 2.0),
        ("belonging", 5, 3.0),
        ("transition", 5, 3.0),
    ]
