"""Invitations, join requests, a school's members and the member's own profile.

Each view follows one order: scoped fetch (404), permission (403), form, service, render.
"""

from allauth.account.adapter import get_adapter
from allauth.core.ratelimit import consume as ratelimit_consume
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.accounts import rules, selectors, services
from reconnect.accounts.adapters import INVITATION_SESSION_KEY
from reconnect.accounts.forms import (
    InvitationFilterForm,
    InvitationForm,
    JoinRequestDeclineForm,
    JoinRequestForm,
    MemberRoleForm,
    ProfileForm,
)
from reconnect.accounts.models import Invitation, JoinRequest
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.schools.roles import ROLES_REQUIRING_MFA, SchoolRole
from reconnect.schools.services import memberships

INVITATIONS_PER_PAGE = 25
JOIN_REQUESTS_PER_PAGE = 25
JOIN_REQUEST_RATE_ACTION = "reconnect_join_request"


def _apply_error(form: object, error: ApplicationError) -> None:
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)  # type: ignore[attr-defined]


# --- Invitations -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_invite_anywhere(request.user):
        raise PermissionDenied
    roles = rules.roles_user_can_invite(request.user)
    form = InvitationForm(
        request.POST or None,
        user=request.user,
        roles=roles,
        initial=_initial_school(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                invited_by=request.user,
                email=form.cleaned_data["email"],
                school=form.cleaned_data["school"],
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
                request=request,
            )
        except ApplicationError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. It expires on %(date)s.")
                % {
                    "email": invitation.email,
                    "date": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
                },
            )
            return redirect("accounts:invitation-list")
    return render(
        request,
        "accounts/invitation_form.html",
        {"form": form, "invitation_days": settings.RECONNECT_INVITATION_DAYS},
    )


def _initial_school(request: HttpRequest) -> dict[str, int]:
    """``?school=<URN>`` (from a school's members page) preselects it, if the user may."""
    urn = request.GET.get("school", "")
    if not selectors.is_ascii_number(urn):
        return {}
    school = selectors.schools_user_can_invite_to(request.user).filter(urn=int(urn)).first()
    return {"school": school.pk} if school is not None else {}


@login_required
@require_http_methods(["GET"])
def invitation_list(request: HttpRequest) -> HttpResponse:
    if not rules.can_invite_anywhere(request.user):
        raise PermissionDenied
    filters = InvitationFilterForm(request.GET or None, user=request.user)
    status = school = None
    if filters.is_valid():
        status = filters.cleaned_data["status"] or None
        school = filters.cleaned_data["school"]
    invitations = selectors.invitation_list(user=request.user, status=status, school=school)
    page = Paginator(invitations, INVITATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = {key: str(value) for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "accounts/invitation_list.html",
        {
            "filters": filters,
            "page": page,
            "query": urlencode(query),
            "show_school_filter": rules.is_coordinator(request.user),
            # The list holds only schools the user may invite to, so the role decides
            # which rows they may revoke or resend (can_manage_invitation, without a query).
            "manageable_roles": rules.roles_user_can_invite(request.user),
        },
    )


def _managed_invitation(request: HttpRequest, pk: int) -> Invitation:
    invitation = get_object_or_404(selectors.invitations_visible_to(request.user), pk=pk)
    if not rules.can_manage_invitation(request.user, invitation):
        raise PermissionDenied
    return invitation


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed_invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("accounts:invitation-list")


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _managed_invitation(request, pk)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new invitation link was sent to %(email)s; the old link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("accounts:invitation-list")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the emailed link: shows the offer, then signs up or accepts."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404
        )
    if not invitation.is_usable:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": invitation.status, "invitation": invitation},
            status=410,
        )
    user = request.user
    same_person = user.is_authenticated and user.email.lower() == invitation.email.lower()
    if request.method == "POST":
        if not user.is_authenticated:
            return _start_signup(request, invitation, token)
        if same_person:
            try:
                membership = services.invitation_accept(
                    invitation=invitation, user=user, request=request
                )
            except ApplicationError as error:
                messages.error(request, error.message)
                return redirect("home:index")
            messages.success(
                request,
                _("You are now a %(role)s at %(school)s.")
                % {
                    "role": membership.get_role_display().lower(),
                    "school": membership.school.name,
                },
            )
            return redirect("home:index")
    context = {
        "invitation": invitation,
        "needs_mfa": invitation.role in ROLES_REQUIRING_MFA,
        "same_person": same_person,
        "accept_path": request.path,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
    }
    return render(request, "accounts/invitation_accept.html", context)


def _start_signup(request: HttpRequest, invitation: Invitation, token: str) -> HttpResponse:
    """Sign-up opens for this invitation only, with its address already verified by the link."""
    if selectors.user_with_email(invitation.email) is not None:
        # They already have an account (at another school): sign in, then come back here.
        messages.info(request, _("You already have an account. Sign in to accept the invitation."))
        return HttpResponseRedirect(
            f"{reverse('account_login')}?{urlencode({'next': request.path})}"
        )
    request.session[INVITATION_SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


# --- Join requests ---------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def join_request_create(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        messages.info(request, _("You are already a member of the network."))
        return redirect("home:index")
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        # Counted before validation, so a script cannot probe the school list for free.
        if not ratelimit_consume(request, action=JOIN_REQUEST_RATE_ACTION):
            return render(request, "accounts/join_request_limited.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            services.join_request_submit(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                job_title=data["job_title"],
                school=data["school"],
                role=data["role"],
                message=data["message"],
                request=request,
            )
            return redirect("accounts:join-request-done")
    return render(request, "accounts/join_request_form.html", {"form": form})


@require_http_methods(["GET"])
def join_request_done(request: HttpRequest) -> HttpResponse:
    # The same page whoever asked: it must not reveal whether the address has an account.
    return render(request, "accounts/join_request_done.html")


def _require_coordinator(request: HttpRequest) -> None:
    if not rules.is_coordinator(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET"])
def join_request_list(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    status = request.GET.get("status", JoinRequest.Status.PENDING)
    if status not in JoinRequest.Status.values:
        status = JoinRequest.Status.PENDING
    requests = selectors.join_request_list(status=status)
    page = Paginator(requests, JOIN_REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/join_request_list.html",
        {"page": page, "status": status, "statuses": JoinRequest.Status.choices},
    )


@login_required
@require_POST
def join_request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    join_request = get_object_or_404(JoinRequest, pk=pk)
    try:
        services.join_request_approve(
            join_request=join_request, actor=request.user, request=request
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Approved: an invitation was sent to %(email)s.") % {"email": join_request.email},
        )
    return redirect("accounts:join-request-list")


@login_required
@require_http_methods(["GET", "POST"])
def join_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    join_request = get_object_or_404(JoinRequest.objects.select_related("school"), pk=pk)
    form = JoinRequestDeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_decline(
                join_request=join_request,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Declined the request from %(email)s.") % {"email": join_request.email}
            )
        return redirect("accounts:join-request-list")
    return render(
        request, "accounts/join_request_decline.html", {"form": form, "join_request": join_request}
    )


# --- A school's members ----------------------------------------------------------------------


def _managed_school(request: HttpRequest, urn: int) -> School:
    school = get_object_or_404(selectors.schools_with_membership(request.user), urn=urn)
    if not rules.can_manage_members(request.user, school):
        raise PermissionDenied
    return school


@login_required
@require_http_methods(["GET"])
def school_members(request: HttpRequest, urn: int) -> HttpResponse:
    school = _managed_school(request, urn)
    members = list(selectors.school_members(school=school))
    lead_count = sum(1 for member in members if member.role == SchoolRole.SCHOOL_LEAD)
    grantable = rules.roles_user_can_grant(request.user)
    # Asked once for the page: per row it would cost a query for every member.
    leads_school = rules.is_school_lead(request.user, school)
    rows = [
        {
            "membership": member,
            "is_last_lead": member.role == SchoolRole.SCHOOL_LEAD and lead_count == 1,
            "can_change": rules.can_change_membership(
                request.user, member, leads_school=leads_school
            ),
            # A member's own role stays in the list even where it cannot be given.
            "roles": [
                (value, label)
                for value, label in SchoolRole.choices
                if value in grantable or value == member.role
            ],
        }
        for member in members
    ]
    return render(
        request,
        "accounts/school_members.html",
        {"school": school, "rows": rows},
    )


@login_required
@require_POST
def member_role_change(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = _managed_school(request, urn)
    membership = get_object_or_404(selectors.school_members(school=school), pk=pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("accounts:school-members", urn=school.urn)
    role = form.cleaned_data["role"]
    if not rules.can_change_membership(request.user, membership, role):
        raise PermissionDenied
    try:
        memberships.membership_change_role(
            membership=membership, role=role, actor=request.user, request=request
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is now a %(role)s.")
            % {"name": membership.user, "role": SchoolRole(role).label.lower()},
        )
    return redirect("accounts:school-members", urn=school.urn)


@login_required
@require_POST
def member_remove(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = _managed_school(request, urn)
    membership = get_object_or_404(selectors.school_members(school=school), pk=pk)
    if not rules.can_change_membership(request.user, membership):
        raise PermissionDenied
    try:
        memberships.membership_remove(membership=membership, actor=request.user, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s was removed from %(school)s.")
            % {"name": membership.user, "school": school.name},
        )
    if membership.user_id == request.user.pk and not rules.is_coordinator(request.user):
        return redirect("home:index")
    return redirect("accounts:school-members", urn=school.urn)


# --- Profile ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_update_profile(
            user=user,  # type: ignore[arg-type]
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            bio=data["bio"],
            open_to_contact=data["open_to_contact"],
            themes=data["themes"],
        )
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": user.memberships.select_related("school"),  # type: ignore[union-attr]
            "can_invite": rules.can_invite_anywhere(user),
            "is_coordinator": rules.is_coordinator(user),
        },
    )
