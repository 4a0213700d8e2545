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

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from reconnect.network.models import Post, PostStatus, Thread
from reconnect.network.selectors.discussions import post_page_number

# Reversed in place of an id, then replaced: ids never reach this many digits.
_SENTINEL = "918273645"


# Reversed paths by (name, the stand-in in them, script prefix, urlconf): the same for
# every page of a process, and reversing cost each page about 0.4 ms.
_REVERSED: dict[tuple[str, str, str, Any], str] = {}


def _reversed(name: str, kwarg: str = "", value: int | str = "") -> str:
    key = (name, f"{kwarg}={value}", get_script_prefix(), get_urlconf())
    path = _REVERSED.get(key)
    if path is None:
        kwargs = {kwarg: int(value)} if kwarg else None
        path = _REVERSED[key] = reverse(name, kwargs=kwargs)
    return path


class _UrlFiller:
    """``reverse(name, kwargs={kwarg: value})`` for many values, reversing once."""

    def __init__(self, name: str, kwarg: str) -> None:
        self._pattern = _reversed(name, kwarg, _SENTINEL)

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
        page_number: int = 1,
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
        self._reply = _UrlFiller("network:thread-reply", "thread_id")(thread.pk)
        self._thread_moderate = _UrlFiller("network:thread-moderate", "thread_id")(thread.pk)
        self._queue = _reversed("network:review-queue")
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
        self.page_number = page_number
        # Translations go out unescaped, as the template's {% translate %} wrote them.
        self._former = f'<span class="govuk-!-font-weight-bold">{_("A former member")}</span>'
        self._in_reply = _("in reply to #%(number)s")
        self._edited = f'<span class="govuk-visually-hidden"> – {_("see the changes")}</span>'
        self._edited_label = _("edited")
        self._months: dict[int, str] = {}

    def annotate(self, posts: Iterable[Post]) -> None:
        """Set each post's ``author_url``, ``history_url``, ``accept_url``, ``actions``
        (quote, edit) and ``review_links`` (report, moderation); ``may_edit`` must be set."""
        for post in posts:
            post.author_url = self._member(post.author_id) if post.author_id else ""
            post.history_url = self._history(post.pk)
            post.accept_url = self._accept(post.pk) if self.can_accept else ""
            post.actions = self.actions(post)
            post.review_links = self.review(post)
            post.byline = self.byline(post)

    def _month(self, month: int) -> str:
        """The date filter's "M" (its translated short name), translated once a page."""
        if month not in self._months:
            self._months[month] = escape(MONTHS_3[month].title())
        return self._months[month]

    def byline(self, post: Post) -> SafeString:
        """The lines of the post's heading: its number, author, time, the post it answers
        and its edits, each on a line of its own (the template indents them).

        Written here because the template spent a date format, translations and a dozen
        lookups on each post. ``author_url`` must be set; the author's ``network_handle``
        and ``reply_to_number`` read (``selectors.discussions.thread_posts`` does)."""
        # f-strings with each text escaped, not format_html: this runs for every post.
        number = post.number
        lines = [f'<a class="govuk-link" href="#post-{number}">#{number}</a>', "", "", "", ""]
        author = post.author
        if author is not None:
            handle = getattr(author, "network_handle", None)
            at = f" <span>@{escape(handle.handle)}</span>" if handle else ""
            lines[1] = (
                f'<a class="govuk-link govuk-!-font-weight-bold" href="{escape(post.author_url)}">'
                f"{escape(author.display_name)}</a>{at},"
            )
        else:
            lines[1] = self._former + ","
        # What the template's date filter wrote ("c" and "j M Y, H:i"), at the site's time.
        created = localtime(post.created_at)
        lines[2] = (
            f'<time datetime="{created.isoformat()}">{created.day} {self._month(created.month)}'
            f" {created.year:04d}, {created:%H:%M}</time>"
        )
        reply_to = getattr(post, "reply_to_number", None)
        if reply_to:
            page = post_page_number(reply_to)
            query = f"?page={page}" if page != self.page_number else ""
            text = self._in_reply % {"number": reply_to}
            lines[3] = f'· <a class="govuk-link" href="{query}#post-{reply_to}">{text}</a>'
        if post.edit_count:
            lines[4] = (
                f'· <a class="govuk-link" href="{escape(post.history_url)}" data-testid="edited">'
                f"{self._edited_label}{self._edited}</a>"
            )
        return mark_safe("\n          ".join(lines))  # noqa: S308 (each line escaped above)

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
