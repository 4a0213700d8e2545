from decimal import Decimal

import pytest

from reconnect.schools.models import School
from reconnect.schools.tests.factories import SchoolFactory, TrustFactory, local_authority

API = "/api/v1/schools"


@pytest.fixture
def signed_in(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    return client


def test_school_api_needs_a_session(client, school_a):
    for url in (API, f"{API}/900001", f"{API}/900001/similar"):
        response = client.get(url)

        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


def test_school_list_returns_open_schools_with_their_context(signed_in, school_a):
    SchoolFactory(urn=100002, name="Closed School", is_open=False)

    response = signed_in.get(API)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "urn": 900001,
                "name": "Demo School A",
                "phase": "primary",
                "establishment_type": "Community school",
                "local_authority": {"code": 202, "name": "Camden", "slug": "camden"},
                "trust": {
                    "code": school_a.trust.gias_code,
                    "name": "Northbank Learning Trust",
                    "slug": "northbank-learning-trust",
                },
                "postcode": "NW1 2AB",
                "is_open": True,
                "number_on_roll": 420,
                "percent_fsm": 24.5,
                "percent_eal": 31.0,
                "percent_sen_support": 13.2,
                "percent_ehcp": 2.9,
                "attendance_percent": 94.1,
            }
        ],
    }


def test_school_list_filters_as_the_directory_does(signed_in, school_a):
    trust = TrustFactory(name="Southbank Trust", slug="southbank-trust")
    SchoolFactory(
        urn=100002,
        name="Peckham Academy",
        local_authority=local_authority(210),
        phase=School.Phase.SECONDARY,
        establishment_type="Academy converter",
        trust=trust,
    )
    SchoolFactory(urn=100003, name="Peckham Primary", local_authority=local_authority(210))

    response = signed_in.get(
        API,
        {
            "q": "peckham",
            "borough": "southwark",
            "phase": "secondary",
            "type": "Academy converter",
            "trust": "southbank-trust",
        },
    )

    assert [s["urn"] for s in response.json()["items"]] == [100002]


@pytest.mark.parametrize("query", ["²", "1²", "١٢", "99999999999999999999999"])
def test_school_list_non_ascii_or_huge_digits_match_nothing(signed_in, query):
    SchoolFactory(urn=12, name="Twelve Primary", postcode="NW1 2AB")

    response = signed_in.get(API, {"q": query})

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_school_list_unknown_borough_or_trust_matches_nothing(signed_in, school_a):
    assert signed_in.get(API, {"borough": "atlantis"}).json() == {"items": [], "count": 0}
    assert signed_in.get(API, {"trust": "no-such-trust"}).json() == {"items": [], "count": 0}


def test_school_list_rejects_an_unknown_phase(signed_in, school_a):
    response = signed_in.get(API, {"phase": "university"})

    assert response.status_code == 422


def test_school_list_pages_and_sorts(signed_in):
    for n, name in enumerate(["Cedar", "Ash", "Beech"]):
        SchoolFactory(urn=100000 + n, name=name)

    first = signed_in.get(API, {"page_size": 2, "sort": "-name"}).json()
    second = signed_in.get(API, {"page_size": 2, "page": 2, "sort": "-name"}).json()

    # With the signed-in member's own Demo School A.
    assert [s["name"] for s in first["items"]] == ["Demo School A", "Cedar"]
    assert [s["name"] for s in second["items"]] == ["Beech", "Ash"]
    assert first["count"] == 4


def test_school_detail_includes_the_members_there(
    signed_in, school_a, staff_at_school_a, head_at_school_a
):
    response = signed_in.get(f"{API}/900001")

    assert response.status_code == 200
    body = response.json()
    assert body["urn"] == 900001
    assert body["members"] == [
        {
            "id": head_at_school_a.pk,
            "name": "Harriet Head",
            "role": "school_lead",
            "job_title": "Teacher",
        },
        {"id": staff_at_school_a.pk, "name": "Sam Staff", "role": "staff", "job_title": "Teacher"},
    ]


def test_school_detail_unknown_urn_is_404(signed_in):
    response = signed_in.get(f"{API}/123456")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_school_similar_returns_the_nearest_with_reasons(signed_in, school_a):
    SchoolFactory(urn=100002, name="Near Twin", percent_fsm=Decimal("25.0"))
    SchoolFactory(urn=100003, name="Far Away", percent_fsm=Decimal("60.0"))

    response = signed_in.get(f"{API}/900001/similar", {"count": 1})

    assert response.status_code == 200
    (match,) = response.json()
    assert match["school"] == {
        "urn": 100002,
        "name": "Near Twin",
        "local_authority": {"code": 202, "name": "Camden", "slug": "camden"},
    }
    assert match["features_compared"] == 1  # only FSM varies among the three
    assert match["reasons"] == [
        {
            "feature": "percent_fsm",
            "here": 24.5,
            "there": 25.0,
            "gap": pytest.approx(match["distance"]),
            "text": "% FSM 24.5% here, 25.0% there",
        }
    ]


def test_school_similar_unknown_urn_is_404(signed_in):
    assert signed_in.get(f"{API}/123456/similar").status_code == 404


def test_school_similar_rejects_a_count_out_of_range(signed_in, school_a):
    assert signed_in.get(f"{API}/900001/similar", {"count": 0}).status_code == 422
    assert signed_in.get(f"{API}/900001/similar", {"count": 51}).status_code == 422
