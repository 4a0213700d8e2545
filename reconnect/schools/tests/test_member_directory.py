from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.accounts.models import User
from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory, local_authority
from reconnect.schools.tests.html import soup, summary_list, text

DIRECTORY = reverse("schools:member-directory")


@pytest.fixture
def signed_in(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    return client


def member_names(response) -> list[str]:
    return [text(link) for link in soup(response).select(".rc-result-list__item h2 a")]


def make_member(first: str, last: str, school: Any, **fields: Any) -> User:
    role = fields.pop("role", SchoolRole.STAFF)
    themes = fields.pop("themes", [])
    email = f"{first.lower()}.{last.lower()}@example.org"
    UserFactory(email=email, first_name=first, last_name=last, **fields)
    user = User.objects.get(email=email)
    MembershipFactory(user=user, school=school, role=role)
    user.themes.set(Theme.objects.filter(slug__in=themes))
    return user


def test_member_directory_sends_visitors_to_sign_in(client, db):
    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={DIRECTORY}"


def test_member_directory_lists_active_members_with_schools_and_themes(signed_in, school_a):
    make_member(
        "Ama",
        "Owusu",
        school_a,
        job_title="Deputy head",
        open_to_contact=True,
        themes=["attendance", "send"],
    )
    make_member("Gone", "Away", school_a, is_active=False)

    response = signed_in.get(DIRECTORY)

    assert member_names(response) == ["Ama Owusu", "Sam Staff"]
    first = soup(response).select_one(".rc-result-list__item")
    assert text(first) == (
        "Ama Owusu Deputy head Demo School A (Camden) Open to contact Attendance SEND"
    )
    assert text(soup(response).select_one("#result-count")) == "2 members found"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("owusu", ["Ama Owusu"]), ("ama ow", ["Ama Owusu"]), ("deputy", ["Ama Owusu"]), ("x y", [])],
)
def test_member_directory_searches_names_and_job_titles(signed_in, school_a, query, expected):
    make_member("Ama", "Owusu", school_a, job_title="Deputy head")

    response = signed_in.get(DIRECTORY, {"q": query})

    assert member_names(response) == expected


def test_member_directory_filters_need_one_membership_to_match_them_all(signed_in, school_a):
    southwark_secondary = SchoolFactory(
        urn=100002, local_authority=local_authority(210), phase=School.Phase.SECONDARY
    )
    camden_secondary = SchoolFactory(urn=100003, phase=School.Phase.SECONDARY)
    make_member("Sec", "Southwark", southwark_secondary)
    both = make_member("Split", "Roles", school_a)  # Camden primary ...
    MembershipFactory(
        user=both, school=SchoolFactory(urn=100004, local_authority=local_authority(210))
    )
    make_member("Sec", "Camden", camden_secondary)

    response = signed_in.get(DIRECTORY, {"borough": "southwark", "phase": "secondary"})

    assert member_names(response) == ["Sec Southwark"]


def test_member_directory_filters_by_school_theme_and_openness(signed_in, school_a, school_b):
    make_member("Open", "Attender", school_a, open_to_contact=True, themes=["attendance"])
    make_member("Closed", "Attender", school_a, open_to_contact=False, themes=["attendance"])
    make_member("Open", "Elsewhere", school_b, open_to_contact=True, themes=["attendance"])
    make_member("Open", "Sender", school_a, open_to_contact=True, themes=["send"])

    response = signed_in.get(DIRECTORY, {"school": 900001, "theme": "attendance", "open": "on"})

    assert member_names(response) == ["Open Attender"]


def test_member_directory_answers_htmx_with_the_results_only(signed_in, school_a):
    response = signed_in.get(DIRECTORY, {"q": "sam"}, headers={"HX-Request": "true"})

    assert "<form" not in response.content.decode()
    assert member_names(response) == ["Sam Staff"]
    assert text(soup(response).select_one("#result-count")) == "1 member found"


def test_member_directory_query_count_does_not_grow_with_members(
    signed_in, school_a, django_assert_num_queries
):
    signed_in.get(DIRECTORY)
    with CaptureQueriesContext(connection) as one:
        signed_in.get(DIRECTORY)
    make_member("Ama", "Owusu", school_a, themes=["attendance", "send"])
    make_member("Ben", "Okafor", SchoolFactory(urn=100002), themes=["leadership"])

    with django_assert_num_queries(len(one.captured_queries)):
        signed_in.get(DIRECTORY)


# --- Member profile -----------------------------------------------------------------------------


def test_member_detail_shows_the_professional_profile(signed_in, school_a, school_b):
    member = make_member(
        "Ama",
        "Owusu",
        school_a,
        role=SchoolRole.SCHOOL_LEAD,
        job_title="Headteacher",
        open_to_contact=True,
        bio="Leads on attendance.\n\nHappy to talk about <b>breakfast clubs</b>.",
        themes=["attendance", "poverty-and-hunger"],
    )
    MembershipFactory(user=member, school=school_b, role=SchoolRole.STAFF)

    response = signed_in.get(reverse("schools:member-detail", args=[member.pk]))

    assert response.status_code == 200
    assert text(soup(response).select_one("h1")) == "Ama Owusu"
    assert summary_list(response) == {
        "Job title": "Headteacher",
        "Schools": "Demo School A , Camden – School lead Demo School B , Southwark – Staff member",
        "Works on": "Attendance Poverty and hunger",
        "Open to being contacted": "Yes",
        "Email": "ama.owusu@example.org",
    }
    bio = soup(response).select_one(".govuk-body p:last-child")
    assert bio is not None
    html = response.content.decode()
    assert "&lt;b&gt;breakfast clubs&lt;/b&gt;" in html
    assert "<b>breakfast" not in html


def test_member_detail_hides_the_email_of_someone_not_open_to_contact(signed_in, school_a):
    member = make_member("Quiet", "Person", school_a, open_to_contact=False)

    response = signed_in.get(reverse("schools:member-detail", args=[member.pk]))

    values = summary_list(response)
    assert values["Open to being contacted"] == "Not at the moment"
    assert "Email" not in values
    assert "quiet.person@example.org" not in response.content.decode()


def test_member_detail_of_an_inactive_or_unknown_member_is_not_found(signed_in, school_a):
    gone = make_member("Gone", "Away", school_a, is_active=False)

    assert signed_in.get(reverse("schools:member-detail", args=[gone.pk])).status_code == 404
    assert signed_in.get(reverse("schools:member-detail", args=[999999])).status_code == 404
