import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.models import Invitation
from reconnect.accounts.selectors import hash_token
from reconnect.accounts.tests.factories import (
    InvitationFactory,
    UserFactory,
    invitation_with_token,
)
from reconnect.core.models import AuditEvent
from reconnect.schools.models import Membership
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

CREATE_URL = reverse("accounts:invitation-create")
LIST_URL = reverse("accounts:invitation-list")


def _token_from_email(message) -> str:
    marker = "http://testserver/accounts/invitations/"
    start = message.body.index(marker) + len(marker)
    return message.body[start:].split("/", 1)[0]


# --- Create ----------------------------------------------------------------------------------


def test_invitation_create_by_coordinator_invites_a_school_lead_anywhere(
    client, coordinator, school_b, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CREATE_URL,
            {
                "email": "New.Head@School-B.example.org",
                "school": school_b.pk,
                "role": SchoolRole.SCHOOL_LEAD,
                "message": "Welcome aboard.",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.school, invitation.role, invitation.invited_by) == (
        "new.head@school-b.example.org",
        school_b,
        SchoolRole.SCHOOL_LEAD,
        coordinator,
    )
    assert invitation.expires_at.date() == (timezone.now() + timedelta(days=14)).date()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.head@school-b.example.org"]
    assert message.subject == "[Reconnect] You are invited to join Demo School B on Reconnect"
    assert "Welcome aboard." in message.body
    assert "set up two-step verification" in message.body
    token = _token_from_email(message)
    # The database holds only the token's hash; the token exists in the email alone.
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html"
    assert f'href="http://testserver/accounts/invitations/{token}/"' in html
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITATION_SENT)
    assert (event.actor, event.school_urn, event.detail) == (
        coordinator,
        900002,
        {"email": "new.head@school-b.example.org", "role": "school_lead"},
    )


def test_invitation_create_form_for_a_lead_fixes_their_school(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(CREATE_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.fixed_school.urn == 900001
    assert [value for value, _label in form.fields["role"].choices] == ["data_lead", "staff"]
    assert b'<span class="govuk-caption-l">Demo School A</span>' in response.content


def test_invitation_create_by_lead_invites_staff_to_their_school(
    client, head_at_school_a, school_a, django_capture_on_commit_callbacks
):
    client.force_login(head_at_school_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CREATE_URL,
            {"email": "teacher@school-a.example.org", "school": school_a.pk, "role": "staff"},
        )

    assert response.status_code == 302
    assert Invitation.objects.get().role == SchoolRole.STAFF
    assert mail.outbox[0].to == ["teacher@school-a.example.org"]
    # Staff do not see pupil data, so their invitation does not mention a second factor.
    assert "two-step" not in mail.outbox[0].body


def test_invitation_create_by_lead_refuses_a_school_lead_role(client, head_at_school_a, school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        CREATE_URL,
        {"email": "rival@school-a.example.org", "school": school_a.pk, "role": "school_lead"},
    )

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert Invitation.objects.count() == 0


def test_invitation_create_by_lead_refuses_another_school(
    client, head_at_school_a, school_a, school_b
):
    client.force_login(head_at_school_a)

    response = client.post(
        CREATE_URL, {"email": "someone@example.org", "school": school_b.pk, "role": "staff"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["school"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Invitation.objects.count() == 0


def test_invitation_create_lets_a_lead_of_two_schools_choose(client, head_at_school_a, school_a):
    other = SchoolFactory(urn=900099, name="Second School")
    MembershipFactory(user=head_at_school_a, school=other, role=SchoolRole.SCHOOL_LEAD)
    client.force_login(head_at_school_a)

    response = client.get(CREATE_URL)

    form = response.context["form"]
    assert form.fixed_school is None
    assert [school.urn for school in form.fields["school"].queryset] == [900001, 900099]


def test_invitation_create_refuses_an_existing_member(
    client, head_at_school_a, staff_at_school_a, school_a
):
    client.force_login(head_at_school_a)

    response = client.post(
        CREATE_URL, {"email": "STAFF.A@example.org", "school": school_a.pk, "role": "data_lead"}
    )

    assert response.context["form"].errors["email"] == [
        "staff.a@example.org is already a member of Demo School A."
    ]
    assert Invitation.objects.count() == 0


def test_invitation_create_refuses_a_second_pending_invitation(client, head_at_school_a, school_a):
    InvitationFactory.create(email="twice@example.org", school=school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        CREATE_URL, {"email": "twice@example.org", "school": school_a.pk, "role": "staff"}
    )

    assert response.context["form"].errors["email"] == [
        (
            "twice@example.org already has an invitation to Demo School A waiting. "
            "Resend or revoke it from the list of invitations."
        )
    ]
    assert Invitation.objects.count() == 1


def test_invitation_create_allows_a_new_invitation_after_expiry(client, head_at_school_a, school_a):
    InvitationFactory.create(
        email="late@example.org", school=school_a, expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(head_at_school_a)

    response = client.post(
        CREATE_URL, {"email": "late@example.org", "school": school_a.pk, "role": "staff"}
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(email="late@example.org").count() == 2


def test_invitation_create_is_forbidden_to_staff(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)

    response = client.post(
        CREATE_URL, {"email": "x@example.org", "school": school_a.pk, "role": "staff"}
    )

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_invitation_create_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(CREATE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={CREATE_URL}"


def test_invitation_create_sends_nothing_when_the_write_rolls_back(
    client, coordinator, school_b, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(CREATE_URL, {"email": "a@example.org", "school": school_b.pk, "role": "staff"})

    # The email waits for the commit: nothing has gone before it.
    assert len(callbacks) == 1
    assert mail.outbox == []


# --- List ------------------------------------------------------------------------------------


def test_invitation_list_shows_a_lead_only_their_schools(
    client, head_at_school_a, school_a, school_b
):
    InvitationFactory.create(email="mine@example.org", school=school_a)
    InvitationFactory.create(email="theirs@example.org", school=school_b)
    client.force_login(head_at_school_a)

    response = client.get(LIST_URL)

    assert [i.email for i in response.context["page"].object_list] == ["mine@example.org"]
    assert b"theirs@example.org" not in response.content


def test_invitation_list_filters_by_status_and_school_for_coordinators(
    client, coordinator, school_a, school_b
):
    InvitationFactory.create(email="pending-a@example.org", school=school_a)
    InvitationFactory.create(email="pending-b@example.org", school=school_b)
    InvitationFactory.create(
        email="revoked-b@example.org", school=school_b, revoked_at=timezone.now()
    )
    InvitationFactory.create(
        email="expired-b@example.org",
        school=school_b,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(coordinator)

    pending_b = client.get(LIST_URL, {"status": "pending", "school": school_b.pk})
    expired = client.get(LIST_URL, {"status": "expired"})
    everything = client.get(LIST_URL)

    assert [i.email for i in pending_b.context["page"].object_list] == ["pending-b@example.org"]
    assert [i.email for i in expired.context["page"].object_list] == ["expired-b@example.org"]
    assert everything.context["page"].paginator.count == 4


def test_invitation_list_labels_each_status_the_same_in_the_filter_and_the_table(
    client, coordinator, school_a
):
    now = timezone.now()
    InvitationFactory.create(email="a@example.org", school=school_a, created_at=now)
    InvitationFactory.create(
        email="b@example.org",
        school=school_a,
        created_at=now - timedelta(days=1),
        accepted_at=now,
    )
    InvitationFactory.create(
        email="c@example.org",
        school=school_a,
        created_at=now - timedelta(days=2),
        revoked_at=now,
    )
    InvitationFactory.create(
        email="d@example.org",
        school=school_a,
        created_at=now - timedelta(days=3),
        expires_at=now - timedelta(minutes=1),
    )
    client.force_login(coordinator)

    html = client.get(LIST_URL).content.decode()

    options = re.findall(r'<option value="(\w*)"[^>]*>([^<]+)</option>', html)
    assert options[:5] == [
        ("", "Any status"),
        ("pending", "Waiting"),
        ("accepted", "Accepted"),
        ("revoked", "Withdrawn"),
        ("expired", "Expired"),
    ]
    assert re.findall(r'<strong class="govuk-tag govuk-tag--\w+">([^<]+)</strong>', html) == [
        "Waiting",
        "Accepted",
        "Withdrawn",
        "Expired",
    ]


def test_invitation_revoke_says_the_invitation_was_withdrawn(client, coordinator, school_a):
    invitation = InvitationFactory.create(email="gone@example.org", school=school_a)
    client.force_login(coordinator)

    response = client.post(reverse("accounts:invitation-revoke", args=[invitation.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The invitation to gone@example.org was withdrawn."
    ]
    assert '<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>' in (
        response.content.decode()
    )


def test_invitation_list_is_forbidden_to_staff(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    assert client.get(LIST_URL).status_code == 403


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_invitation_list_query_count_does_not_grow(client, coordinator, school_a, school_b):
    InvitationFactory.create(email="n0@example.org", school=school_a, invited_by=coordinator)
    client.force_login(coordinator)
    client.get(LIST_URL)  # the first request fills the per-member caches (gate, bell)
    with_one = _queries_for(client, LIST_URL)
    InvitationFactory.create(email="n1@example.org", school=school_b, invited_by=coordinator)
    InvitationFactory.create(
        email="n2@example.org", school=school_a, invited_by=UserFactory.create()
    )

    with_three = _queries_for(client, LIST_URL)

    assert with_one == with_three == 5


# --- Revoke and resend -----------------------------------------------------------------------


def test_invitation_revoke_by_lead_closes_the_invitation(client, head_at_school_a, school_a):
    invitation = InvitationFactory.create(school=school_a)
    client.force_login(head_at_school_a)

    response = client.post(reverse("accounts:invitation-revoke", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.INVITATION_REVOKED, actor=head_at_school_a, school_urn=900001
        ).count()
        == 1
    )


def test_invitation_revoke_of_another_school_is_not_found(client, head_at_school_b, school_a):
    invitation = InvitationFactory.create(school=school_a)
    client.force_login(head_at_school_b)

    response = client.post(reverse("accounts:invitation-revoke", args=[invitation.pk]))

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_invitation_revoke_by_staff_of_the_school_is_forbidden(client, staff_at_school_a, school_a):
    invitation = InvitationFactory.create(school=school_a)
    client.force_login(staff_at_school_a)

    response = client.post(reverse("accounts:invitation-revoke", args=[invitation.pk]))

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("action", ["accounts:invitation-revoke", "accounts:invitation-resend"])
def test_invitation_of_a_school_lead_is_not_for_a_lead_to_revoke_or_resend(
    client, head_at_school_a, coordinator, school_a, action
):
    # Only coordinators give the school lead role, so only they withdraw or renew the offer.
    invitation = InvitationFactory.create(
        school=school_a, role=SchoolRole.SCHOOL_LEAD, invited_by=coordinator
    )
    token_hash = invitation.token_hash
    client.force_login(head_at_school_a)

    response = client.post(reverse(action, args=[invitation.pk]))

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert (invitation.revoked_at, invitation.token_hash) == (None, token_hash)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("action", "status"),
    [("accounts:invitation-revoke", "revoked"), ("accounts:invitation-resend", "pending")],
)
def test_invitation_of_a_school_lead_is_revoked_or_resent_by_a_coordinator(
    client, coordinator, school_a, action, status, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory.create(school=school_a, role=SchoolRole.SCHOOL_LEAD)
    token_hash = invitation.token_hash
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(action, args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == status
    assert (invitation.token_hash != token_hash) is (status == "pending")


def test_invitation_list_offers_a_lead_no_actions_on_a_school_lead_invitation(
    client, head_at_school_a, school_a
):
    staff = InvitationFactory.create(school=school_a, email="staff.invite@example.org")
    lead = InvitationFactory.create(
        school=school_a, email="lead.invite@example.org", role=SchoolRole.SCHOOL_LEAD
    )
    client.force_login(head_at_school_a)

    html = client.get(LIST_URL).content.decode()

    assert reverse("accounts:invitation-revoke", args=[staff.pk]) in html
    assert reverse("accounts:invitation-resend", args=[staff.pk]) in html
    assert reverse("accounts:invitation-revoke", args=[lead.pk]) not in html
    assert reverse("accounts:invitation-resend", args=[lead.pk]) not in html


def test_invitation_list_offers_a_coordinator_actions_on_a_school_lead_invitation(
    client, coordinator, school_a
):
    lead = InvitationFactory.create(school=school_a, role=SchoolRole.SCHOOL_LEAD)
    client.force_login(coordinator)

    html = client.get(LIST_URL).content.decode()

    assert reverse("accounts:invitation-revoke", args=[lead.pk]) in html
    assert reverse("accounts:invitation-resend", args=[lead.pk]) in html


def test_invitation_resend_issues_a_new_token_and_expiry(
    client, head_at_school_a, school_a, django_capture_on_commit_callbacks
):
    invitation, token = invitation_with_token(
        school=school_a, email="again@example.org", expires_at=timezone.now() + timedelta(days=1)
    )
    old_token = token
    client.force_login(head_at_school_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invitation-resend", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    new_token = _token_from_email(mail.outbox[0])
    assert invitation.token_hash == hash_token(new_token) != hash_token(old_token)
    assert invitation.expires_at.date() == (timezone.now() + timedelta(days=14)).date()
    # The old link no longer opens anything.
    old = client.get(reverse("accounts:invitation-accept", args=[old_token]))
    assert old.status_code == 404


def test_invitation_resend_refuses_a_used_invitation(client, coordinator, school_a):
    invitation = InvitationFactory.create(school=school_a, accepted_at=timezone.now())
    client.force_login(coordinator)

    response = client.post(reverse("accounts:invitation-resend", args=[invitation.pk]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Only an invitation that is still waiting can be resent."
    ]
    assert mail.outbox == []


# --- Accept ----------------------------------------------------------------------------------


def test_invitation_accept_shows_school_and_role(client, school_a):
    _invitation, token = invitation_with_token(school=school_a, role=SchoolRole.DATA_LEAD)

    response = client.get(reverse("accounts:invitation-accept", args=[token]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Join Demo School A on Reconnect" in content
    assert "Data lead" in content
    assert "Create your account" in content
    assert "it needs two-step verification" in content


def test_invitation_accept_unknown_token_explains(client, db):
    response = client.get(reverse("accounts:invitation-accept", args=["no-such-token"]))

    assert response.status_code == 404
    assert b"This invitation link does not work" in response.content
    assert b"Getting a new invitation" in response.content


@pytest.mark.parametrize(
    ("state", "heading"),
    [
        ({"revoked_at": timezone.now()}, b"This invitation was withdrawn"),
        ({"accepted_at": timezone.now()}, b"This invitation has already been used"),
        ({"expires_at": timezone.now() - timedelta(hours=1)}, b"This invitation has expired"),
    ],
)
def test_invitation_accept_closed_invitation_is_gone(client, school_a, state, heading):
    _invitation, token = invitation_with_token(school=school_a, **state)

    response = client.get(reverse("accounts:invitation-accept", args=[token]))

    assert response.status_code == 410
    assert heading in response.content


def test_invitation_expires_after_the_configured_days(client, school_a, settings):
    settings.RECONNECT_INVITATION_DAYS = 3
    coordinator_user = UserFactory.create(is_coordinator=True)
    from reconnect.accounts.services import invitation_create

    _invitation, token = invitation_create(
        invited_by=coordinator_user, email="soon@example.org", school=school_a, role="staff"
    )
    url = reverse("accounts:invitation-accept", args=[token])

    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert client.get(url).status_code == 410


def test_invitation_accept_by_a_visitor_signs_up_with_the_invited_address(client, school_a):
    invitation, token = invitation_with_token(
        school=school_a, email="new.teacher@example.org", role=SchoolRole.STAFF
    )
    accept_url = reverse("accounts:invitation-accept", args=[token])

    start = client.post(accept_url)
    form_page = client.get(reverse("account_signup"))
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Nia",
            "last_name": "Newcomer",
            "job_title": "Year 3 teacher",
            "email": "new.teacher@example.org",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )

    assert start.status_code == 302
    assert start["Location"] == reverse("account_signup")
    assert form_page.status_code == 200
    assert b'value="new.teacher@example.org"' in form_page.content
    assert b"readonly" in form_page.content
    assert response.status_code == 302
    assert response["Location"] == "/"
    membership = Membership.objects.select_related("user").get(school=school_a)
    user = membership.user
    assert (user.email, user.first_name, user.last_name, user.job_title) == (
        "new.teacher@example.org",
        "Nia",
        "Newcomer",
        "Year 3 teacher",
    )
    assert membership.role == SchoolRole.STAFF
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert EmailAddress.objects.get(user=user).verified is True
    # Signed in straight away: the invitation proved the address.
    assert client.get("/").wsgi_request.user == user
    assert set(AuditEvent.objects.filter(actor=user).values_list("action", flat=True)) >= {
        "invitation_accepted",
        "role_granted",
        "sign_in",
    }


def test_invitation_signup_refuses_a_different_email(client, school_a):
    invitation, token = invitation_with_token(school=school_a, email="invited@example.org")
    client.post(reverse("accounts:invitation-accept", args=[token]))

    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Imp",
            "last_name": "Ostor",
            "job_title": "Teacher",
            "email": "someone.else@example.org",
            "password1": "correct horse battery staple",
            "password2": "correct horse battery staple",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Use the email address your invitation was sent to."
    ]
    assert Membership.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_signup_without_an_invitation_is_closed(client, db):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    assert b"Joining is by invitation" in response.content
    assert response.templates[0].name == "account/signup_closed.html"


def test_invitation_accept_signed_in_with_the_same_email_accepts_on_post(
    client, head_at_school_b, school_a
):
    _invitation, token = invitation_with_token(
        school=school_a, email="HEAD.B@example.org", role=SchoolRole.DATA_LEAD
    )
    client.force_login(head_at_school_b)
    url = reverse("accounts:invitation-accept", args=[token])

    page = client.get(url)
    response = client.post(url)

    assert b"Accept the invitation" in page.content
    assert response.status_code == 302
    assert Membership.objects.get(user=head_at_school_b, school=school_a).role == "data_lead"


def test_invitation_accept_signed_in_as_someone_else_offers_to_sign_out(
    client, staff_at_school_a, school_b
):
    _invitation, token = invitation_with_token(school=school_b, email="other.person@example.org")
    client.force_login(staff_at_school_a)
    url = reverse("accounts:invitation-accept", args=[token])

    page = client.get(url)
    post = client.post(url)

    content = page.content.decode()
    assert "You are signed in as staff.a@example.org" in content
    assert 'action="/accounts/logout/"' in content
    assert post.status_code == 200
    assert Membership.objects.filter(school=school_b).count() == 0


def test_invitation_accept_visitor_with_an_existing_account_is_sent_to_sign_in(
    client, staff_at_school_a, school_b
):
    _invitation, token = invitation_with_token(school=school_b, email="staff.a@example.org")
    url = reverse("accounts:invitation-accept", args=[token])

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url.replace('/', '%2F')}"


def test_invitation_create_preselects_the_school_from_its_members_page(
    client, coordinator, school_b
):
    client.force_login(coordinator)

    response = client.get(CREATE_URL, {"school": "900002"})

    assert response.context["form"]["school"].value() == school_b.pk


def test_invitation_create_ignores_a_school_the_lead_cannot_invite_to(
    client, head_at_school_a, school_a, school_b
):
    client.force_login(head_at_school_a)

    response = client.get(CREATE_URL, {"school": "900002"})

    assert response.context["form"]["school"].value() == school_a.pk


def test_invitation_create_ignores_a_school_that_is_not_an_ascii_urn(client, coordinator, school_a):
    client.force_login(coordinator)

    response = client.get(CREATE_URL, {"school": "²"})

    assert response.status_code == 200
    assert response.context["form"]["school"].value() is None
    assert b'<h1 class="govuk-heading-l">Invite someone</h1>' in response.content


def test_invitation_create_confirms_the_expiry_date_in_london_time(client, coordinator, school_a):
    client.force_login(coordinator)
    # 23:30 UTC on 17 May is 00:30 on 18 May in London (BST); 14 days on is 1 June.
    with time_machine.travel("2026-05-17 23:30:00+00:00", tick=False):
        response = client.post(
            CREATE_URL,
            {"email": "late.night@example.org", "school": school_a.pk, "role": "staff"},
            follow=True,
        )

    assert [str(m) for m in response.context["messages"]] == [
        "Invitation sent to late.night@example.org. It expires on 1 June 2026."
    ]
