"""Sessions and signed-in users read with SQL compiled once (``accounts.session_store``,
``accounts.backends``) read what Django reads."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reconnect.accounts.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_this_store():
    assert settings.SESSION_ENGINE == "reconnect.accounts.session_store"


def test_a_live_session_loads_its_data_in_one_query():
    saved = SessionStore()
    saved["school"] = 100001
    saved.create()

    with CaptureQueriesContext(connection) as queries:
        loaded = SessionStore(saved.session_key).load()

    assert loaded == {"school": 100001}
    assert loaded == DjangoSessionStore(saved.session_key).load()
    assert len(queries) == 1
    assert "stand-in" not in queries[0]["sql"]  # the request's key went in its place


def test_an_expired_session_loads_nothing_and_its_key_is_forgotten():
    saved = SessionStore()
    saved["school"] = 100001
    saved.create()
    Session.objects.filter(session_key=saved.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    store = SessionStore(saved.session_key)

    assert store.load() == {}
    assert store.session_key is None  # as Django's store: a new key when it is saved


def test_an_unknown_key_loads_nothing():
    store = SessionStore("k" * 32)

    assert store.load() == {}
    assert store.session_key is None


def test_a_session_expiring_a_minute_from_now_is_still_read():
    saved = SessionStore()
    saved["n"] = 1
    saved.create()
    Session.objects.filter(session_key=saved.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )

    assert SessionStore(saved.session_key).load() == {"n": 1}


def test_signing_in_and_browsing_works_through_the_store(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/about/")

    assert response.status_code == 200
    assert response.wsgi_request.user == staff_at_school_a
    assert isinstance(response.wsgi_request.session, SessionStore)


def test_the_signed_in_user_is_loaded_with_one_query_and_equals_the_orms(client, staff_at_school_a):
    from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

    from reconnect.accounts.backends import ModelBackend

    client.force_login(staff_at_school_a)
    ModelBackend().get_user(staff_at_school_a.pk)  # compiled here

    with CaptureQueriesContext(connection) as queries:
        user = ModelBackend().get_user(str(staff_at_school_a.pk))

    assert len(queries) == 1
    assert user == DjangoModelBackend().get_user(staff_at_school_a.pk)
    assert (user.email, user.display_name, user.is_active) == (
        staff_at_school_a.email,
        staff_at_school_a.display_name,
        True,
    )


def test_an_inactive_or_unknown_user_is_nobody(staff_at_school_a):
    from reconnect.accounts.backends import AuthenticationBackend, ModelBackend

    assert ModelBackend().get_user(987654321) is None
    assert AuthenticationBackend().get_user("not a number") is None
    staff_at_school_a.is_active = False
    staff_at_school_a.save(update_fields=["is_active"])
    assert ModelBackend().get_user(staff_at_school_a.pk) is None
    assert AuthenticationBackend().get_user(staff_at_school_a.pk) is None


def test_both_sign_in_backends_load_users_this_way():
    assert settings.AUTHENTICATION_BACKENDS == [
        "reconnect.accounts.backends.ModelBackend",
        "reconnect.accounts.backends.AuthenticationBackend",
    ]
