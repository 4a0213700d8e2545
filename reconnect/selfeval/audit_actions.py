"""The self-evaluation's audit actions and the labels the audit log shows administrators.

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

REVIEW_STARTED = "selfeval.review_started"
REVIEW_SUBMITTED = "selfeval.review_submitted"
CONTRIBUTOR_ADDED = "selfeval.contributor_added"
CONTRIBUTOR_REMOVED = "selfeval.contributor_removed"
REPORT_SHARED = "selfeval.report_shared"
REPORT_SHARE_WITHDRAWN = "selfeval.report_share_withdrawn"
REPORT_DOWNLOADED = "selfeval.report_downloaded"
VERSION_DRAFTED = "selfeval.version_drafted"
VERSION_PUBLISHED = "selfeval.version_published"

LABELS: dict[str, Promise] = {
    REVIEW_STARTED: _("Self-evaluation: review started"),
    REVIEW_SUBMITTED: _("Self-evaluation: review submitted"),
    CONTRIBUTOR_ADDED: _("Self-evaluation: contributor added"),
    CONTRIBUTOR_REMOVED: _("Self-evaluation: contributor removed"),
    REPORT_SHARED: _("Self-evaluation: report shared"),
    REPORT_SHARE_WITHDRAWN: _("Self-evaluation: report sharing withdrawn"),
    REPORT_DOWNLOADED: _("Self-evaluation: report downloaded"),
    VERSION_DRAFTED: _("Self-evaluation: framework version drafted"),
    VERSION_PUBLISHED: _("Self-evaluation: framework version published"),
}


def register() -> None:
    register_audit_actions(LABELS)
