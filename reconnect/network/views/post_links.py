"""The links under each post of a thread page, worked out once per page in Python.

A thread page shows 50 posts. Writing each post's links in the template, with ``{% url %}``,
``{% translate %}`` and an include for the moderation links, was about half of the page's
time at London scale. Here every URL is reversed once per page and filled in per post,
and every label is translated once; ``{% link_items %}`` writes the list items.

No query: the view has already loaded the posts, their authors and which of them the reader
has reported.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as _

from reconnect.network.models import Post, PostStatus, Thread

# Reversed in place of an id, then replaced: ids never reach this many digits.
_SENTINEL = "918273645"


class _UrlFiller:
    """``reverse(name, kwargs={kwarg: value})`` for many values, reversing once."""

    def __init__(self, name: str, kwarg: str) -> None:
        self._pattern = reverse(name, kwargs={kwarg: int(_SENTINEL)})

    def __call__(self, value: int) -> str:
        return self._pattern.replace(_SENTINEL, str(value))


@dataclass(frozen=True)
class Link:
    """One list item: a link, or plain text when ``href`` is empty.

    ``hidden`` is read by screen readers only: it says which post "Edit" or "Report" is for,
    and starts with the space or colon that joins it to ``text``.
    """

    text: str
    href: str = ""
    hidden: str = ""
    muted: bool = False


class PostLinks:
    """Everything a reader may do with each post of one page of ``thread``."""

    def __init__(
        self,
        *,
        user: Any,
        thread: Thread,
        return_path: str,
        can_reply: bool,
        can_accept: bool,
        flagged_ids: Iterable[int] = (),
        moderator: bool = False,
    ) -> None:
        self.user_id = user.pk
        self.thread = thread
        self.can_reply = can_reply
        self.can_accept = can_accept
        self.flagged_ids = frozenset(flagged_ids)
        self.moderator = moderator
        self._member = _UrlFiller("schools:member-detail", "pk")
        self._history = _UrlFiller("network:post-history", "post_id")
        self._edit = _UrlFiller("network:post-edit", "post_id")
        self._accept = _UrlFiller("network:post-accept", "post_id")
        self._flag = _UrlFiller("network:post-flag", "post_id")
        self._moderate = _UrlFiller("network:post-moderate", "post_id")
        self._moderate_suffix = "?next=" + quote(return_path, safe="/")
        self._reply = reverse("network:thread-reply", kwargs={"thread_id": thread.pk})
        self._thread_moderate = reverse("network:thread-moderate", kwargs={"thread_id": thread.pk})
        self._queue = reverse("network:review-queue")
        self._post_hidden = " " + _("post #%(number)s")
        self._review_hidden = " " + _("post %(number)s")
        self._labels = {
            "quote": _("Quote"),
            "edit": _("Edit"),
            "report": _("Report"),
            "reported": _("You reported this post"),
            "thread": _("Moderate the thread"),
            "thread_hidden": ": " + _("lock, pin, hide, move or split"),
            "queue": _("Review queue"),
        }
        # A moderator's decision on a post, named for what its status allows.
        self._decision: dict[str, str] = {
            PostStatus.PUBLISHED: _("Hide"),
            PostStatus.PENDING: _("Approve or reject"),
            PostStatus.HIDDEN: _("Review or show again"),
        }
        self._review_label = _("Review")

    def annotate(self, posts: Iterable[Post]) -> None:
        """Set each post's ``author_url``, ``history_url``, ``accept_url``, ``actions``
        (quote, edit) and ``review_links`` (report, moderation); ``may_edit`` must be set."""
        for post in posts:
            post.author_url = self._member(post.author_id) if post.author_id else ""
            post.history_url = self._history(post.pk)
            post.accept_url = self._accept(post.pk) if self.can_accept else ""
            post.actions = self.actions(post)
            post.review_links = self.review(post)

    def actions(self, post: Post) -> list[Link]:
        """Quote (for anyone who may reply) and Edit (for whoever may edit the post)."""
        hidden = self._post_hidden % {"number": post.number}
        links = []
        if self.can_reply:
            href = f"{self._reply}?quote={post.number}#id_body"
            links.append(Link(self._labels["quote"], href, hidden))
        if getattr(post, "may_edit", False):
            links.append(Link(self._labels["edit"], self._edit(post.pk), hidden))
        return links

    def review(self, post: Post) -> list[Link]:
        """Report (once, never one's own post, only a published one); for moderators, the
        decision on the post, the thread's moderation from its opening post, and the queue."""
        hidden = self._review_hidden % {"number": post.number}
        links = []
        if post.status == PostStatus.PUBLISHED and post.author_id != self.user_id:
            if post.pk in self.flagged_ids:
                links.append(Link(self._labels["reported"]))
            else:
                links.append(Link(self._labels["report"], self._flag(post.pk), hidden, True))
        if self.moderator:
            label = self._decision.get(post.status, self._review_label)
            href = self._moderate(post.pk) + self._moderate_suffix
            links.append(Link(label, href, hidden))
            if post.number == 1:
                thread_hidden = self._labels["thread_hidden"]
                links.append(Link(self._labels["thread"], self._thread_moderate, thread_hidden))
            links.append(Link(self._labels["queue"], self._queue))
        return links
