"""Reading private messages: a member's inbox, one conversation, people to write to.

``participant_for`` is the one door to a conversation: the member's own participant row
while they are in it, else 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, Case, F, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from reconnect.accounts.models import User
from reconnect.network.models import ConversationParticipant, Group, Message
from reconnect.network.rules.messages import is_in_conversation
from reconnect.network.selectors.membership import group_member_ids
from reconnect.network.selectors.moderation import blocked_by_ids
from reconnect.schools.models import Membership

MAX_ID = 2**31 - 1
SEARCH_LIMIT = 20
CHOSEN_MAX = 50


def _unread() -> Case:
    return Case(
        When(last_read_at__isnull=True, then=Value(True)),
        When(conversation__last_message_at__gt=F("last_read_at"), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def inbox(user: Any) -> QuerySet[ConversationParticipant]:
    """``user``'s conversations, newest first, each with ``is_unread`` and its other
    participants: three queries for a page, whatever its length."""
    others = ConversationParticipant.objects.select_related("user").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    return (
        ConversationParticipant.objects.filter(user=user, left_at__isnull=True)
        .select_related("conversation")
        .prefetch_related(Prefetch("conversation__participants", queryset=others))
        .annotate(is_unread=_unread())
        .order_by("-conversation__last_message_at", "-conversation__pk")
    )


def unread_count(user: Any) -> int:
    return (
        ConversationParticipant.objects.filter(user=user, left_at__isnull=True)
        .filter(
            Q(last_read_at__isnull=True) | Q(conversation__last_message_at__gt=F("last_read_at"))
        )
        .count()
    )


def participant_for(user: Any, conversation_id: int) -> ConversationParticipant:
    """``user``'s place in conversation ``conversation_id``, with the conversation; 404
    for anyone not (or no longer) in it, whatever their role."""
    if conversation_id > MAX_ID or not getattr(user, "is_authenticated", False):
        raise Http404
    participant = (
        ConversationParticipant.objects.select_related(
            "conversation", "conversation__group", "conversation__board_post"
        )
        .filter(conversation_id=conversation_id, user=user)
        .first()
    )
    if participant is None or not is_in_conversation(user, participant):
        raise Http404
    return participant


def messages_of(participant: ConversationParticipant) -> list[Message]:
    return list(
        Message.objects.filter(conversation_id=participant.conversation_id)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def participants_of(participant: ConversationParticipant) -> list[ConversationParticipant]:
    return list(
        ConversationParticipant.objects.filter(conversation_id=participant.conversation_id)
        .select_related("user")
        .order_by("left_at", "user__last_name", "user__first_name", "pk")
    )


def _with_schools(users: QuerySet[User]) -> QuerySet[User]:
    return users.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("school"))
    ).order_by("last_name", "first_name", "pk")


def people_found(user: Any, query: str) -> list[User]:
    """Active members other than ``user`` whose name or school matches ``query`` (two
    letters at least), at most ``SEARCH_LIMIT``."""
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    matches = Q()
    for word in query.split()[:4]:
        matches &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(memberships__school__name__icontains=word)
        )
    users = User.objects.filter(is_active=True).exclude(pk=user.pk).filter(matches).distinct()
    return list(_with_schools(users)[:SEARCH_LIMIT])


def people_chosen(user: Any, ids: Iterable[int]) -> list[User]:
    """The active members among ``ids`` (not ``user``), at most ``CHOSEN_MAX``."""
    wanted = sorted({pk for pk in ids if 0 < pk <= MAX_ID and pk != user.pk})[:CHOSEN_MAX]
    if not wanted:
        return []
    return list(_with_schools(User.objects.filter(pk__in=wanted, is_active=True)))


def group_recipients(group: Group, author: Any) -> list[User]:
    """Who a message to ``group`` reaches: its active members but the author and anyone
    who has blocked the author (they asked not to hear from them)."""
    blockers = blocked_by_ids(author)
    return list(
        User.objects.filter(pk__in=group_member_ids(group))
        .exclude(pk=author.pk)
        .exclude(pk__in=blockers)
        .order_by("pk")
    )
