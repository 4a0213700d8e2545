"""Writing on the offers and requests board: posting, editing, closing and reopening, and
writing to a school about a post.

Posts are not audited (the post is its own record). A new offer tells the authors of open
requests of another school sharing one of its themes (``notify`` kind ``board``), after
the post is saved. Contact goes through a private conversation
(``services.messages.conversation_start``) to the school's members open to contact, never
to anyone who is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.network.markdown import render_markdown
from reconnect.network.models import BoardKind, BoardPost, Conversation, NotificationKind
from reconnect.network.rules.board import can_post_for
from reconnect.network.selectors.helpers import contacts_of
from reconnect.network.services.messages import conversation_start
from reconnect.network.services.notifications import notify
from reconnect.schools.models import School

PHASES = frozenset(School.Phase.values)


def _clean(
    *, kind: str, title: str, body: str, themes: Sequence[Theme], phases: Iterable[str]
) -> tuple[str, str, list[str]]:
    if kind not in BoardKind.values:
        raise ApplicationError(_("Choose whether you offer or look for help."), field="kind")
    title, body = title.strip(), body.strip()
    if not title:
        raise ApplicationError(_("Enter a title."), field="title")
    if not body:
        raise ApplicationError(_("Say what you can offer or are looking for."), field="body")
    if not themes:
        raise ApplicationError(_("Choose at least one theme."), field="themes")
    chosen = list(dict.fromkeys(phases))
    if any(phase not in PHASES for phase in chosen):
        raise ApplicationError(_("Choose phases from the list."), field="phases")
    # Kept in the order the phases are listed, so the same choice is stored the same way.
    return title, body, [phase for phase in School.Phase.values if phase in chosen]


def board_post_create(
    *,
    author: Any,
    school: School,
    kind: str,
    title: str,
    body: str,
    themes: Sequence[Theme],
    phases: Iterable[str] = (),
) -> BoardPost:
    """Post ``kind`` for ``school``. Raises ApplicationError if the author is not a member
    of the school or a field is empty or unknown. A new offer notifies, on commit, the
    authors of other schools' open requests sharing one of its themes."""
    if not can_post_for(author, school.pk):
        raise ApplicationError(_("You can only post for a school you belong to."), field="school")
    title, body, phase_list = _clean(
        kind=kind, title=title, body=body, themes=themes, phases=phases
    )
    with transaction.atomic():
        post = BoardPost.objects.create(
            school=school,
            author=author,
            kind=kind,
            title=title,
            body=body,
            body_html=render_markdown(body),
            phases=phase_list,
        )
        post.themes.set(themes)
        if kind == BoardKind.OFFER:
            _tell_requesters(post, themes)
    return post


def _tell_requesters(post: BoardPost, themes: Sequence[Theme]) -> None:
    authors = (
        BoardPost.objects.filter(
            kind=BoardKind.REQUEST,
            closed_at__isnull=True,
            themes__in=[theme.pk for theme in themes],
            author__is_active=True,
        )
        .exclude(school_id=post.school_id)
        .values_list("author_id", flat=True)
        .distinct()
    )
    recipients = [pk for pk in authors if pk is not None]
    if not recipients:
        return
    notify(
        users=recipients,
        kind=NotificationKind.BOARD,
        text=_("%(school)s offers help on the board: %(title)s")
        % {"school": post.school.name, "title": post.title},
        url=reverse("network:board-post", kwargs={"post_id": post.pk}),
        actor=post.author,
        board_post=post,
    )


def board_post_update(
    *,
    post: BoardPost,
    title: str,
    body: str,
    themes: Sequence[Theme],
    phases: Iterable[str] = (),
) -> BoardPost:
    """Change a post's words and tags (its kind and school stay). The caller checks
    ``rules.board.can_change_board_post``."""
    title, body, phase_list = _clean(
        kind=post.kind, title=title, body=body, themes=themes, phases=phases
    )
    with transaction.atomic():
        post.title = title
        post.body = body
        post.body_html = render_markdown(body)
        post.phases = phase_list
        post.save(update_fields=["title", "body", "body_html", "phases"])
        post.themes.set(themes)
    return post


def board_post_close(*, post: BoardPost) -> BoardPost:
    """Close a post (found help, or no longer offering): it leaves the board. Closing a
    closed post changes nothing."""
    if post.closed_at is None:
        post.closed_at = timezone.now()
        post.save(update_fields=["closed_at"])
    return post


def board_post_reopen(*, post: BoardPost) -> BoardPost:
    if post.closed_at is not None:
        post.closed_at = None
        post.save(update_fields=["closed_at"])
    return post


def school_contact(
    *,
    author: Any,
    school: School,
    subject: str,
    body: str,
    board_post: BoardPost | None = None,
    submission_key: str = "",
) -> Conversation:
    """Start a private conversation from ``author`` with ``school``'s members open to
    contact, about ``board_post`` when given. Raises ApplicationError when no one there is
    open to contact (or only the author is), or as ``conversation_start`` does (a recipient
    blocked the author, empty text)."""
    recipients = contacts_of(school.pk, exclude_user=author)
    if not recipients:
        raise ApplicationError(_("No one at this school is open to contact at the moment."))
    return conversation_start(
        author=author,
        recipients=recipients,
        subject=subject.strip(),
        body=body.strip(),
        board_post=board_post,
        submission_key=submission_key,
    )
