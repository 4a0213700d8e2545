"""The Headteacher Network's audit actions and the labels the audit log shows administrators.

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
Moderation is audited in full (who did what to whose words); ordinary posting is not, since
the posts themselves are the record.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

# --- Moderation (``services.moderation``): the detail holds the post or thread id and why.
POST_FLAGGED = "network.post.flagged"
POST_HIDDEN = "network.post.hidden"
POST_UNHIDDEN = "network.post.unhidden"
POST_APPROVED = "network.post.approved"
POST_REJECTED = "network.post.rejected"
POST_EDITED_BY_MODERATOR = "network.post.moderator_edited"
FLAG_DISMISSED = "network.flag.dismissed"
THREAD_LOCKED = "network.thread.locked"
THREAD_UNLOCKED = "network.thread.unlocked"
THREAD_MOVED = "network.thread.moved"
THREAD_SPLIT = "network.thread.split"
THREAD_HIDDEN = "network.thread.hidden"
THREAD_PINNED = "network.thread.pinned"
MEMBER_BLOCKED = "network.member.blocked"
MEMBER_UNBLOCKED = "network.member.unblocked"

# --- Groups (``services.groups``): the detail holds the group id and, for members, whose.
GROUP_CREATED = "network.group.created"
GROUP_CHANGED = "network.group.changed"
GROUP_ARCHIVED = "network.group.archived"
GROUP_MEMBER_ADDED = "network.group.member_added"
GROUP_MEMBER_REMOVED = "network.group.member_removed"
GROUP_FILE_UPLOADED = "network.group.file_uploaded"
GROUP_FILE_DELETED = "network.group.file_deleted"

# --- Events (``services.events``): the detail holds the event id.
EVENT_CREATED = "network.event.created"
EVENT_CHANGED = "network.event.changed"
EVENT_CANCELLED = "network.event.cancelled"
CALENDAR_FEED_CREATED = "network.calendar_feed.created"
CALENDAR_FEED_REVOKED = "network.calendar_feed.revoked"

LABELS: dict[str, Promise] = {
    POST_FLAGGED: _("Network: post flagged"),
    POST_HIDDEN: _("Network: post hidden"),
    POST_UNHIDDEN: _("Network: post shown again"),
    POST_APPROVED: _("Network: held post approved"),
    POST_REJECTED: _("Network: held post rejected"),
    POST_EDITED_BY_MODERATOR: _("Network: post edited by a moderator"),
    FLAG_DISMISSED: _("Network: flag dismissed"),
    THREAD_LOCKED: _("Network: thread locked"),
    THREAD_UNLOCKED: _("Network: thread unlocked"),
    THREAD_MOVED: _("Network: thread moved"),
    THREAD_SPLIT: _("Network: thread split"),
    THREAD_HIDDEN: _("Network: thread hidden"),
    THREAD_PINNED: _("Network: thread pinned or unpinned"),
    MEMBER_BLOCKED: _("Network: member blocked another"),
    MEMBER_UNBLOCKED: _("Network: member unblocked another"),
    GROUP_CREATED: _("Network: group created"),
    GROUP_CHANGED: _("Network: group changed"),
    GROUP_ARCHIVED: _("Network: group archived"),
    GROUP_MEMBER_ADDED: _("Network: member added to a group"),
    GROUP_MEMBER_REMOVED: _("Network: member removed from a group"),
    GROUP_FILE_UPLOADED: _("Network: file shared with a group"),
    GROUP_FILE_DELETED: _("Network: group file deleted"),
    EVENT_CREATED: _("Network: event created"),
    EVENT_CHANGED: _("Network: event changed"),
    EVENT_CANCELLED: _("Network: event cancelled"),
    CALENDAR_FEED_CREATED: _("Network: calendar feed address made"),
    CALENDAR_FEED_REVOKED: _("Network: calendar feed address revoked"),
}


def register() -> None:
    register_audit_actions(LABELS)
