"""Moderation: flags, the review of held and flagged posts, moderators' thread actions and
members' blocks.

Every function here checks what must hold whoever calls it (a post's status, a flag's
reason, a split's post numbers); whether the caller may call it at all is the view's job
(``rules.moderation``). Every moderation change writes an audit record whose detail holds
ids and the moderator's reason, never the words of a post. Authors are told (kind
``moderation``) when their held post is approved or rejected and when their post is hidden
or shown again.

Thread counts (``post_count``, ``last_post_number``, ``last_posted_at``) count published
posts only, so whenever a post is published, hidden or moved they are counted again from
the posts (``thread_recount``), never nudged by one: a count that drifted heals itself.

Safeguarding: a flag that says a post identifies a pupil or family hides the post at once,
without waiting for two more members to agree. A post like that must not stay up while a
coordinator is away; if the flag was wrong, dismissing it shows the post again, and the
cost of that is a short delay to a colleague's words, not a child's privacy.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.network import audit_actions
from reconnect.network.models import (
    Block,
    Category,
    Flag,
    FlagOutcome,
    FlagReason,
    NotificationKind,
    Post,
    PostStatus,
    Thread,
    ThreadKind,
    ThreadRead,
)
from reconnect.network.rules.moderation import can_block
from reconnect.network.services import discussions
from reconnect.network.services.notifications import notify

# Open flags from this many different members hide a post until a coordinator looks.
AUTO_HIDE_FLAGS = 3
REASON_MAX = 200
NOTE_MAX = 500
TITLE_MAX = 150


def thread_path(thread: Thread) -> str:
    """Where a thread is read: the discussions area's page, else the network's front page
    (while that page does not exist yet)."""
    try:
        return reverse("network:thread", kwargs={"thread_id": thread.pk})
    except NoReverseMatch:
        return reverse("network:home")


def post_path(post: Post) -> str:
    """Where a post is read: its own address, which finds its page even after a split."""
    try:
        return reverse("network:post", kwargs={"post_id": post.pk})
    except NoReverseMatch:
        return f"{thread_path(post.thread)}#post-{post.number}"


def _audit(
    action: str,
    *,
    request: HttpRequest | None,
    actor: Any,
    target: Any,
    **detail: Any,
) -> None:
    audit_record(action, request=request, actor=actor, target=target, detail=detail)


def _tell_author(post: Post, text: str, *, actor: Any) -> None:
    if post.author_id is None:
        return
    notify(
        users=[post.author_id],
        kind=NotificationKind.MODERATION,
        text=text,
        url=post_path(post),
        actor=actor,
        thread=post.thread,
        post=post,
    )


def _reason(reason: str, *, missing: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ApplicationError(missing, field="reason")
    if len(reason) > REASON_MAX:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": REASON_MAX}, field="reason"
        )
    return reason


def thread_recount(thread: Thread) -> None:
    """Count the thread's published posts again: how many, the newest number and when."""
    published = Post.objects.filter(thread=thread, status=PostStatus.PUBLISHED)
    figures = published.aggregate(
        count=Count("pk"), last_number=Max("number"), last_at=Max("created_at")
    )
    thread.post_count = figures["count"] or 0
    thread.last_post_number = figures["last_number"] or 0
    thread.last_posted_at = figures["last_at"] or thread.created_at
    thread.save(update_fields=["post_count", "last_post_number", "last_posted_at"])


# --- Flags ----------------------------------------------------------------------------------


def _resolve_flags(post: Post, *, outcome: str, moderator: Any) -> list[int]:
    flags = list(
        Flag.objects.filter(post=post, outcome=FlagOutcome.OPEN).values_list("pk", flat=True)
    )
    Flag.objects.filter(pk__in=flags).update(
        outcome=outcome, resolved_at=timezone.now(), resolved_by=moderator
    )
    return flags


def _hide(post: Post, reason: str) -> None:
    post.status = PostStatus.HIDDEN
    post.hidden_reason = reason[:REASON_MAX]
    post.save(update_fields=["status", "hidden_reason"])
    thread_recount(post.thread)


def flag_post(
    *,
    post: Post,
    user: Any,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> tuple[Flag, bool]:
    """``user`` reports ``post``; returns the flag and whether it is new.

    A member's second flag on a post they have flagged already (still open) changes
    nothing and returns the first. Side effects: a ``network.post.flagged`` audit record
    (post, thread, reason); when the flag is about a pupil or family, or open flags from
    ``AUTO_HIDE_FLAGS`` different members now stand on the post, the post is hidden until a
    coordinator reviews it (``network.post.hidden``, automatic) and its author is told.
    Raises ``ApplicationError`` for an unknown reason, an overlong note, one's own post or
    a post that is not published.
    """
    if reason not in FlagReason.values:
        raise ApplicationError(_("Choose why you are reporting this post."), field="reason")
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": NOTE_MAX}, field="note"
        )
    if post.author_id == user.pk:
        raise ApplicationError(_("You cannot report your own post."))
    with transaction.atomic():
        post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
        if post.status != PostStatus.PUBLISHED:
            existing = Flag.objects.filter(
                post=post, flagged_by=user, outcome=FlagOutcome.OPEN
            ).first()
            if existing is not None:
                return existing, False
            raise ApplicationError(_("This post is already waiting for a coordinator."))
        existing = Flag.objects.filter(post=post, flagged_by=user, outcome=FlagOutcome.OPEN).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                flag = Flag.objects.create(post=post, flagged_by=user, reason=reason, note=note)
        except IntegrityError:  # a double click raced past the check above
            return Flag.objects.get(post=post, flagged_by=user, outcome=FlagOutcome.OPEN), False
        _audit(
            audit_actions.POST_FLAGGED,
            request=request,
            actor=user,
            target=post,
            post=post.pk,
            thread=post.thread_id,
            reason=reason,
        )
        flaggers = (
            Flag.objects.filter(post=post, outcome=FlagOutcome.OPEN)
            .values("flagged_by")
            .distinct()
            .count()
        )
        cause = ""
        if reason == FlagReason.PUPIL_DATA:
            cause = "pupil_data"
            hidden_reason = _(
                "Reported as identifying a pupil or family: hidden while a coordinator checks it."
            )
        elif flaggers >= AUTO_HIDE_FLAGS:
            cause = "flags"
            hidden_reason = _("Reported by several members: hidden while a coordinator checks it.")
        if cause:
            _hide(post, hidden_reason)
            _audit(
                audit_actions.POST_HIDDEN,
                request=request,
                actor=user,
                target=post,
                post=post.pk,
                thread=post.thread_id,
                reason=cause,
                automatic=True,
                flags=flaggers,
            )
            _tell_author(
                post,
                _("Your post in “%(title)s” has been hidden. %(reason)s")
                % {"title": post.thread.title, "reason": hidden_reason},
                actor=None,
            )
    return flag, True


# --- Reviewing posts ------------------------------------------------------------------------


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("thread").get(pk=post.pk)


def _show(post: Post) -> None:
    """Publish a locked post (held, or hidden) and count it in its thread again."""
    post.status = PostStatus.PUBLISHED
    post.hidden_reason = ""
    post.save(update_fields=["status", "hidden_reason"])
    thread_recount(post.thread)


def _decided(
    action: str,
    post: Post,
    *,
    moderator: Any,
    request: HttpRequest | None,
    tell: str = "",
    **detail: Any,
) -> None:
    """The end of every decision on a post: its audit record (the post, its thread and
    ``detail``), then ``tell``, if any, to its author; ``tell`` may use ``%(title)s``
    (the thread's) and any string in ``detail``."""
    audit_record(
        action,
        request=request,
        actor=moderator,
        target=post,
        detail={"post": post.pk, "thread": post.thread_id, **detail},
    )
    if tell:
        _tell_author(post, tell % {"title": post.thread.title, **detail}, actor=moderator)


def _publish_hook(post: Post) -> None:
    """Tell whom a newly published post concerns (mentions, replies, watchers), exactly as
    the discussions area does for a post published straight away."""
    discussions.post_published(post=post)


def post_approve(*, post: Post, moderator: Any, request: HttpRequest | None = None) -> Post:
    """Publish a held post: it then counts in its thread and sets off the usual
    notifications. Side effects: ``network.post.approved`` audit record, the author told.
    Raises ``ApplicationError`` when the post is not waiting for review."""
    with transaction.atomic():
        post = _locked(post)
        if post.status != PostStatus.PENDING:
            raise ApplicationError(_("This post is not waiting for review."))
        _show(post)
        _decided(
            audit_actions.POST_APPROVED,
            post,
            moderator=moderator,
            request=request,
            tell=_("Your post in “%(title)s” has been approved and is now visible."),
        )
        _publish_hook(post)
    return post


def post_reject(
    *, post: Post, moderator: Any, reason: str, request: HttpRequest | None = None
) -> Post:
    """Refuse a held post: it stays visible to its author only, with the reason. Side
    effects: ``network.post.rejected`` audit record (with the reason), the author told.
    Raises ``ApplicationError`` for a post not waiting for review or no reason."""
    reason = _reason(reason, missing=_("Say why the post is rejected."))
    with transaction.atomic():
        post = _locked(post)
        if post.status != PostStatus.PENDING:
            raise ApplicationError(_("This post is not waiting for review."))
        post.status = PostStatus.REJECTED
        post.hidden_reason = reason
        post.save(update_fields=["status", "hidden_reason"])
        _decided(
            audit_actions.POST_REJECTED,
            post,
            moderator=moderator,
            request=request,
            tell=_("Your post in “%(title)s” was not published: %(reason)s"),
            reason=reason,
        )
    return post


def post_hide(
    *,
    post: Post,
    moderator: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> Post:
    """Hide a post (published, or already hidden by flags) with a reason its author sees;
    its open flags are upheld. Side effects: ``network.post.hidden`` audit record (reason,
    the flags upheld), the author told. Raises ``ApplicationError`` for a held or rejected
    post, or no reason."""
    reason = _reason(reason, missing=_("Say why the post is hidden."))
    with transaction.atomic():
        post = _locked(post)
        if post.status not in (PostStatus.PUBLISHED, PostStatus.HIDDEN):
            raise ApplicationError(_("Only a published post can be hidden."))
        _hide(post, reason)
        upheld = _resolve_flags(post, outcome=FlagOutcome.UPHELD, moderator=moderator)
        _decided(
            audit_actions.POST_HIDDEN,
            post,
            moderator=moderator,
            request=request,
            tell=_("Your post in “%(title)s” has been hidden by a coordinator: %(reason)s"),
            reason=reason,
            flags_upheld=upheld,
        )
    return post


def post_unhide(*, post: Post, moderator: Any, request: HttpRequest | None = None) -> Post:
    """Show a hidden post again; open flags on it are dismissed (a coordinator looked and
    let it stand). Side effects: ``network.post.unhidden`` audit record, the author told.
    Raises ``ApplicationError`` when the post is not hidden."""
    with transaction.atomic():
        post = _locked(post)
        if post.status != PostStatus.HIDDEN:
            raise ApplicationError(_("This post is not hidden."))
        _show(post)
        dismissed = _resolve_flags(post, outcome=FlagOutcome.DISMISSED, moderator=moderator)
        _decided(
            audit_actions.POST_UNHIDDEN,
            post,
            moderator=moderator,
            request=request,
            tell=_("Your post in “%(title)s” is visible again."),
            flags_dismissed=dismissed,
        )
    return post


def flags_dismiss(*, post: Post, moderator: Any, request: HttpRequest | None = None) -> Post:
    """The flags on a post were wrong: close them, and show the post again if they had
    hidden it. Side effects: ``network.flag.dismissed`` audit record (the flags' ids,
    whether the post was shown again), the author told when it was. Raises
    ``ApplicationError`` when no flag is open on the post."""
    with transaction.atomic():
        post = _locked(post)
        dismissed = _resolve_flags(post, outcome=FlagOutcome.DISMISSED, moderator=moderator)
        if not dismissed:
            raise ApplicationError(_("No report on this post is waiting for review."))
        # Only flags hide a post that still has open flags: a coordinator's hiding closes them.
        shown = post.status == PostStatus.HIDDEN
        if shown:
            _show(post)
        _decided(
            audit_actions.FLAG_DISMISSED,
            post,
            moderator=moderator,
            request=request,
            tell=_("Your post in “%(title)s” is visible again.") if shown else "",
            flags=dismissed,
            unhidden=shown,
        )
    return post


def flags_uphold(
    *, post: Post, moderator: Any, reason: str = "", request: HttpRequest | None = None
) -> Post:
    """The flags were right: hide the post (``post_hide``), with the moderator's reason or
    else the flags' most common one. Raises ``ApplicationError`` when no flag is open."""
    flags = list(Flag.objects.filter(post=post, outcome=FlagOutcome.OPEN))
    if not flags:
        raise ApplicationError(_("No report on this post is waiting for review."))
    if not reason.strip():
        labels = dict(FlagReason.choices)
        reasons = [flag.reason for flag in flags]
        common = max(set(reasons), key=reasons.count)
        reason = _("Reported by members: %(reason)s") % {"reason": labels[common]}
    return post_hide(post=post, moderator=moderator, reason=reason, request=request)


# --- Threads --------------------------------------------------------------------------------


def thread_set_locked(
    *, thread: Thread, moderator: Any, locked: bool, request: HttpRequest | None = None
) -> Thread:
    """Lock (no more replies) or unlock a thread. Side effect: ``network.thread.locked``
    or ``.unlocked`` audit record. Locking a locked thread changes nothing."""
    if thread.is_locked == locked:
        return thread
    with transaction.atomic():
        thread.is_locked = locked
        thread.save(update_fields=["is_locked"])
        _audit(
            audit_actions.THREAD_LOCKED if locked else audit_actions.THREAD_UNLOCKED,
            request=request,
            actor=moderator,
            target=thread,
            thread=thread.pk,
        )
    return thread


def thread_set_pinned(
    *, thread: Thread, moderator: Any, pinned: bool, request: HttpRequest | None = None
) -> Thread:
    """Pin a thread to the top of its list, or unpin it. Side effect:
    ``network.thread.pinned`` audit record (pinned true or false)."""
    if thread.is_pinned == pinned:
        return thread
    with transaction.atomic():
        thread.is_pinned = pinned
        thread.save(update_fields=["is_pinned"])
        _audit(
            audit_actions.THREAD_PINNED,
            request=request,
            actor=moderator,
            target=thread,
            thread=thread.pk,
            pinned=pinned,
        )
    return thread


def thread_set_hidden(
    *,
    thread: Thread,
    moderator: Any,
    hidden: bool,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Thread:
    """Hide a whole thread from members (moderators still open it), or show it again.
    Side effects: ``network.thread.hidden`` audit record (hidden true or false, the
    reason); its author told. Raises ``ApplicationError`` when hiding without a reason."""
    if hidden:
        reason = _reason(reason, missing=_("Say why the thread is hidden."))
    if thread.is_hidden == hidden:
        return thread
    with transaction.atomic():
        thread.is_hidden = hidden
        thread.save(update_fields=["is_hidden"])
        _audit(
            audit_actions.THREAD_HIDDEN,
            request=request,
            actor=moderator,
            target=thread,
            thread=thread.pk,
            hidden=hidden,
            reason=reason,
        )
        if thread.author_id is not None:
            text = (
                _("Your thread “%(title)s” has been hidden by a coordinator: %(reason)s")
                % {"title": thread.title, "reason": reason}
                if hidden
                else _("Your thread “%(title)s” is visible again.") % {"title": thread.title}
            )
            notify(
                users=[thread.author_id],
                kind=NotificationKind.MODERATION,
                text=text,
                url=thread_path(thread),
                actor=moderator,
                thread=thread,
            )
    return thread


def thread_move(
    *, thread: Thread, moderator: Any, category: Category, request: HttpRequest | None = None
) -> Thread:
    """Move a thread to another category; the category's theme joins the thread's themes.
    A group's thread stays in its group: moving it out would show a private group's words
    to the whole network. Side effect: ``network.thread.moved`` audit record (from, to).
    Raises ``ApplicationError`` for a group's thread or the category it is already in."""
    if thread.group_id is not None:
        raise ApplicationError(
            _("A group’s thread stays in its group: it cannot move to a category."),
            field="category",
        )
    if thread.category_id == category.pk:
        raise ApplicationError(_("The thread is already in this category."), field="category")
    with transaction.atomic():
        before = thread.category_id
        thread.category = category
        thread.save(update_fields=["category"])
        if category.theme_id is not None:
            thread.themes.add(category.theme_id)
        _audit(
            audit_actions.THREAD_MOVED,
            request=request,
            actor=moderator,
            target=thread,
            thread=thread.pk,
            from_category=before,
            to_category=category.pk,
        )
    return thread


def _renumber(posts: Iterable[Post], thread: Thread) -> dict[int, int]:
    """Number ``posts`` (in their order) 1, 2, ... in ``thread``; returns old -> new.

    Safe against the one-number-per-thread constraint: taken in rising order, each post's
    new number is at most its old one and every smaller number is already settled."""
    mapping: dict[int, int] = {}
    for new, post in enumerate(posts, start=1):
        mapping[post.number] = new
        if post.number != new or post.thread_id != thread.pk:
            Post.objects.filter(pk=post.pk).update(thread=thread, number=new)
    return mapping


def _carry_reads(thread: Thread, mapping: dict[int, int]) -> None:
    """Keep each reader's place in a renumbered thread: read up to old post n means read
    up to the new number of the last post left at or before n."""
    olds = sorted(mapping)

    def place(old: int) -> int:
        settled = [mapping[n] for n in olds if n <= old]
        return settled[-1] if settled else 0

    values = sorted(
        set(ThreadRead.objects.filter(thread=thread).values_list("last_read_number", flat=True))
    )
    for value in values:  # rising, and place(v) <= v: an updated row is never caught again
        new = place(value)
        if new != value:
            ThreadRead.objects.filter(thread=thread, last_read_number=value).update(
                last_read_number=new
            )


def thread_split(
    *,
    thread: Thread,
    moderator: Any,
    numbers: Iterable[int],
    title: str,
    category: Category | None,
    request: HttpRequest | None = None,
) -> Thread:
    """Move replies ``numbers`` of ``thread`` into a new thread titled ``title``.

    The new thread is in ``category`` (or, for a group's thread, in the same group, so its
    words stay private); its author and start are those of its first post. Posts keep
    their authors, dates, statuses, revisions, attachments and mentions; both threads are
    numbered 1, 2, ... again in the old order, a reply to a post now in the other thread
    stops pointing at it, readers keep their place and the counts are counted again.
    Side effect: ``network.thread.split`` audit record (both threads, the numbers moved).
    Raises ``ApplicationError`` for no numbers, the opening post, a number the thread has
    not got, no title, or no category for a thread in a category.
    """
    wanted = sorted(set(numbers))
    if not wanted:
        raise ApplicationError(_("Choose the replies to move."), field="numbers")
    if 1 in wanted:
        raise ApplicationError(
            _("The opening post stays with its thread: choose replies only."), field="numbers"
        )
    title = " ".join(title.split())
    if not title:
        raise ApplicationError(_("Enter a title for the new thread."), field="title")
    if len(title) > TITLE_MAX:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": TITLE_MAX}, field="title"
        )
    if thread.group_id is None and category is None:
        raise ApplicationError(_("Choose the new thread’s category."), field="category")
    with transaction.atomic():
        thread = Thread.objects.select_for_update().get(pk=thread.pk)
        posts = list(Post.objects.filter(thread=thread).order_by("number"))
        found = {post.number for post in posts}
        missing = [n for n in wanted if n not in found]
        if missing:
            raise ApplicationError(
                _("This thread has no post numbered %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in missing)},
                field="numbers",
            )
        moving = [post for post in posts if post.number in wanted]
        staying = [post for post in posts if post.number not in wanted]
        first = moving[0]
        new_thread = Thread.objects.create(
            category=None if thread.group_id is not None else category,
            group_id=thread.group_id,
            title=title,
            kind=ThreadKind.DISCUSSION,
            author_id=first.author_id,
            created_at=first.created_at,
            last_posted_at=first.created_at,
        )
        theme_id = new_thread.category.theme_id if new_thread.category else None
        if theme_id is not None:
            new_thread.themes.add(theme_id)
        moved_ids = {post.pk for post in moving}
        # Replies across the split would point into another thread: they stop pointing.
        Post.objects.filter(pk__in=moved_ids).exclude(reply_to_id__in=moved_ids).update(
            reply_to=None
        )
        Post.objects.filter(thread=thread, reply_to_id__in=moved_ids).exclude(
            pk__in=moved_ids
        ).update(reply_to=None)
        _renumber(moving, new_thread)
        mapping = _renumber(staying, thread)
        _carry_reads(thread, mapping)
        if thread.accepted_post_id in moved_ids:
            thread.accepted_post = None
            thread.save(update_fields=["accepted_post"])
        thread_recount(thread)
        thread_recount(new_thread)
        _audit(
            audit_actions.THREAD_SPLIT,
            request=request,
            actor=moderator,
            target=thread,
            thread=thread.pk,
            new_thread=new_thread.pk,
            numbers=wanted,
            category=new_thread.category_id,
        )
    return new_thread


# --- Blocks ---------------------------------------------------------------------------------


def member_block(*, user: Any, other: Any, request: HttpRequest | None = None) -> bool:
    """``user`` stops receiving ``other``'s messages and mentions; True when new. Blocking
    twice changes nothing. Side effect: ``network.member.blocked`` audit record (whom).
    Raises ``ApplicationError`` for oneself or a coordinator or administrator, who must
    still be able to reach every member."""
    if other.pk == user.pk:
        raise ApplicationError(_("You cannot block yourself."))
    if not can_block(user, other):
        raise ApplicationError(
            _("Coordinators cannot be blocked: they must be able to reach every member.")
        )
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(blocker=user, blocked=other)
        if created:
            _audit(
                audit_actions.MEMBER_BLOCKED,
                request=request,
                actor=user,
                target=other,
                blocked=other.pk,
            )
    return created


def member_unblock(*, user: Any, other: Any, request: HttpRequest | None = None) -> bool:
    """Undo ``member_block``; True when there was a block. Side effect:
    ``network.member.unblocked`` audit record (whom)."""
    with transaction.atomic():
        deleted, _rows = Block.objects.filter(blocker=user, blocked=other).delete()
        if deleted:
            _audit(
                audit_actions.MEMBER_UNBLOCKED,
                request=request,
                actor=user,
                target=other,
                blocked=other.pk,
            )
    return bool(deleted)
