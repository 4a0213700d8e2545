"""A category's page of threads: one list shared by its readers, their markers laid on.

The list (titles, tags, replies, last posters, pagination) is the same for every member
who has no thread of their own waiting for review in the category, and for every
moderator (who also see hidden threads): it is rendered once for each, kept by
``page_cache.shared_cached`` until the content changes, with a slot where each thread's
"New" or "n unread" marker goes. ``lay_markers`` fills the slots from the reader's places
(one compiled query), so a member's first visit costs what a cached page costs. The front
page lays the same markers on its list of latest threads (``views.home``).
"""

import re
from collections.abc import Iterable
from datetime import datetime

from django.utils.formats import localize
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# What ``thread_rows.html`` writes with reader_slots: the thread's id in a comment, which
# no escaped title or name can contain ("<" is escaped in them).
SLOT = re.compile(r"<!--reader-state:(\d+)-->")


def lay_markers(
    html: str,
    threads: Iterable[tuple[int, int, datetime]],
    reads: dict[int, int],
    since: datetime,
) -> str:
    """``html`` with each thread's slot holding the reader's marker: "New" for a thread
    started since ``since`` they have not opened, "n unread" for posts after their place
    (``selectors.discussions.mark_reader_state``'s rules), nothing otherwise. ``threads``
    are (id, last post number, started at); ``reads`` the reader's places by thread id."""
    new = (
        f'<strong class="govuk-tag govuk-tag--green" data-testid="new">{escape(_("New"))}</strong>'
    )
    markers: dict[str, str] = {}
    for pk, last_post_number, created_at in threads:
        last_read = reads.get(pk)
        if last_read is None:
            markers[str(pk)] = new if created_at >= since else ""
            continue
        unread = max(0, last_post_number - last_read)
        if unread:
            # As ``{% blocktranslate count %}`` writes it: the text as translated, the
            # number localised.
            text = ngettext("%(counter)s unread", "%(counter)s unread", unread) % {
                "counter": localize(unread)
            }
            markers[str(pk)] = (
                f'<strong class="govuk-tag govuk-tag--yellow" data-testid="unread">{text}</strong>'
            )
        else:
            markers[str(pk)] = ""
    return SLOT.sub(lambda match: markers.get(match.group(1), ""), html)
