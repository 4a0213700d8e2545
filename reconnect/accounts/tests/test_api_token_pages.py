"""The pages where members make, list and revoke their personal access tokens."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.accounts import services
from reconnect.accounts.api_tokens import token_hash
from reconnect.accounts.audit_actions import API_TOKEN_CREATED, API_TOKEN_REVOKED
from reconnect.accounts.forms import ApiTokenForm
from reconnect.accounts.models import ApiToken
from reconnect.core.models import AuditEvent

LIST = reverse("accounts:api-token-list")
CREATE = reverse("accounts:api-token-create")


def make_token(user, school, name="MIS sync") -> ApiToken:
    token, _text = services.api_token_create(
        user=user, school=school, name=name, scope="read", days=30
    )
    return token


def test_the_account_page_links_to_the_tokens(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get(reverse("accounts:profile"))

    assert f'href="{LIST}"' in response.content.decode()


def test_making_a_token_shows_its_text_once(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)
    data = {"name": "MIS sync", "school": school_a.pk, "scope": "read-write", "days": "365"}

    response = client.post(CREATE, data)

    token = ApiToken.objects.get(user=staff_at_school_a)
    page = response.content.decode()
    text = page.split('id="api-token-text" type="text" value="', 1)[1].split('"', 1)[0]
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert token_hash(text) == token.token_hash
    assert (token.name, token.school, token.scope) == ("MIS sync", school_a, "read-write")
    assert (token.expires_at - token.created_at).days == 365
    listing = client.get(LIST).content.decode()
    assert text not in listing
    assert token.display_prefix in listing
    event = AuditEvent.objects.get(action=API_TOKEN_CREATED)
    assert (event.actor, event.school_urn, event.target_id) == (
        staff_at_school_a,
        900001,
        str(token.pk),
    )
    assert text not in str(event.detail)


def test_the_same_form_sent_twice_makes_one_token(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)
    form = client.get(CREATE).content.decode()
    key = form.split('name="submission_key" value="', 1)[1].split('"', 1)[0]
    data = {"name": "MIS sync", "school": school_a.pk, "scope": "read", "days": "30"}

    first = client.post(CREATE, {**data, "submission_key": key})
    again = client.post(CREATE, {**data, "submission_key": key}, follow=True)

    assert first.status_code == 200
    assert again.redirect_chain == [(LIST, 302)]
    assert "That token was made already, and its text shown once." in again.content.decode()
    assert ApiToken.objects.filter(user=staff_at_school_a).count() == 1
    other = client.post(CREATE, {**data, "submission_key": "0" * 32})  # another form
    assert other.status_code == 200
    assert ApiToken.objects.filter(user=staff_at_school_a).count() == 2


def test_a_token_cannot_be_made_for_another_school(client, staff_at_school_a, school_b):
    client.force_login(staff_at_school_a)
    data = {"name": "Sneaky", "school": school_b.pk, "scope": "read", "days": "30"}

    response = client.post(CREATE, data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_someone_without_a_school_is_told_why_they_cannot_make_one(client, coordinator):
    client.force_login(coordinator)

    response = client.get(CREATE)

    assert "only members of a school can make one" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main", 1)[1]


def test_the_lifetimes_offered_are_the_ones_the_service_accepts(staff_at_school_a):
    form = ApiTokenForm(user=staff_at_school_a)

    offered = [choice.data["value"] for choice in form["days"]]

    assert tuple(offered) == services.API_TOKEN_LIFETIMES_DAYS


def test_the_list_shows_only_my_tokens(client, staff_at_school_a, head_at_school_a, school_a):
    make_token(staff_at_school_a, school_a, name="Mine")
    make_token(head_at_school_a, school_a, name="Theirs")
    client.force_login(staff_at_school_a)

    page = client.get(LIST).content.decode()

    assert "Mine" in page
    assert "Theirs" not in page


def test_the_list_costs_the_same_for_one_token_as_for_three(
    client, staff_at_school_a, school_a, django_assert_num_queries
):
    client.force_login(staff_at_school_a)
    make_token(staff_at_school_a, school_a)
    client.get(LIST)  # warm the session and the header's caches
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    make_token(staff_at_school_a, school_a)
    make_token(staff_at_school_a, school_a)

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(LIST)


def test_revoking_asks_first_then_stops_the_token(client, staff_at_school_a, school_a):
    token = make_token(staff_at_school_a, school_a)
    client.force_login(staff_at_school_a)
    url = reverse("accounts:api-token-revoke", args=[token.pk])

    confirm = client.get(url)
    token.refresh_from_db()
    assert confirm.status_code == 200
    assert token.revoked_at is None

    response = client.post(url)

    token.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action=API_TOKEN_REVOKED)
    assert (event.actor, event.target_id) == (staff_at_school_a, str(token.pk))


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_persons_token_is_a_404_and_unchanged(
    client, staff_at_school_a, head_at_school_a, school_a, method
):
    token = make_token(head_at_school_a, school_a)
    client.force_login(staff_at_school_a)

    response = getattr(client, method)(reverse("accounts:api-token-revoke", args=[token.pk]))

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


def test_visitors_are_sent_to_sign_in(client, db):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
