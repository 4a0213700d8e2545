"""Reading groups: a member's groups, one group's page (members, threads, files, events,
conversations) and the people an owner may add.

Every function that takes a ``user`` returns only what that user may see; ``group_for``
is the one door to a group (404 for anyone who may not open it).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.lab.models import Trio, TrioStatus
from reconnect.network.models import (
    Conversation,
    Event,
    Group,
    GroupFile,
    PostStatus,
    Thread,
)
from reconnect.network.rules.base import is_moderator
from reconnect.network.rules.groups import can_open_group
from reconnect.network.selectors.membership import group_member_ids, groups_of
from reconnect.schools.models import Membership

MAX_ID = 2**31 - 1
THREADS_SHOWN = 20
MEMBER_SEARCH_LIMIT = 20


def groups_for_list(user: Any) -> QuerySet[Group]:
    """``user``'s groups, open ones first, by kind and name: one query."""
    return groups_of(user).order_by("archived_at", "kind", "name")


def all_groups(user: Any) -> QuerySet[Group]:
    """Every group, for moderators (they open any group to moderate it); none for others."""
    if not is_moderator(user):
        return Group.objects.none()
    return Group.objects.order_by("archived_at", "kind", "name")


def group_for(user: Any, slug: str) -> Group:
    """The group ``slug`` if ``user`` may open it (a member, or a moderator); else 404."""
    group = Group.objects.select_related("trio").filter(slug=slug).first()
    if group is None or not can_open_group(user, group):
        raise Http404
    return group


def group_of_trio(user: Any, trio_id: int) -> Group:
    """The group made with the trio ``trio_id``, if ``user`` may open it; else 404."""
    if trio_id > MAX_ID:
        raise Http404
    group = Group.objects.filter(trio_id=trio_id).first()
    if group is None or not can_open_group(user, group):
        raise Http404
    return group


def confirmed_trio_without_group(trio_id: int) -> Trio | None:
    """The confirmed trio ``trio_id`` with its schools, when it has no group yet."""
    if trio_id > MAX_ID:
        return None
    return (
        Trio.objects.filter(pk=trio_id, status=TrioStatus.CONFIRMED, group__isnull=True)
        .select_related("cohort", "confirmed_by")
        .prefetch_related("members")
        .first()
    )


def members_of(group: Group) -> QuerySet[User]:
    """The group's members with their schools and roles there, by name: two queries
    whatever the number of rows (the page paginates it)."""
    return (
        User.objects.filter(pk__in=group_member_ids(group))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("school").order_by("school__name"),
            )
        )
        .order_by("last_name", "first_name", "pk")
    )


def threads_of(group: Group, user: Any) -> list[Thread]:
    """The group's newest threads with the number of published posts in each; hidden
    threads only for moderators."""
    threads = Thread.objects.filter(group=group)
    if not is_moderator(user):
        threads = threads.filter(is_hidden=False)
    return list(
        threads.select_related("author")
        .annotate(published_posts=Count("posts", filter=Q(posts__status=PostStatus.PUBLISHED)))
        .order_by("-is_pinned", "-last_posted_at", "-pk")[:THREADS_SHOWN]
    )


def files_of(group: Group) -> QuerySet[GroupFile]:
    return GroupFile.objects.filter(group=group).select_related("uploaded_by")


def file_of(group: Group, file_id: int) -> GroupFile:
    """One of the group's files, else 404 (a file of another group is not found here)."""
    if file_id > MAX_ID:
        raise Http404
    found = files_of(group).filter(pk=file_id).first()
    if found is None:
        raise Http404
    return found


def upcoming_events_of(group: Group) -> QuerySet[Event]:
    return Event.objects.filter(
        group=group, starts_at__gte=timezone.now(), cancelled_at__isnull=True
    ).order_by("starts_at", "pk")


def conversations_of(group: Group, user: Any) -> QuerySet[Conversation]:
    """Conversations written to the group that ``user`` takes part in: private messages
    stay their participants' own, even on the group's page."""
    return Conversation.objects.filter(
        group=group, participants__user=user, participants__left_at__isnull=True
    ).order_by("-last_message_at", "-pk")


def people_to_add(group: Group, query: str) -> list[User]:
    """Active accounts whose name or school matches ``query``, for an owner to
    add: at most ``MEMBER_SEARCH_LIMIT``, by name."""
    query = query.strip()
    if len(query) < 2:
        return []
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(memberships__school__name__icontains=query)
        )
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("school"))
        )
        .order_by("last_name", "first_name", "pk")[:MEMBER_SEARCH_LIMIT]
    )


def explicit_members_of(group: Group) -> list[Any]:
    """The members added by hand and the owners, with their accounts: those an owner may
    remove."""
    return list(group.memberships.select_related("user").order_by("-role", "user__last_name"))
