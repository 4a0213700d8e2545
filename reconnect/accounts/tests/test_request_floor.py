"""What every signed-in request costs before its page: the session is saved at most once a
minute, and the second-factor gate is answered from the cache until what it depends on
changes."""

from datetime import datetime, timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.middleware import SESSION_RENEWED_KEY
from reconnect.accounts.tests.factories import UserFactory
from reconnect.accounts.tests.helpers import sign_in
from reconnect.core.coordinators import COORDINATORS_GROUP_NAME
from reconnect.schools.models import Membership, SystemLeaderScope
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, TrustFactory

PROFILE_URL = reverse("accounts:profile")
ENROL_URL = reverse("mfa_activate_totp")
ABOUT_URL = reverse("about")


def _session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")
    ]


def _gate_reads(queries: CaptureQueriesContext) -> list[str]:
    tables = ("mfa_authenticator", "schools_membership", "schools_systemleaderscope")
    return [
        query["sql"]
        for query in queries.captured_queries
        if any(f'FROM "{table}"' in query["sql"] for table in tables)
    ]


def _expiry(client) -> datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


# --- The session's idle expiry ---------------------------------------------------------------


def test_reading_pages_within_a_minute_of_signing_in_writes_no_session(client, staff_at_school_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, staff_at_school_a)
    signed_in_expiry = _expiry(client)

    with (
        time_machine.travel(start + timedelta(seconds=59), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(PROFILE_URL).status_code == 200

    assert _session_writes(queries) == []
    assert _expiry(client) == signed_in_expiry


def test_a_request_a_minute_on_moves_the_idle_expiry_on(client, staff_at_school_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, staff_at_school_a)
    signed_in_expiry = _expiry(client)

    with (
        time_machine.travel(start + timedelta(seconds=61), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(PROFILE_URL).status_code == 200

    assert len(_session_writes(queries)) == 1
    assert _expiry(client) == signed_in_expiry + timedelta(seconds=61)
    assert client.session[SESSION_RENEWED_KEY] == pytest.approx(
        (start + timedelta(seconds=61)).timestamp()
    )


def test_the_idle_limit_is_never_longer_than_thirty_minutes(client, staff_at_school_a):
    """Active at 50 s (no save), then idle: the session ends 30 minutes after the last save,
    not after the last request (at most the renewal interval sooner)."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, staff_at_school_a)
    with time_machine.travel(start + timedelta(seconds=50), tick=False):
        assert client.get(PROFILE_URL).status_code == 200
    with time_machine.travel(start + timedelta(minutes=30, seconds=1), tick=False):
        response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The second-factor gate ------------------------------------------------------------------


def test_the_gate_is_asked_once_and_then_answered_from_the_cache(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    with CaptureQueriesContext(connection) as first:
        client.get(ABOUT_URL)  # a page that reads none of the gate's tables itself
    with CaptureQueriesContext(connection) as second:
        client.get(ABOUT_URL)

    assert len(_gate_reads(first)) == 3  # an authenticator? a lead's role? a system leader?
    assert _gate_reads(second) == []


def test_a_member_made_lead_is_sent_to_enrol_on_the_next_request(
    client, staff_at_school_a, school_a
):
    client.force_login(staff_at_school_a)
    assert client.get(PROFILE_URL).status_code == 200

    membership = Membership.objects.get(user=staff_at_school_a, school=school_a)
    membership.role = SchoolRole.SCHOOL_LEAD
    membership.save()

    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


def test_a_new_membership_that_needs_a_second_factor_is_seen_at_once(
    client, staff_at_school_a, school_b
):
    client.force_login(staff_at_school_a)
    assert client.get(PROFILE_URL).status_code == 200

    MembershipFactory.create(user=staff_at_school_a, school=school_b, role=SchoolRole.DATA_LEAD)

    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


def test_a_system_leaders_scope_is_seen_at_once(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    assert client.get(PROFILE_URL).status_code == 200

    SystemLeaderScope.objects.create(user=staff_at_school_a, trust=TrustFactory.create())

    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


@pytest.mark.parametrize("via", ["user.groups", "group.user_set"])
def test_joining_the_coordinators_group_is_seen_at_once(client, staff_at_school_a, via):
    client.force_login(staff_at_school_a)
    assert client.get(PROFILE_URL).status_code == 200

    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)
    if via == "user.groups":
        staff_at_school_a.groups.add(group)
    else:
        group.user_set.add(staff_at_school_a)

    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


def test_leaving_the_coordinators_group_by_clearing_it_is_seen_at_once(client, db):
    user = UserFactory.create(email="leaving.coordinator@example.org")
    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)
    group.user_set.add(user)
    client.force_login(user)
    assert client.get(PROFILE_URL)["Location"] == ENROL_URL

    group.user_set.clear()

    assert client.get(PROFILE_URL).status_code == 200


def test_enrolling_opens_the_site_and_removing_the_factor_closes_it(client, unenrolled_lead):
    client.force_login(unenrolled_lead)
    assert client.get(PROFILE_URL)["Location"] == ENROL_URL

    authenticator = Authenticator.objects.create(
        user=unenrolled_lead, type=Authenticator.Type.TOTP, data={"secret": "not-used-here"}
    )
    assert client.get(PROFILE_URL).status_code == 200

    authenticator.delete()
    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


def test_one_members_answer_is_never_anothers(client, staff_at_school_a, unenrolled_lead):
    client.force_login(staff_at_school_a)
    assert client.get(PROFILE_URL).status_code == 200

    client.force_login(unenrolled_lead)

    assert client.get(PROFILE_URL)["Location"] == ENROL_URL


@pytest.fixture
def unenrolled_lead(school_a):
    user = UserFactory.create(email="new.lead@example.org")
    MembershipFactory.create(user=user, school=school_a, role=SchoolRole.SCHOOL_LEAD)
    return user
