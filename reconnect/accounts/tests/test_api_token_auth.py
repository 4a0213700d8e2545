"""Personal access tokens at the API: who gets in, as whom, for which school, how often."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reconnect.accounts import services
from reconnect.accounts.acting_school import current_acting_school
from reconnect.accounts.api_tokens import token_generate, token_hash
from reconnect.accounts.models import ApiToken
from reconnect.network.tests.factories import NotificationFactory
from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory
from reconnect.selfeval.tests.factories import open_review, published_framework

SCHOOLS = "/api/v1/schools"
READ_ALL = "/api/v1/network/notifications/read-all"
NETWORK = "/api/v1/spectrum/network"


def bearer(text: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {text}"}


def make_token(user, school, *, scope="read", days=30) -> tuple[ApiToken, str]:
    return services.api_token_create(user=user, school=school, name="Sync", scope=scope, days=days)


def refused(response, detail: str) -> None:
    assert response.status_code == 401
    assert response.json() == {"detail": detail}
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.fixture
def token(head_at_school_a, school_a) -> tuple[ApiToken, str]:
    return make_token(head_at_school_a, school_a)


def test_a_token_reads_the_api_without_a_session(client, token):
    _row, text = token

    response = client.get(SCHOOLS, headers=bearer(text))

    assert response.status_code == 200
    assert [school["urn"] for school in response.json()["items"]] == [900001]
    assert not response.cookies  # no session was opened for it


def test_no_credentials_at_all_is_a_401_naming_the_bearer_scheme(client, db):
    response = client.get(SCHOOLS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_refused(client, token):
    row, text = token
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    refused(client.get(SCHOOLS, headers=bearer(text)), "The token has expired.")


def test_a_revoked_token_is_refused(client, token, head_at_school_a):
    row, text = token
    services.api_token_revoke(token=row, by=head_at_school_a)

    refused(client.get(SCHOOLS, headers=bearer(text)), "The token has been revoked.")


@pytest.mark.parametrize(
    "presented",
    [
        "rct_abcdefghijkl_" + "A" * 40,  # well formed, no such token
        "not-a-token",
        "rct_short_secret",
        "",
    ],
)
def test_an_unknown_or_malformed_token_is_refused(client, token, presented):
    refused(client.get(SCHOOLS, headers=bearer(presented)), "The token is not valid.")


def test_a_token_with_a_known_prefix_but_the_wrong_secret_is_refused(client, token):
    row, _text = token

    refused(
        client.get(SCHOOLS, headers=bearer(f"rct_{row.prefix}_{'x' * 40}")),
        "The token is not valid.",
    )


def test_a_bad_token_never_falls_back_to_the_session(client, token, head_at_school_a):
    client.force_login(head_at_school_a)

    refused(client.get(SCHOOLS, headers=bearer("nonsense")), "The token is not valid.")


def test_a_token_stops_working_when_its_owner_leaves_the_school(client, token, head_at_school_a):
    _row, text = token
    Membership.objects.filter(user=head_at_school_a).delete()

    refused(
        client.get(SCHOOLS, headers=bearer(text)),
        "The token's owner no longer belongs to its school.",
    )


def test_a_token_stops_working_when_its_owner_is_deactivated(client, token, head_at_school_a):
    _row, text = token
    head_at_school_a.is_active = False
    head_at_school_a.save(update_fields=["is_active"])

    refused(
        client.get(SCHOOLS, headers=bearer(text)),
        "The token's owner no longer belongs to its school.",
    )


def test_a_read_token_may_not_write(client, token, head_at_school_a):
    _row, text = token
    notification = NotificationFactory.create(user=head_at_school_a)

    response = client.post(READ_ALL, headers=bearer(text))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This token is read-only; this operation needs a read-write token."
    }
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_read_write_token_writes_without_a_csrf_token(head_at_school_a, school_a):
    _row, text = make_token(head_at_school_a, school_a, scope="read-write")
    notification = NotificationFactory.create(user=head_at_school_a)
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(READ_ALL, headers=bearer(text))

    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_session_still_needs_its_csrf_token_to_write(head_at_school_a, db):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(head_at_school_a)

    response = strict.post(READ_ALL)

    assert response.status_code == 403


def test_a_token_acts_for_its_own_school_only(client, head_at_school_a, school_a, school_b):
    # The same person leads both schools; their token for A must not reach B.
    MembershipFactory(user=head_at_school_a, school=school_b, role=SchoolRole.SCHOOL_LEAD)
    framework = published_framework()
    review_a = open_review(school_a, framework, user=head_at_school_a)
    review_b = open_review(school_b, framework, user=head_at_school_a)
    _row, text = make_token(head_at_school_a, school_a)

    listed = client.get("/api/v1/selfeval/reviews", headers=bearer(text))
    other = client.get(f"/api/v1/selfeval/reviews/{review_b.pk}", headers=bearer(text))
    own = client.get(f"/api/v1/selfeval/reviews/{review_a.pk}", headers=bearer(text))

    assert [review["id"] for review in listed.json()["items"]] == [review_a.pk]
    assert other.status_code == 404
    assert other.json() == {"detail": "Not Found"}
    assert own.status_code == 200
    # The session, and this process after the requests, still see both schools.
    client.force_login(head_at_school_a)
    assert client.get(f"/api/v1/selfeval/reviews/{review_b.pk}").status_code == 200
    assert current_acting_school() is None
    assert Membership.objects.filter(user=head_at_school_a).count() == 2


def test_a_coordinators_token_has_no_network_wide_powers(client, coordinator, school_a):
    MembershipFactory(user=coordinator, school=school_a, role=SchoolRole.SCHOOL_LEAD)
    _row, text = make_token(coordinator, school_a)
    client.force_login(coordinator)

    with_session = client.get(NETWORK)
    with_token = client.get(NETWORK, headers=bearer(text))

    assert with_session.status_code == 200
    assert with_token.status_code == 403
    coordinator.refresh_from_db()
    assert coordinator.is_coordinator is True  # only the request's copy was narrowed


def test_a_token_is_rate_limited_on_its_own(
    client, head_at_school_a, school_a, settings, monkeypatch
):
    settings.RECONNECT_API_TOKEN_PER_MINUTE = 3
    # Mid-minute, so the four requests cannot straddle two windows.
    monkeypatch.setattr("reconnect.core.ratelimit.time.time", lambda: 1_800_000_030.0)
    _first, text = make_token(head_at_school_a, school_a)
    _second, other = make_token(head_at_school_a, school_a)

    statuses = [client.get(SCHOOLS, headers=bearer(text)).status_code for _ in range(3)]
    limited = client.get(SCHOOLS, headers=bearer(text))

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert limited["Retry-After"] == "30"
    assert limited.json() == {"detail": "Too many requests with this token; try again later."}
    assert client.get(SCHOOLS, headers=bearer(other)).status_code == 200


def test_last_used_is_written_at_most_once_a_minute(client, token, django_assert_num_queries):
    row, text = token
    assert row.last_used_at is None

    client.get(SCHOOLS, headers=bearer(text))
    row.refresh_from_db()
    first_use = row.last_used_at
    client.get(SCHOOLS, headers=bearer(text))
    row.refresh_from_db()

    assert first_use is not None
    assert row.last_used_at == first_use  # the second use, seconds later, wrote nothing
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first_use - timedelta(minutes=2))
    client.get(SCHOOLS, headers=bearer(text))
    row.refresh_from_db()
    assert row.last_used_at > first_use


def test_a_public_operation_ignores_a_token(client, db):
    response = client.get("/api/v1/hub/themes", headers=bearer("nonsense"))

    assert response.status_code == 200


def test_the_secret_is_returned_once_and_only_its_hash_is_kept(head_at_school_a, school_a):
    row, text = make_token(head_at_school_a, school_a, scope="read-write", days=90)

    row.refresh_from_db()
    assert text.startswith(f"rct_{row.prefix}_")
    assert len(text) == len("rct_") + 12 + 1 + 40
    assert row.token_hash == token_hash(text)
    stored = [str(value) for value in ApiToken.objects.filter(pk=row.pk).values().get().values()]
    assert not any(text.split("_")[-1] in value for value in stored)
    assert row.expires_at - row.created_at == timedelta(days=90)


def test_tokens_are_distinct_and_shaped_for_secret_scanners():
    made = {token_generate().token for _ in range(50)}

    assert len(made) == 50
    assert all(text.startswith("rct_") and text.count("_") == 2 for text in made)


def test_the_api_document_names_each_operations_scope(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    operations = {
        (method, path): operation
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    assert schema["components"]["securitySchemes"]["BearerTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    upload = operations[("post", "/api/v1/spectrum/schools/{urn}/imports")]
    assert upload["x-scopes"] == ["read-write"]
    assert upload["description"].endswith("Token scope: `read-write`.")
    assert {"BearerTokenAuth": []} in upload["security"]
    listing = operations[("get", "/api/v1/schools")]
    assert listing["x-scopes"] == ["read"]
    public = operations[("get", "/api/v1/hub/themes")]
    assert public["x-scopes"] == []
    assert "security" not in public
    assert all("x-scopes" in operation for operation in operations.values())


def test_the_api_document_lists_the_token_refusals_each_operation_may_give(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    upload = schema["paths"]["/api/v1/spectrum/schools/{urn}/imports"]["post"]["responses"]
    listing = schema["paths"]["/api/v1/schools"]["get"]["responses"]
    public = schema["paths"]["/api/v1/hub/themes"]["get"]["responses"]

    assert {"401", "403", "429"} <= set(upload)
    assert {"401", "429"} <= set(listing)
    assert "403" not in listing
    assert not {"401", "403", "429"} & set(public)


@pytest.mark.parametrize(
    "path",
    [SCHOOLS, "/api/v1/network/notifications", "/api/v1/selfeval/reviews", "/api/v1/hub/search"],
)
def test_the_one_school_narrowing_ends_with_each_request(client, token, path):
    # Every router, nested ones too, runs its operations inside the scope that undoes it.
    _row, text = token

    response = client.get(path, headers=bearer(text))

    assert response.status_code == 200
    assert current_acting_school() is None
