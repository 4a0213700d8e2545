"""Who may read and write on the offers and requests board.

The board is network-wide by design: every member reads every open post, so schools can
find each other. A closed post is its school's business again: only the school's members
(and moderators) still open it; everyone else gets 404. Any member of a school posts for
that school; the post's author, the school's leads and moderators change it (edit, close,
reopen); other members who can see it get 403.
"""

from typing import Any

from reconnect.network.models import BoardPost
from reconnect.network.rules.base import is_moderator, is_network_member
from reconnect.schools.roles import SchoolRole

_CACHE_ATTRIBUTE = "_network_board_roles"


def school_roles_of(user: Any) -> dict[int, str]:
    """The user's role at each of their schools, by school id: one query, remembered on the
    user object for the rest of the request."""
    if not is_network_member(user):
        return {}
    cached: dict[int, str] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = dict(user.memberships.values_list("school_id", "role"))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def can_post_on_board(user: Any) -> bool:
    """Members of a school post for it; members without a school read only."""
    return bool(school_roles_of(user))


def can_post_for(user: Any, school_id: int) -> bool:
    return school_id in school_roles_of(user)


def can_see_board_post(user: Any, post: BoardPost) -> bool:
    if not is_network_member(user):
        return False
    if post.closed_at is None:
        return True
    return is_moderator(user) or post.school_id in school_roles_of(user)


def can_change_board_post(user: Any, post: BoardPost) -> bool:
    """Edit, close and reopen: the author while still at the school, the school's leads,
    and moderators."""
    if not is_network_member(user):
        return False
    if is_moderator(user):
        return True
    role = school_roles_of(user).get(post.school_id)
    if role is None:
        return False
    return role == SchoolRole.SCHOOL_LEAD or post.author_id == user.pk
