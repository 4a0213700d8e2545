"""Wagtail's own sign-in forms are closed: they would skip allauth's second factor and
its rate limits (G5, G7), so both only redirect to the one sign-in page."""

import pytest

from reconnect.accounts.tests.factories import TEST_PASSWORD


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtail_sign_in_form_redirects_to_allauth(client, db, path):
    response = client.get(f"{path}?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.mark.parametrize("path", ["/admin/login/", "/_util/login/"])
def test_wagtail_sign_in_form_does_not_sign_anyone_in(client, admin_user, path):
    response = client.post(path, {"username": admin_user.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_wagtail_admin_sends_visitors_to_allauth(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
