"""Access-control matrix rows for accounts: our views and every allauth URL (account_*, mfa_*).

The matrix signs personas in with ``force_login``. Leads, school A's data lead, the system
leader, the coordinator and the administrator are enrolled in two-step verification by the
root conftest (their roles require it); staff are not, and need not be. Otherwise the data
lead answers like staff here: only a school lead invites and manages members.
``force_login`` records no recent password entry, so allauth's pages that demand
re-authentication answer 302 to ``account_reauthenticate`` for every signed-in persona:
that redirect is the control.
"""

from allauth.mfa.models import Authenticator

from reconnect.accounts import services
from reconnect.accounts.tests.factories import (
    InvitationFactory,
    JoinRequestFactory,
    UserFactory,
    invitation_with_token,
)
from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory
from tests.access import Case, World, everyone, members_only

# Who may open the invitation pages: school leads (for their school) and coordinators.
LEADS_AND_COORDINATORS = members_only(
    200,
    staff_a=403,
    system_leader=403,
    lead_a=200,
    data_lead_a=403,
    lead_b=200,
    coordinator=200,
    admin=200,
)
# Acting on something at school A: its lead and coordinators; another school's lead gets a
# 404 (it is not theirs to know about); school A's staff see it exists but may not act.
SCHOOL_A_ACTION = {
    "anonymous": 302,
    "staff_a": 403,
    "lead_a": 302,
    "data_lead_a": 403,
    "lead_b": 404,
    "system_leader": 404,
    "coordinator": 302,
    "admin": 302,
}
COORDINATORS_ONLY = members_only(403, coordinator=200, admin=200)
COORDINATORS_ACT = members_only(403, coordinator=302, admin=302)
# Pages for visitors: a signed-in person is sent on (to the home page), not to sign in.
VISITORS_ONLY = {**everyone(302), "anonymous": 200}
# allauth pages that ask a signed-in person to confirm their password first.
REAUTHENTICATE = members_only(302)


def _invitation_at_a(world: World) -> dict[str, int]:
    return {"pk": InvitationFactory.create(school=world.school_a).pk}


def _lead_invitation_at_a(world: World) -> dict[str, int]:
    invitation = InvitationFactory.create(school=world.school_a, role=SchoolRole.SCHOOL_LEAD)
    return {"pk": invitation.pk}


def _invitation_token(world: World) -> dict[str, str]:
    _invitation, token = invitation_with_token(school=world.school_a, email="new@example.org")
    return {"token": token}


def _join_request(world: World) -> dict[str, int]:
    return {"pk": JoinRequestFactory.create(school=world.school_a).pk}


def _staff_membership(world: World) -> dict[str, int]:
    membership = Membership.objects.get(user=world.staff_a, school=world.school_a)
    return {"urn": world.school_a.urn, "pk": membership.pk}


def _extra_membership(world: World) -> dict[str, int]:
    membership = MembershipFactory.create(
        user=UserFactory.create(), school=world.school_a, role=SchoolRole.STAFF
    )
    return {"urn": world.school_a.urn, "pk": membership.pk}


def _lead_a_security_key(world: World) -> dict[str, int]:
    key = Authenticator.objects.create(
        user=world.lead_a,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Office key", "credential": {}},
    )
    return {"pk": key.pk}


# A token belongs to one person: only its owner (lead_a here) sees or revokes it.
OWNER_ONLY = members_only(404, lead_a=200)


def _lead_a_token(world: World) -> dict[str, int]:
    token, _text = services.api_token_create(
        user=world.lead_a, school=world.school_a, name="MIS sync", scope="read", days=30
    )
    return {"pk": token.pk}


def _token_for_school_a(world: World) -> dict[str, object]:
    return {"name": "MIS sync", "school": world.school_a.pk, "scope": "read", "days": 30}


CASES = [
    # --- Our views -------------------------------------------------------------------------
    Case("accounts:profile", expect=members_only(200)),
    # --- Personal access tokens: each person manages their own; another's token is a 404 ---
    Case("accounts:api-token-list", expect=members_only(200)),
    Case("accounts:api-token-create", expect=members_only(200)),
    Case(
        "accounts:api-token-create",
        data=_token_for_school_a,
        method="post",
        expect=members_only(200),
        note="200 either way: the new token's page for school A's members, else the form "
        "again with 'Choose one of your schools' (nobody gets a token for another school)",
    ),
    Case("accounts:api-token-revoke", kwargs=_lead_a_token, expect=OWNER_ONLY),
    Case(
        "accounts:api-token-revoke",
        kwargs=_lead_a_token,
        method="post",
        expect={**OWNER_ONLY, "lead_a": 302},
    ),
    Case("accounts:invitation-list", expect=LEADS_AND_COORDINATORS),
    Case("accounts:invitation-create", expect=LEADS_AND_COORDINATORS),
    Case(
        "accounts:invitation-create",
        method="post",
        data=lambda world: {
            "email": "new.teacher@example.org",
            "school": world.school_a.pk,
            "role": SchoolRole.STAFF,
        },
        expect={**SCHOOL_A_ACTION, "lead_b": 200, "system_leader": 403},
        note="School B's lead gets the form back: school A is not among their choices.",
    ),
    Case(
        "accounts:invitation-revoke", method="post", kwargs=_invitation_at_a, expect=SCHOOL_A_ACTION
    ),
    Case(
        "accounts:invitation-resend", method="post", kwargs=_invitation_at_a, expect=SCHOOL_A_ACTION
    ),
    Case(
        "accounts:invitation-revoke",
        label="school-lead-role",
        method="post",
        kwargs=_lead_invitation_at_a,
        expect={**SCHOOL_A_ACTION, "lead_a": 403},
        note="Only coordinators give the school lead role, so only they withdraw the offer.",
    ),
    Case(
        "accounts:invitation-resend",
        label="school-lead-role",
        method="post",
        kwargs=_lead_invitation_at_a,
        expect={**SCHOOL_A_ACTION, "lead_a": 403},
        note="Only coordinators give the school lead role, so only they renew the offer.",
    ),
    Case(
        "accounts:invitation-accept",
        kwargs=_invitation_token,
        expect=everyone(200),
        note="Anyone holding the link sees the offer; signed-in people see who it is for.",
    ),
    Case(
        "accounts:invitation-accept",
        label="unknown-token",
        kwargs={"token": "not-a-real-token"},
        expect=everyone(404),
    ),
    Case("accounts:join-request", expect=VISITORS_ONLY, login_required=False),
    Case("accounts:join-request-done", expect=everyone(200)),
    Case("accounts:join-request-list", expect=COORDINATORS_ONLY),
    Case(
        "accounts:join-request-approve",
        method="post",
        kwargs=_join_request,
        expect=COORDINATORS_ACT,
    ),
    Case("accounts:join-request-decline", kwargs=_join_request, expect=COORDINATORS_ONLY),
    Case(
        "accounts:school-members",
        kwargs=lambda world: {"urn": world.school_a.urn},
        expect={**SCHOOL_A_ACTION, "lead_a": 200, "coordinator": 200, "admin": 200},
    ),
    Case(
        "accounts:member-role-change",
        method="post",
        kwargs=_staff_membership,
        data={"role": SchoolRole.DATA_LEAD},
        expect=SCHOOL_A_ACTION,
    ),
    Case("accounts:member-remove", method="post", kwargs=_extra_membership, expect=SCHOOL_A_ACTION),
    # --- allauth: signing in and out, signing up ------------------------------------------
    Case(
        "account_login",
        expect=VISITORS_ONLY,
        login_required=False,
        note="allauth sends a signed-in person on to the home page.",
    ),
    Case(
        "account_logout",
        expect={**everyone(200), "anonymous": 302},
        login_required=False,
        note="Nobody to sign out: allauth goes to the home page.",
    ),
    Case("account_inactive", expect=everyone(200)),
    Case(
        "account_signup",
        expect=VISITORS_ONLY,
        login_required=False,
        note="Visitors without an invitation are told sign-up is by invitation.",
    ),
    Case("account_confirm_login_code", expect=everyone(302), login_required=False),
    # --- allauth: re-authentication ---------------------------------------------------------
    Case("account_reauthenticate", expect=members_only(200)),
    Case("account_request_reauthentication_code", expect=members_only(200)),
    Case("account_confirm_reauthentication_code", expect=members_only(302)),
    # --- allauth: email addresses and passwords ---------------------------------------------
    Case("account_email", expect=members_only(200)),
    Case("account_email_verification_sent", expect=everyone(302), login_required=False),
    Case("account_change_password", expect=members_only(200)),
    Case("account_set_password", expect=members_only(302)),
    Case("account_reset_password", expect=everyone(200)),
    Case("account_reset_password_done", expect=everyone(200)),
    Case(
        "account_reset_password_from_key",
        kwargs={"uidb36": "0", "key": "no-such-key"},
        expect=everyone(200),
        note="A bad link shows allauth's 'bad token' page to anyone.",
    ),
    Case("account_reset_password_from_key_done", expect=everyone(200)),
    # --- allauth: two-step verification -----------------------------------------------------
    Case("mfa_index", expect=members_only(200)),
    Case("mfa_authenticate", expect=everyone(302)),
    Case(
        "mfa_reauthenticate",
        expect=members_only(200, staff_a=302),
        note="Staff have no authenticator, so allauth asks for their password instead.",
    ),
    Case("mfa_activate_totp", expect=REAUTHENTICATE),
    Case(
        "mfa_deactivate_totp",
        expect={**REAUTHENTICATE, "staff_a": 404},
        note="Staff have no authenticator app to deactivate.",
    ),
    Case(
        "mfa_view_recovery_codes",
        expect=members_only(404),
        note="The personas' authenticators were made without recovery codes.",
    ),
    Case("mfa_generate_recovery_codes", expect=REAUTHENTICATE),
    Case("mfa_download_recovery_codes", expect=members_only(404)),
    Case("mfa_list_webauthn", expect=members_only(200)),
    Case("mfa_add_webauthn", expect=REAUTHENTICATE),
    Case("mfa_reauthenticate_webauthn", expect=members_only(302)),
    Case(
        "mfa_edit_webauthn",
        kwargs=_lead_a_security_key,
        expect=REAUTHENTICATE,
        note="Re-authentication comes first; the key is then looked up among the user's own.",
    ),
    Case(
        "mfa_remove_webauthn",
        kwargs=_lead_a_security_key,
        expect=REAUTHENTICATE,
    ),
]
