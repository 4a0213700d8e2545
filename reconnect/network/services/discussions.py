"""Writing discussions: threads, replies, edits, accepted answers, watching and reading.

Every write of the discussions area goes through here, from the pages and the API alike.
Permission is the caller's job (views and API check ``rules.discussions`` first, so a
refusal can be a 404 or a 403 as the page needs); these functions check what the input
must be and keep the thread's counts, the reader's place and the notifications right.

A new post is numbered after the thread's highest number, held for review when
``selectors.moderation.must_hold_for_review`` says so (then it is not counted, not
notified and shown only to its author and moderators), and made at most once per
submission key (a double click or a retried API call gets the first post back).
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.network.markdown import mention_handles, render_markdown
from reconnect.network.models import (
    Category,
    CategoryWatch,
    Group,
    Mention,
    NotificationKind,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadKind,
    ThreadRead,
    ThreadWatch,
    WatchLevel,
)
from reconnect.network.models.discussions import MemberHandle
from reconnect.network.page_cache import reader_changed
from reconnect.network.selectors.discussions import post_path
from reconnect.network.selectors.membership import group_member_ids
from reconnect.network.selectors.moderation import blocked_by_ids, must_hold_for_review
from reconnect.network.services.attachments import attachments_save
from reconnect.network.services.notifications import notify

MAX_MENTIONS = 10
THEME_POSITION_FROM = 10
HANDLE_LENGTH = 36


# --- Categories --------------------------------------------------------------------------------


def categories_for_themes_ensure() -> list[Category]:
    """Make the category of every Hub theme that has none (named and described as the
    theme), and return the new ones. Migration 0002 did this for the themes of its day;
    ``seed_demo`` and a theme added later call this. Safe to call again."""
    made = []
    for theme in Theme.objects.filter(category__isnull=True):
        category, created = Category.objects.get_or_create(
            slug=theme.slug,
            defaults={
                "name": theme.name,
                "description": theme.summary[:300],
                "theme": theme,
                "position": THEME_POSITION_FROM + theme.position,
            },
        )
        if created:
            made.append(category)
    return made


# --- Handles -----------------------------------------------------------------------------------


def _handle_base(user: Any) -> str:
    name = slugify(f"{user.first_name} {user.last_name}".strip()).replace("_", "-")
    if not name:
        name = slugify(user.email.split("@", 1)[0]).replace("_", "-")
    return (name or "member")[:HANDLE_LENGTH].strip("-") or "member"


def handles_ensure(users: Iterable[Any] | None = None) -> None:
    """Give a handle to every active member without one (or to ``users``): their name as
    a slug, numbered when taken ("ann-lee", "ann-lee-2"). One query when all have one."""
    from reconnect.accounts.models import User

    wanted = User.objects.filter(is_active=True, network_handle__isnull=True)
    if users is not None:
        wanted = wanted.filter(pk__in=[getattr(u, "pk", u) for u in users])
    missing = list(wanted.only("pk", "first_name", "last_name", "email"))
    if not missing:
        return
    bases = {user.pk: _handle_base(user) for user in missing}
    taken = set(
        MemberHandle.objects.filter(
            Q(handle__in=set(bases.values()))
            | Q(handle__regex=r"^(" + "|".join(sorted(set(bases.values()))) + r")-[0-9]+$")
        ).values_list("handle", flat=True)
    )
    rows = []
    for user in missing:
        base, number = bases[user.pk], 1
        handle = base
        while handle in taken:
            number += 1
            handle = f"{base}-{number}"
        taken.add(handle)
        rows.append(MemberHandle(user=user, handle=handle))
    MemberHandle.objects.bulk_create(rows, ignore_conflicts=True)


def handle_of(user: Any) -> str:
    """``user``'s handle, made if they have none yet."""
    found = MemberHandle.objects.filter(user=user).values_list("handle", flat=True).first()
    if found is None:
        handles_ensure([user])
        found = MemberHandle.objects.filter(user=user).values_list("handle", flat=True).first()
    return found or ""


def _resolve_mentions(text: str) -> dict[str, int]:
    """The first ``MAX_MENTIONS`` handles ``text`` uses that belong to active members, as
    handle -> user id. One query (two when some member still lacks a handle)."""
    handles = mention_handles(text)[:MAX_MENTIONS]
    if not handles:
        return {}
    found = dict(
        MemberHandle.objects.filter(handle__in=handles, user__is_active=True).values_list(
            "handle", "user_id"
        )
    )
    if len(found) < len(handles):
        handles_ensure()
        found = dict(
            MemberHandle.objects.filter(handle__in=handles, user__is_active=True).values_list(
                "handle", "user_id"
            )
        )
    return found


def _render(text: str, mentioned: dict[str, int]) -> str:
    return render_markdown(
        text,
        mentions={
            handle: reverse("schools:member-detail", kwargs={"pk": pk})
            for handle, pk in mentioned.items()
        },
    )


# --- Notifications -------------------------------------------------------------------------------


def _readers(thread: Thread, ids: set[int]) -> set[int]:
    """Those of ``ids`` who may read ``thread`` (``rules.discussions.can_read_thread`` as
    one query over many members)."""
    from reconnect.accounts.models import User

    if not ids:
        return set()
    users = User.objects.filter(pk__in=ids, is_active=True)
    moderators = Q(is_coordinator=True) | Q(is_superuser=True)
    if thread.is_hidden:
        users = users.filter(moderators)
    elif thread.group is not None:
        users = users.filter(Q(pk__in=group_member_ids(thread.group)) | moderators)
    return set(users.values_list("pk", flat=True))


def post_recipients(post: Post, mentioned: Iterable[int]) -> dict[str, set[int]]:
    """Who is told of a newly published ``post``, by kind: MENTION for those it mentions,
    REPLY for the thread's author and the author of the post it answers, WATCHED for those
    watching the thread or its category. Each member once (in that order of precedence),
    never the author, never anyone who muted the thread or its category (a thread's own
    level wins over its category's), blocked the author or cannot read the thread."""
    thread = post.thread
    author_id = post.author_id
    levels: dict[int, str] = {}
    if thread.category_id is not None:
        levels.update(
            CategoryWatch.objects.filter(category_id=thread.category_id).values_list(
                "user_id", "level"
            )
        )
    levels.update(ThreadWatch.objects.filter(thread=thread).values_list("user_id", "level"))
    muted = {pk for pk, level in levels.items() if level == WatchLevel.MUTED}
    mentions = set(mentioned)
    replies: set[int] = set()
    if post.number > 1:
        replies = {pk for pk in (thread.author_id, _reply_to_author(post)) if pk is not None}
    watching = {pk for pk, level in levels.items() if level == WatchLevel.WATCHING}
    candidates = (mentions | replies | watching) - muted - {author_id}
    if author_id is not None and candidates:
        from reconnect.accounts.models import User

        candidates -= blocked_by_ids(User(pk=author_id))
    readable = _readers(thread, candidates)
    mentions &= readable
    replies = (replies & readable) - mentions
    watching = (watching & readable) - mentions - replies
    return {
        NotificationKind.MENTION: mentions,
        NotificationKind.REPLY: replies,
        NotificationKind.WATCHED: watching,
    }


def _reply_to_author(post: Post) -> int | None:
    if post.reply_to_id is None:
        return None
    reply_to = post.reply_to
    return reply_to.author_id if reply_to is not None else None


def _notify_new_post(post: Post, mentioned: Iterable[int]) -> None:
    thread = post.thread
    author = post.author
    name = author.display_name if author is not None else _("A former member")
    texts: dict[str, str] = {
        NotificationKind.MENTION: _("%(name)s mentioned you in “%(title)s”"),
        NotificationKind.REPLY: _("%(name)s replied in “%(title)s”"),
        NotificationKind.WATCHED: (
            _("%(name)s posted in “%(title)s”")
            if post.number > 1
            else _("%(name)s started “%(title)s”")
        ),
    }
    url = post_path(thread.pk, post.number)
    for kind, users in post_recipients(post, mentioned).items():
        if users:
            notify(
                users=sorted(users),
                kind=kind,
                text=texts[kind] % {"name": name, "title": thread.title},
                url=url,
                actor=author,
                thread=thread,
                post=post,
            )


def post_published(*, post: Post) -> None:
    """Tell whom ``post`` concerns now that it has just become published (a moderator
    approved it): those it mentions (its ``Mention`` rows), the thread's author and the
    answered post's author, and the watchers, as for a post published straight away.
    Called inside the publisher's transaction; ``notify`` delivers after commit."""
    mentioned = list(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    _notify_new_post(post, mentioned)


# --- Posting -----------------------------------------------------------------------------------


def post_by_submission(author: Any, submission_key: str) -> Post | None:
    """The post ``author`` already made with ``submission_key``, if any (a double click)."""
    if not submission_key:
        return None
    return (
        Post.objects.select_related("thread")
        .filter(author=author, submission_key=submission_key[:40])
        .first()
    )


def _check_text(body: str, title: str | None = None) -> None:
    if title is not None and not title.strip():
        raise ApplicationError(_("Enter a title."))
    if not body.strip():
        raise ApplicationError(_("Enter your post."))
    if len(body) > 20_000:
        raise ApplicationError(_("A post can be at most 20,000 characters."))


def _save_post(
    *,
    thread: Thread,
    author: Any,
    body: str,
    number: int,
    reply_to: Post | None,
    submission_key: str,
    files: Sequence[Any],
) -> tuple[Post, dict[str, int]]:
    mentioned = _resolve_mentions(body)
    held = must_hold_for_review(author)
    post = Post.objects.create(
        thread=thread,
        number=number,
        author=author,
        body=body,
        body_html=_render(body, mentioned),
        status=PostStatus.PENDING if held else PostStatus.PUBLISHED,
        reply_to=reply_to,
        submission_key=submission_key[:40],
    )
    if mentioned:
        Mention.objects.bulk_create(
            [Mention(post=post, user_id=pk) for pk in set(mentioned.values())],
            ignore_conflicts=True,
        )
    if files:
        attachments_save(post=post, files=files, by=author)
    return post, mentioned


def _mark_read(user: Any, thread: Thread, number: int) -> None:
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=user, thread=thread, last_read_number=number)],
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["last_read_number", "read_at"],
    )
    reader_changed([user.pk])  # bulk_create sends no signal


def thread_start(
    *,
    author: Any,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    category: Category | None = None,
    group: Group | None = None,
    themes: Iterable[Theme] = (),
    files: Sequence[Any] = (),
    submission_key: str = "",
) -> Thread:
    """Start a thread in ``category`` or ``group`` (exactly one) with its opening post.

    Side effects: the author watches the thread and has read it; its themes are the
    category's theme and ``themes``; attachments saved; mentions recorded; when published,
    category watchers and those mentioned are notified. Raises ``ApplicationError`` for an
    empty title or body. A repeated ``submission_key`` returns the first thread."""
    if (category is None) == (group is None):
        raise ApplicationError(_("A thread goes in a category or a group."))
    _check_text(body, title)
    existing = post_by_submission(author, submission_key)
    if existing is not None:
        return existing.thread
    now = timezone.now()
    try:
        with transaction.atomic():
            thread = Thread.objects.create(
                category=category,
                group=group,
                title=title.strip()[:150],
                kind=kind,
                author=author,
                created_at=now,
                last_posted_at=now,
            )
            post, mentioned = _save_post(
                thread=thread,
                author=author,
                body=body,
                number=1,
                reply_to=None,
                submission_key=submission_key,
                files=files,
            )
            if post.status == PostStatus.PUBLISHED:
                Thread.objects.filter(pk=thread.pk).update(post_count=1, last_post_number=1)
                thread.post_count, thread.last_post_number = 1, 1
            theme_ids = {theme.pk for theme in themes}
            if category is not None and category.theme_id is not None:
                theme_ids.add(category.theme_id)
            if theme_ids:
                thread.themes.set(theme_ids)
            ThreadWatch.objects.create(user=author, thread=thread, level=WatchLevel.WATCHING)
            _mark_read(author, thread, 1)
            if post.status == PostStatus.PUBLISHED:
                _notify_new_post(post, mentioned.values())
    except IntegrityError:
        existing = post_by_submission(author, submission_key)
        if existing is None:
            raise
        return existing.thread
    return thread


def reply_create(
    *,
    author: Any,
    thread: Thread,
    body: str,
    reply_to: Post | None = None,
    files: Sequence[Any] = (),
    submission_key: str = "",
) -> Post:
    """Reply to ``thread`` (optionally to one of its posts, ``reply_to``).

    Side effects: the thread's count and last post move on (when published); the author
    tracks the thread unless they chose a level; their place moves to their post;
    attachments saved; mentions recorded; watchers, the thread's author, the answered
    post's author and those mentioned are notified (``post_recipients``). Raises
    ``ApplicationError`` for an empty body, a locked thread or a ``reply_to`` of another
    thread. A repeated ``submission_key`` returns the first post."""
    _check_text(body)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        raise ApplicationError(_("You can only reply to a post in this thread."))
    existing = post_by_submission(author, submission_key)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            locked = Thread.objects.select_for_update().get(pk=thread.pk)
            if locked.is_locked:
                raise ApplicationError(_("This thread is locked: it takes no more replies."))
            number = (locked.posts.aggregate(top=Max("number"))["top"] or 0) + 1
            post, mentioned = _save_post(
                thread=thread,
                author=author,
                body=body,
                number=number,
                reply_to=reply_to,
                submission_key=submission_key,
                files=files,
            )
            if post.status == PostStatus.PUBLISHED:
                Thread.objects.filter(pk=thread.pk).update(
                    post_count=F("post_count") + 1,
                    last_post_number=number,
                    last_posted_at=post.created_at,
                )
                thread.post_count = locked.post_count + 1
                thread.last_post_number = number
                thread.last_posted_at = post.created_at
            ThreadWatch.objects.bulk_create(
                [ThreadWatch(user=author, thread=thread, level=WatchLevel.TRACKING)],
                ignore_conflicts=True,
            )
            _mark_read(author, thread, number)
            if post.status == PostStatus.PUBLISHED:
                post.thread = thread
                _notify_new_post(post, mentioned.values())
    except IntegrityError:
        existing = post_by_submission(author, submission_key)
        if existing is None:
            raise
        return existing
    return post


def quote_text(post: Post, *, path: str) -> str:
    """A Markdown blockquote of ``post`` naming its author and linking to it (``path``), to
    start a reply with."""
    name = post.author.display_name if post.author is not None else _("A former member")
    lines = post.body.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"> [{name} wrote (#{post.number})]({path}):\n>\n{quoted}\n\n"


# --- Edits, answers ------------------------------------------------------------------------------


def post_edit(*, post: Post, editor: Any, body: str, title: str | None = None) -> Post:
    """Change ``post``'s text (and, for an opening post, its thread's title), keeping what
    it said before as a ``PostRevision``. Members newly mentioned are told (when the post
    is published). Raises ``ApplicationError`` for an empty body or title, or no change."""
    _check_text(body, title)
    thread = post.thread
    new_title = title.strip()[:150] if title is not None and post.number == 1 else None
    title_changed = new_title is not None and new_title != thread.title
    if body == post.body and not title_changed:
        raise ApplicationError(_("Nothing has changed."))
    with transaction.atomic():
        before = set(post.mentions.values_list("user_id", flat=True))
        PostRevision.objects.create(
            post=post,
            body=post.body,
            title=thread.title if title_changed else "",
            edited_by=editor,
        )
        mentioned = _resolve_mentions(body)
        post.body = body
        post.body_html = _render(body, mentioned)
        post.edited_at = timezone.now()
        post.edit_count += 1
        post.save(update_fields=["body", "body_html", "edited_at", "edit_count"])
        if title_changed and new_title is not None:
            thread.title = new_title
            thread.save(update_fields=["title"])
        added = set(mentioned.values()) - before
        if added:
            Mention.objects.bulk_create(
                [Mention(post=post, user_id=pk) for pk in added], ignore_conflicts=True
            )
            if post.status == PostStatus.PUBLISHED:
                recipients = post_recipients(post, added)[NotificationKind.MENTION]
                if recipients:
                    name = post.author.display_name if post.author is not None else ""
                    notify(
                        users=sorted(recipients),
                        kind=NotificationKind.MENTION,
                        text=_("%(name)s mentioned you in “%(title)s”")
                        % {"name": name, "title": thread.title},
                        url=post_path(thread.pk, post.number),
                        actor=post.author,
                        thread=thread,
                        post=post,
                    )
    return post


def answer_accept(*, thread: Thread, post: Post, by: Any) -> None:
    """Mark ``post`` as the answer to the question ``thread``, and tell its author (unless
    they marked it themselves). Raises ``ApplicationError`` for a thread that is not a
    question, the question itself or a post not published."""
    if thread.kind != ThreadKind.QUESTION:
        raise ApplicationError(_("Only a question has an accepted answer."))
    if post.thread_id != thread.pk or post.number == 1:
        raise ApplicationError(_("Choose a reply to the question."))
    if post.status != PostStatus.PUBLISHED:
        raise ApplicationError(_("Only a published reply can be the answer."))
    with transaction.atomic():
        thread.accepted_post = post
        thread.save(update_fields=["accepted_post"])
        if post.author_id is not None and _readers(thread, {post.author_id}):
            notify(
                users=[post.author_id],
                kind=NotificationKind.ACCEPTED,
                text=_("Your reply to “%(title)s” was accepted as the answer")
                % {"title": thread.title},
                url=post_path(thread.pk, post.number),
                actor=by,
                thread=thread,
                post=post,
            )


def answer_unaccept(*, thread: Thread, by: Any) -> None:
    """Clear the question's accepted answer."""
    thread.accepted_post = None
    thread.save(update_fields=["accepted_post"])


# --- Watching and reading ------------------------------------------------------------------------


def thread_watch_set(*, user: Any, thread: Thread, level: str) -> None:
    """Set ``user``'s notification level for ``thread``."""
    ThreadWatch.objects.update_or_create(user=user, thread=thread, defaults={"level": level})


def category_watch_set(*, user: Any, category: Category, level: str) -> None:
    """Set ``user``'s notification level for ``category`` (its new threads and posts)."""
    CategoryWatch.objects.update_or_create(user=user, category=category, defaults={"level": level})


def thread_read_mark(*, user: Any, thread: Thread, number: int, known: int | None) -> None:
    """Move ``user``'s place in ``thread`` on to post ``number`` (never back). ``known`` is
    the place the caller already read (None for no row), so an unchanged place costs no
    query and a move one."""
    if known is not None and known >= number:
        return
    if known is None:
        ThreadRead.objects.bulk_create(
            [ThreadRead(user=user, thread=thread, last_read_number=number)],
            ignore_conflicts=True,
        )
    else:
        ThreadRead.objects.filter(user=user, thread=thread, last_read_number__lt=number).update(
            last_read_number=number, read_at=timezone.now()
        )
    reader_changed([user.pk])  # bulk_create and update send no signal
