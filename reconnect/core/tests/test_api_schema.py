"""The JSON API's shared contract: a list's pages stop at a highest number, and the OpenAPI
document lists the 404 and 422 every operation can answer. The security stage of CI
(scripts/ci/security) holds the live API to its document with schemathesis; these keep the
two causes of its findings from coming back."""

from typing import Any

import pytest

from reconnect.accounts.tests.factories import UserFactory
from reconnect.api import api
from reconnect.core.api_schema import MAX_PAGE

pytestmark = pytest.mark.django_db

PAGED_LISTS = [
    "/api/v1/hub/interventions",
    "/api/v1/schools",
    "/api/v1/selfeval/reviews",
    "/api/v1/network/notifications",
]
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def operations() -> list[tuple[str, dict[str, Any], set[str]]]:
    """Each operation's name, its OpenAPI entry and its documented statuses (as strings,
    as in the served JSON)."""
    schema = api.get_openapi_schema()
    return [
        (f"{method.upper()} {path}", operation, {str(code) for code in operation["responses"]})
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method in HTTP_METHODS
    ]


@pytest.mark.parametrize("url", PAGED_LISTS)
def test_a_page_past_the_highest_is_refused_rather_than_a_server_error(client, url):
    # page=10**20 made the database's OFFSET overflow: a 500 on SQLite.
    client.force_login(UserFactory.create())

    response = client.get(url, {"page": 10**20})

    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["query", "page"]
    assert problem["type"] == "less_than_equal"


@pytest.mark.parametrize("url", PAGED_LISTS)
def test_the_highest_page_is_an_empty_page(client, url):
    client.force_login(UserFactory.create())

    response = client.get(url, {"page": MAX_PAGE})

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_every_operation_with_a_path_parameter_documents_its_404():
    missing = [
        name
        for name, operation, statuses in operations()
        if any(p["in"] == "path" for p in operation.get("parameters", [])) and "404" not in statuses
    ]

    assert missing == []


def test_every_operation_that_takes_input_documents_its_422():
    missing = [
        name
        for name, operation, statuses in operations()
        if (operation.get("parameters") or "requestBody" in operation) and "422" not in statuses
    ]

    assert missing == []


def test_every_operation_with_a_body_documents_its_400():
    # Ninja answers 400 "Cannot parse request body" to a body that is not JSON at all.
    missing = [
        name
        for name, operation, statuses in operations()
        if "requestBody" in operation and "400" not in statuses
    ]

    assert missing == []


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post(
        "/api/v1/lab/calculator/mdes", data=b"\x00", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_a_422_answer_has_the_documented_shape(client):
    client.force_login(UserFactory.create())

    response = client.get("/api/v1/schools/not-a-number")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "int_parsing",
                "loc": ["path", "urn"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
            }
        ]
    }
    schema = api.get_openapi_schema()
    documented = schema["paths"]["/api/v1/schools/{urn}"]["get"]["responses"][422]
    reference = documented["content"]["application/json"]["schema"]["$ref"]
    problem = schema["components"]["schemas"]["ValidationProblemOut"]
    assert reference == "#/components/schemas/ValidationErrorOut"
    assert sorted(problem["required"]) == ["loc", "msg", "type"]
