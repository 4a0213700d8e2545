"""Reads for accounts, invitations, join requests and school members.

Every function returns rows already scoped to what the given user may see; views turn an
empty result into a 404 so that another school's objects are never confirmed to exist.
"""

import hashlib
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from reconnect.accounts.models import ApiToken, Invitation, InvitationStatus, JoinRequest, User
from reconnect.hub.models import Theme
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation this token opens whatever its state, so the page can say what is wrong."""
    return (
        Invitation.objects.select_related("school", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The pending invitation this token opens, or None if unknown, used, revoked or expired."""
    invitation = invitation_by_token(token)
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def _status_filter(status: str) -> Q:
    """The rows whose ``Invitation.status`` is ``status``, in SQL."""
    now = timezone.now()
    if status == InvitationStatus.ACCEPTED:
        return Q(accepted_at__isnull=False)
    if status == InvitationStatus.REVOKED:
        return Q(accepted_at__isnull=True, revoked_at__isnull=False)
    if status == InvitationStatus.EXPIRED:
        return Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now)
    return Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


def pending_invitations() -> QuerySet[Invitation]:
    return Invitation.objects.filter(_status_filter(InvitationStatus.PENDING))


def led_school_ids(user: Any) -> QuerySet[Membership, int]:
    return Membership.objects.filter(user=user, role=SchoolRole.SCHOOL_LEAD).values_list(
        "school_id", flat=True
    )


def member_school_ids(user: Any) -> QuerySet[Membership, int]:
    return Membership.objects.filter(user=user).values_list("school_id", flat=True)


def schools_user_can_invite_to(user: Any) -> QuerySet[School]:
    """Coordinators may invite to any open school; a school lead to the schools they lead."""
    if not user.is_authenticated:
        return School.objects.none()
    # Only what a choice list shows: a coordinator's list holds every school in London.
    fields = ("pk", "urn", "name")
    if user.is_coordinator or user.is_superuser:
        return School.objects.filter(is_open=True).only(*fields).order_by("name")
    return School.objects.filter(pk__in=led_school_ids(user)).only(*fields).order_by("name")


def invitations_visible_to(user: Any) -> QuerySet[Invitation]:
    """Coordinators see every invitation; members see their own schools' (leads act on them)."""
    queryset = Invitation.objects.select_related("school", "invited_by")
    if user.is_coordinator or user.is_superuser:
        return queryset
    return queryset.filter(school_id__in=member_school_ids(user))


def invitation_list(
    *, user: Any, status: str | None = None, school: School | None = None
) -> QuerySet[Invitation]:
    """Invitations a user may manage: every one for coordinators, their schools' for leads."""
    queryset = Invitation.objects.select_related("school", "invited_by")
    if not (user.is_coordinator or user.is_superuser):
        queryset = queryset.filter(school_id__in=led_school_ids(user))
    if status in InvitationStatus.values:
        queryset = queryset.filter(_status_filter(status))
    if school is not None:
        queryset = queryset.filter(school=school)
    return queryset.order_by("-created_at", "-pk")


def join_request_list(*, status: str | None = JoinRequest.Status.PENDING) -> QuerySet[JoinRequest]:
    queryset = JoinRequest.objects.select_related("school", "decided_by", "invitation")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def schools_with_membership(user: Any) -> QuerySet[School]:
    """The schools whose member page a user may open: all for coordinators, else their own."""
    if user.is_coordinator or user.is_superuser:
        return School.objects.all()
    return School.objects.filter(pk__in=member_school_ids(user))


def school_members(*, school: School) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(school=school)
        .select_related("user", "school")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def school_lead_count(*, school: School) -> int:
    return Membership.objects.filter(school=school, role=SchoolRole.SCHOOL_LEAD).count()


def is_ascii_number(text: str) -> bool:
    """Whether ``int(text)`` reads it as a URN: ``"²".isdigit()`` is True but int() refuses it."""
    return text.isascii() and text.isdigit()


def school_search(query: str, *, limit: int = 10) -> list[School]:
    """Open schools matching a URN or part of a name, for the public join form."""
    query = query.strip()
    if not query:
        return []
    schools = School.objects.filter(is_open=True).select_related("local_authority")
    if is_ascii_number(query):
        return list(schools.filter(urn=int(query))[:limit])
    return list(schools.filter(name__icontains=query).order_by("name")[:limit])


def coordinators() -> QuerySet[User]:
    return User.objects.filter(is_active=True, is_coordinator=True).order_by("pk")


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "name")


def user_with_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


# --- Personal access tokens ------------------------------------------------------------------


API_TOKEN_LIST_FIELDS = (
    "id",
    "user_id",
    "name",
    "scope",
    "prefix",
    "created_at",
    "expires_at",
    "last_used_at",
    "revoked_at",
    "school__id",
    "school__urn",
    "school__name",
)


def api_tokens_of(user: Any) -> QuerySet[ApiToken]:
    """Every token the user made, newest first, with its school for the list."""
    return (
        ApiToken.objects.filter(user_id=user.pk)
        .select_related("school")
        .only(*API_TOKEN_LIST_FIELDS)
        .order_by("-created_at", "-pk")
    )


def api_token_of(user: Any, pk: int) -> ApiToken | None:
    """One of the user's own tokens; another person's is None (a 404 to the view)."""
    return api_tokens_of(user).filter(pk=pk).first()


def api_token_schools(user: Any) -> QuerySet[School]:
    """The schools a user may make a token for: the ones they belong to."""
    fields = ("pk", "urn", "name")
    return School.objects.filter(pk__in=member_school_ids(user)).only(*fields).order_by("name")


def api_token_for_bearer(prefix: str) -> ApiToken | None:
    """The token with this prefix, its owner, and whether the owner still belongs to its
    school, in one query: the API runs this on every token request."""
    still_member = Membership.objects.filter(
        user_id=OuterRef("user_id"), school_id=OuterRef("school_id")
    )
    return (
        ApiToken.objects.select_related("user", "school")
        .annotate(owner_is_member=Exists(still_member))
        .filter(prefix=prefix)
        .first()
    )
