"""Reading the offers and requests board: the listing with its filters, one post, and the
schools that may help with (or may want) it.

Every read is scoped by ``rules.board``: open posts for every member, closed ones for their
school's members and moderators. The listing costs the same number of queries for one post
as for a page of them (the school, its borough and the author are joined; the themes are one
prefetch).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from reconnect.hub.models import Theme
from reconnect.network.analysis.matching import EvidenceKind
from reconnect.network.models import BoardKind, BoardPost
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.network.rules.board import can_see_board_post, school_roles_of
from reconnect.network.selectors.helpers import (
    HelperSchool,
    asker_for,
    helper_schools,
    rank_schools,
)
from reconnect.schools.models import LocalAuthority, School

MATCHES_LIMIT = 10

# What a request's helpers may show, and what shows that a school may want an offer.
REQUEST_MATCH_KINDS = frozenset(
    {
        EvidenceKind.STRENGTH,
        EvidenceKind.PILOT,
        EvidenceKind.CASE_STUDY,
        EvidenceKind.OFFER,
        EvidenceKind.INTEREST,
    }
)
OFFER_MATCH_KINDS = frozenset({EvidenceKind.REQUEST})


def _themes() -> Prefetch[Any]:
    return Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))


def board_posts_visible_to(user: Any) -> QuerySet[BoardPost]:
    if not is_network_member(user):
        return BoardPost.objects.none()
    posts = BoardPost.objects.all()
    if is_moderator(user):
        return posts
    return posts.filter(Q(closed_at__isnull=True) | Q(school_id__in=list(school_roles_of(user))))


@dataclass(frozen=True)
class BoardFilters:
    kind: str = ""
    theme: Theme | None = None
    phase: str = ""
    borough: LocalAuthority | None = None
    # Show my schools' closed posts too (others' closed posts are never listed).
    closed: bool = False


def board_list(user: Any, filters: BoardFilters) -> QuerySet[BoardPost]:
    """The board, newest first: open posts (and, when asked, the reader's schools' closed
    ones), filtered."""
    posts = board_posts_visible_to(user)
    if filters.closed:
        posts = posts.filter(
            Q(closed_at__isnull=True) | Q(school_id__in=list(school_roles_of(user)))
        )
    else:
        posts = posts.filter(closed_at__isnull=True)
    if filters.kind:
        posts = posts.filter(kind=filters.kind)
    if filters.theme is not None:
        posts = posts.filter(themes=filters.theme)
    if filters.phase:
        # A post naming no phase concerns every phase. JSON containment is not on SQLite,
        # so the phase is matched as its quoted value inside the stored list.
        posts = posts.filter(Q(phases=[]) | Q(phases__icontains=f'"{filters.phase}"'))
    if filters.borough is not None:
        posts = posts.filter(school__local_authority=filters.borough)
    return (
        posts.select_related("school__local_authority", "author")
        .prefetch_related(_themes())
        .order_by("-created_at", "-pk")
    )


def with_phase_labels(posts: Iterable[BoardPost]) -> list[BoardPost]:
    """Each post with ``phase_labels``: its phases' names, in the list's order."""
    labels = dict(School.Phase.choices)
    rows = list(posts)
    for post in rows:
        post.phase_labels = [str(labels[p]) for p in post.phases or () if p in labels]  # type: ignore[attr-defined]
    return rows


def board_post_for(user: Any, post_id: int) -> BoardPost:
    """One post the user may see, with its school, borough, author and themes (404
    otherwise)."""
    post = (
        BoardPost.objects.filter(pk=post_id)
        .select_related("school__local_authority", "author")
        .prefetch_related(_themes())
        .first()
    )
    if post is None or not can_see_board_post(user, post):
        raise Http404
    with_phase_labels([post])
    return post


def schools_to_post_for(user: Any) -> QuerySet[School]:
    return School.objects.filter(pk__in=list(school_roles_of(user))).order_by("name")


def board_matches(*, user: Any, post: BoardPost, limit: int = MATCHES_LIMIT) -> list[HelperSchool]:
    """For a request, the schools that may help; for an offer, those that may want it.

    Ranked from the post's school's point of view (its borough, phase and context) with the
    post's phases as the phases wanted; the post's own school is never listed, nor the
    reader among a school's contacts."""
    theme_ids = [theme.pk for theme in post.themes.all()]
    kinds = REQUEST_MATCH_KINDS if post.kind == BoardKind.REQUEST else OFFER_MATCH_KINDS
    asker = asker_for(post.school, phases_wanted=post.phases or ())
    ranked = rank_schools(
        user=user, theme_ids=theme_ids, kinds=kinds, asker=asker, asker_school=post.school
    )
    return helper_schools(ranked[:limit], exclude_user=user)
