"""Security behaviour of signing in and staying signed in (security goals G5–G10, G19)."""

import time
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.middleware import SESSION_STARTED_KEY
from reconnect.accounts.tests.factories import TEST_PASSWORD, UserFactory, invitation_with_token
from reconnect.accounts.tests.helpers import sign_in, totp_code, totp_secret
from reconnect.core.models import AuditEvent
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory

LOGIN_URL = reverse("account_login")
MFA_URL = reverse("mfa_authenticate")
ENROL_URL = reverse("mfa_activate_totp")


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    # Rate-limit buckets and used one-time codes live in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unenrolled_lead(school_a):
    user = UserFactory.create(email="new.lead@example.org")
    MembershipFactory.create(user=user, school=school_a, role=SchoolRole.SCHOOL_LEAD)
    return user


def _password_login(client: Client, email: str, password: str = TEST_PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def _signed_in_user(client: Client):
    return client.get(reverse("accounts:profile")).wsgi_request.user


# --- Two-step verification is required for leads (G5) ----------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/profile/",
        "/accounts/invitations/",
        "/accounts/invitations/new/",
        "/accounts/schools/900001/members/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/admin/",
    ],
)
def test_mfa_required_redirects_an_unenrolled_lead_to_enrolment(client, unenrolled_lead, path):
    client.force_login(unenrolled_lead)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == ENROL_URL


def test_mfa_required_refuses_the_api_with_an_explanation(client, unenrolled_lead):
    client.force_login(unenrolled_lead)

    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Your role needs two-step verification. Set up an authenticator app first.",
        "enrol_url": ENROL_URL,
    }


def test_mfa_required_tells_htmx_to_load_the_enrolment_page(client, unenrolled_lead):
    client.force_login(unenrolled_lead)

    response = client.get("/accounts/profile/", headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == ENROL_URL


@pytest.mark.parametrize(
    "url_name", ["mfa_index", "mfa_activate_totp", "account_reauthenticate", "account_logout"]
)
def test_mfa_required_leaves_the_enrolment_pages_open(client, unenrolled_lead, url_name):
    client.force_login(unenrolled_lead)

    response = client.get(reverse(url_name))

    assert response.status_code in (200, 302)
    assert response.get("Location", "") != ENROL_URL


@pytest.mark.parametrize(
    "fixture", ["coordinator", "system_leader", "admin_user", "data_lead_at_school_a"]
)
def test_mfa_required_for_every_role_that_needs_it(client, request, fixture):
    user = request.getfixturevalue(fixture)
    Authenticator.objects.filter(user=user).delete()
    client.force_login(user)

    assert client.get("/accounts/profile/")["Location"] == ENROL_URL


def test_mfa_not_required_of_staff(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    assert client.get("/accounts/profile/").status_code == 200


def test_mfa_requirement_can_be_switched_off_for_the_demo(client, unenrolled_lead, settings):
    settings.RECONNECT_REQUIRE_MFA = False
    client.force_login(unenrolled_lead)

    assert client.get("/accounts/profile/").status_code == 200


def _reauthenticate(client: Client) -> None:
    """allauth asks for the password again before security changes (G10)."""
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302


def test_mfa_enrolment_by_a_lead_is_audited_and_opens_the_site(
    client, unenrolled_lead, settings, django_capture_on_commit_callbacks
):
    # allauth announces the new authenticator on commit, which the test's transaction holds
    # back until the callbacks run after the request; its notification email needs the
    # request, so it is off here (the audit record is what this test is about).
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = False
    sign_in(client, unenrolled_lead)
    first = client.get(ENROL_URL)
    _reauthenticate(client)
    page = client.get(ENROL_URL)
    secret = client.session["mfa.totp.secret"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENROL_URL, {"code": totp_code(secret)})

    assert (
        first["Location"]
        == f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    assert page.status_code == 200
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200
    changes = AuditEvent.objects.filter(actor=unenrolled_lead, action="mfa_changed")
    assert sorted(event.detail["type"] for event in changes) == ["recovery_codes", "totp"]


def test_mfa_deactivation_is_audited(client, staff_at_school_a):
    Authenticator.objects.create(
        user=staff_at_school_a, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    sign_in(client, staff_at_school_a)
    _reauthenticate(client)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=staff_at_school_a).exists()
    event = AuditEvent.objects.get(action="mfa_changed")
    assert event.detail == {"change": "removed", "type": "totp"}


# --- Signing in with a second factor (G5, G6) ------------------------------------------------


def test_sign_in_asks_for_the_code_of_an_enrolled_member(client, head_at_school_a):
    response = _password_login(client, "head.a@example.org")

    assert response.status_code == 302
    assert response["Location"] == MFA_URL
    assert not _signed_in_user(client).is_authenticated

    code = totp_code(totp_secret(head_at_school_a))
    done = client.post(MFA_URL, {"code": code})

    assert done.status_code == 302
    assert done["Location"] == "/"
    assert _signed_in_user(client) == head_at_school_a
    assert AuditEvent.objects.filter(actor=head_at_school_a, action="sign_in").count() == 1


def test_sign_in_refuses_a_wrong_code(client, head_at_school_a):
    _password_login(client, "head.a@example.org")
    good = totp_code(totp_secret(head_at_school_a))
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"

    response = client.post(MFA_URL, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Incorrect code."]
    assert not _signed_in_user(client).is_authenticated
    event = AuditEvent.objects.get(action="sign_in_failed")
    assert event.actor == head_at_school_a
    assert event.detail == {"reason": "second_factor", "reauthentication": False}


def test_sign_in_refuses_a_code_already_used(client, head_at_school_a):
    now = time.time()
    code = totp_code(totp_secret(head_at_school_a), at=now)
    with time_machine.travel(now, tick=False):
        _password_login(client, "head.a@example.org")
        client.post(MFA_URL, {"code": code})
        client.post(reverse("account_logout"))

        other = Client()
        _password_login(other, "head.a@example.org")
        response = other.post(MFA_URL, {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Incorrect code."]
    assert not _signed_in_user(other).is_authenticated


def test_sign_in_with_a_recovery_code_works_once(client, head_at_school_a):
    codes = RecoveryCodes.activate(head_at_school_a).generate_codes()
    _password_login(client, "head.a@example.org")

    first = client.post(MFA_URL, {"code": codes[0]})
    client.post(reverse("account_logout"))
    _password_login(client, "head.a@example.org")
    again = client.post(MFA_URL, {"code": codes[0]})

    assert first.status_code == 302
    assert again.status_code == 200
    assert again.context["form"].errors["code"] == ["Incorrect code."]
    assert not _signed_in_user(client).is_authenticated


# --- Brute-force throttles (G7, G8) ----------------------------------------------------------


def test_sign_in_refuses_the_sixth_attempt_after_five_failures_even_with_the_right_password(
    client, staff_at_school_a
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            failed = _password_login(client, "staff.a@example.org", "not-the-password-1")
            assert failed.status_code == 200

        sixth = _password_login(client, "staff.a@example.org")

    assert sixth.status_code == 200
    assert sixth.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert not _signed_in_user(client).is_authenticated
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == 6
    assert (
        AuditEvent.objects.filter(action="sign_in_failed", detail__reason="rate_limited").count()
        == 1
    )
    # The bucket empties by itself: nobody is locked out for good.
    with time_machine.travel(start + timedelta(minutes=5, seconds=1), tick=False):
        later = _password_login(client, "staff.a@example.org")
    assert later.status_code == 302
    assert _signed_in_user(client) == staff_at_school_a


def test_sign_in_is_limited_to_ten_failures_a_minute_per_address(client, db):
    users = [UserFactory.create(email=f"member{n}@example.org") for n in range(11)]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for user in users[:10]:
            _password_login(client, user.email, "not-the-password-1")

        eleventh = _password_login(client, users[10].email)

    assert eleventh.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        later = _password_login(client, users[10].email)
    assert later.status_code == 302


def test_password_reset_sends_no_email_when_rate_limited(client, staff_at_school_a):
    url = reverse("account_reset_password")
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            client.post(url, {"email": "staff.a@example.org"})
        sent = len(mail.outbox)

        response = client.post(url, {"email": "staff.a@example.org"})

    assert sent == 5
    assert response.status_code in (200, 429)
    assert len(mail.outbox) == 5


# --- Sessions (G10) --------------------------------------------------------------------------


def test_session_ends_after_thirty_idle_minutes(client, staff_at_school_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, staff_at_school_a)
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert _signed_in_user(client) == staff_at_school_a  # and the idle clock restarts
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert _signed_in_user(client) == staff_at_school_a
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_session_ends_twelve_hours_after_sign_in_however_active(client, staff_at_school_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, staff_at_school_a)
    # Active every 25 minutes, so the idle limit never bites.
    for step in range(1, 29):
        with time_machine.travel(start + timedelta(minutes=25 * step), tick=False):
            assert client.get(reverse("accounts:profile")).status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert not _signed_in_user(client).is_authenticated


def test_sign_in_stamps_the_session_start(client, staff_at_school_a):
    before = time.time()

    sign_in(client, staff_at_school_a)

    assert client.session[SESSION_STARTED_KEY] >= before


def test_sign_out_deletes_the_server_session_and_is_audited(client, staff_at_school_a):
    sign_in(client, staff_at_school_a)
    session_key = client.session.session_key

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=session_key).exists()
    assert AuditEvent.objects.filter(actor=staff_at_school_a, action="sign_out").count() == 1


# --- Password policy (G9) --------------------------------------------------------------------


def _signup_with_password(client: Client, school, password: str):
    _invitation, token = invitation_with_token(school=school, email="pw@example.org")
    client.post(reverse("accounts:invitation-accept", args=[token]))
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Pat",
            "last_name": "Word",
            "job_title": "Teacher",
            "email": "pw@example.org",
            "password1": password,
            "password2": password,
        },
    )


def test_password_under_twelve_characters_is_refused(client, school_a):
    response = _signup_with_password(client, school_a, "short-pw-11")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "This password is too short. It must contain at least 12 characters."
    ]


def test_common_password_is_refused(client, school_a):
    response = _signup_with_password(client, school_a, "qwertyuiop12")

    assert response.context["form"].errors["password1"] == ["This password is too common."]


def test_long_passphrase_is_accepted(client, school_a):
    passphrase = "the quiet library on the corner opens at nine every weekday morning!"
    assert len(passphrase) >= 64

    response = _signup_with_password(client, school_a, passphrase)

    assert response.status_code == 302
    assert _signed_in_user(client).email == "pw@example.org"


# --- Audit of account changes (G19) ----------------------------------------------------------


def test_password_change_is_audited(client, staff_at_school_a):
    sign_in(client, staff_at_school_a)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "a brand new long passphrase",
            "password2": "a brand new long passphrase",
        },
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="password_changed")
    assert (event.actor, event.detail) == (staff_at_school_a, {"change": "changed"})


def test_changing_the_email_address_needs_reauthentication_and_a_code_and_is_audited(
    client, head_at_school_a
):
    sign_in(client, head_at_school_a)
    add = {"action_add": "", "email": "harriet.head@example.org"}

    refused = client.post(reverse("account_email"), add)
    _reauthenticate(client)
    added = client.post(reverse("account_email"), add)
    code = mail.outbox[-1].body.split("listed below. Please enter it in your open browser window.")[
        1
    ]
    confirmed = client.post(
        reverse("account_email_verification_sent"), {"code": code.strip().split()[0]}
    )

    assert refused["Location"].startswith(reverse("account_reauthenticate"))
    assert added["Location"] == reverse("account_email_verification_sent")
    assert confirmed.status_code == 302
    head_at_school_a.refresh_from_db()
    assert head_at_school_a.email == "harriet.head@example.org"
    changes = AuditEvent.objects.filter(action="email_changed").order_by("pk")
    assert [event.detail["change"] for event in changes] == ["added", "verified", "primary"]


# --- Every other throttle on the account pages (G8) ------------------------------------------


def test_second_factor_refuses_the_sixth_code_after_five_wrong_ones(client, head_at_school_a):
    _password_login(client, "head.a@example.org")
    good = totp_code(totp_secret(head_at_school_a))
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            client.post(MFA_URL, {"code": wrong})

        sixth = client.post(MFA_URL, {"code": good})

    assert sixth.status_code == 200
    assert sixth.context["form"].errors["code"] == [
        "Too many failed login attempts. Try again later."
    ]
    assert not _signed_in_user(client).is_authenticated


def test_signup_is_limited_to_twenty_a_minute_per_address(client, school_a):
    _invitation, token = invitation_with_token(school=school_a, email="limit@example.org")
    client.post(reverse("accounts:invitation-accept", args=[token]))
    bad = {"first_name": "A", "last_name": "B", "job_title": "C", "email": "limit@example.org"}
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(20):
            assert client.post(reverse("account_signup"), bad).status_code == 200
        good = {
            **bad,
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        }

        response = client.post(reverse("account_signup"), good)

    assert response.status_code == 429
    assert not UserFactory._meta.model.objects.filter(email="limit@example.org").exists()


def test_reauthentication_is_limited_to_ten_a_minute(client, staff_at_school_a):
    sign_in(client, staff_at_school_a)
    url = reverse("account_reauthenticate")
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(10):
            client.post(url, {"password": "not-the-password-1"})

        response = client.post(url, {"password": TEST_PASSWORD})

    assert response.status_code == 429
    # Still not re-authenticated: a security page asks for the password again.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(url)


def test_password_change_is_limited_to_five_a_minute(client, staff_at_school_a):
    sign_in(client, staff_at_school_a)
    url = reverse("account_change_password")
    wrong = {"oldpassword": "not-the-password-1", "password1": "x" * 20, "password2": "x" * 20}
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(5):
            client.post(url, wrong)

        response = client.post(url, {**wrong, "oldpassword": TEST_PASSWORD})

    assert response.status_code == 429
    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.check_password(TEST_PASSWORD)
    assert not AuditEvent.objects.filter(action="password_changed").exists()


def test_email_management_is_limited_to_ten_a_minute(client, staff_at_school_a):
    sign_in(client, staff_at_school_a)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    url = reverse("account_email")
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(10):
            client.post(url, {"action_add": "", "email": "not an address"})
        sent = len(mail.outbox)

        response = client.post(url, {"action_add": "", "email": "sam.other@example.org"})

    assert response.status_code == 429
    assert len(mail.outbox) == sent


def test_password_reset_by_email_link_is_audited(client, staff_at_school_a):
    client.post(reverse("account_reset_password"), {"email": "staff.a@example.org"})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/key/" in line
    )
    path = "/" + link.strip().split("://", 1)[1].split("/", 1)[1]

    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {
            "password1": "a new and memorable passphrase",
            "password2": "a new and memorable passphrase",
        },
    )

    assert response.status_code == 302
    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.check_password("a new and memorable passphrase")
    event = AuditEvent.objects.get(action="password_changed")
    assert (event.actor, event.detail) == (staff_at_school_a, {"change": "reset"})
