"""The Innovation Lab's audit actions and the labels the audit log shows administrators.

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

PILOT_CREATED = "lab.pilot.created"
PILOT_STATUS_CHANGED = "lab.pilot.status_changed"
PILOT_DELETED = "lab.pilot.deleted"

LABELS: dict[str, Promise] = {
    PILOT_CREATED: _("Innovation Lab: pilot started"),
    # The detail holds the status before and after (running, completed, withdrawn...).
    PILOT_STATUS_CHANGED: _("Innovation Lab: pilot status changed"),
    PILOT_DELETED: _("Innovation Lab: pilot deleted"),
}


def register() -> None:
    register_audit_actions(LABELS)


# --- A learning trio's workspace (``services.workspace``) -----------------------------------
# The detail of each holds the trio's id; a deletion also holds who deleted whose words.

TRIO_PLAN_CHANGED = "lab.trio.plan_changed"
TRIO_MEETING_ADDED = "lab.trio.meeting_added"
TRIO_MEETING_CHANGED = "lab.trio.meeting_changed"
TRIO_POST_ADDED = "lab.trio.post_added"
TRIO_POST_CHANGED = "lab.trio.post_changed"
TRIO_POST_DELETED = "lab.trio.post_deleted"
TRIO_FILE_UPLOADED = "lab.trio.file_uploaded"
TRIO_FILE_DELETED = "lab.trio.file_deleted"

LABELS.update(
    {
        TRIO_PLAN_CHANGED: _("Innovation Lab: trio's shared plan changed"),
        TRIO_MEETING_ADDED: _("Innovation Lab: trio meeting notes added"),
        TRIO_MEETING_CHANGED: _("Innovation Lab: trio meeting notes changed"),
        # A post or a reply: the detail says which.
        TRIO_POST_ADDED: _("Innovation Lab: trio discussion post added"),
        TRIO_POST_CHANGED: _("Innovation Lab: trio discussion post changed"),
        TRIO_POST_DELETED: _("Innovation Lab: trio discussion post deleted"),
        TRIO_FILE_UPLOADED: _("Innovation Lab: file shared with a trio"),
        TRIO_FILE_DELETED: _("Innovation Lab: trio file deleted"),
    }
)

# --- Lab cohorts and trios ---------------------------------------------------------------

COHORT_OPENED = "lab.cohort.opened"
COHORT_UPDATED = "lab.cohort.updated"
COHORT_STATUS_CHANGED = "lab.cohort.status_changed"
APPLICATION_SUBMITTED = "lab.application.submitted"
APPLICATION_WITHDRAWN = "lab.application.withdrawn"
PAIRING_ADDED = "lab.pairing.added"
PAIRING_REMOVED = "lab.pairing.removed"
TRIOS_PROPOSED = "lab.trios.proposed"
TRIO_MEMBER_MOVED = "lab.trio.member_moved"
TRIO_CONFIRMED = "lab.trio.confirmed"

LABELS.update(
    {
        COHORT_OPENED: _("Innovation Lab: cohort opened"),
        COHORT_UPDATED: _("Innovation Lab: cohort changed"),
        # The detail holds the status before and after (open, forming, running, closed).
        COHORT_STATUS_CHANGED: _("Innovation Lab: cohort status changed"),
        APPLICATION_SUBMITTED: _("Innovation Lab: school applied to a cohort"),
        APPLICATION_WITHDRAWN: _("Innovation Lab: application withdrawn"),
        PAIRING_ADDED: _("Innovation Lab: pairing rule added"),
        PAIRING_REMOVED: _("Innovation Lab: pairing rule removed"),
        # The detail holds the number of schools and trios, the score and the status.
        TRIOS_PROPOSED: _("Innovation Lab: trios proposed"),
        TRIO_MEMBER_MOVED: _("Innovation Lab: school moved to another trio"),
        TRIO_CONFIRMED: _("Innovation Lab: trio confirmed"),
    }
)

# --- A pilot's outcome data (``services.outcomes``) ---------------------------------------
# The detail holds the measure's id, the status (imported, unchanged or rejected), the number
# of rows and of problems; never a pupil reference or score.

OUTCOMES_UPLOADED = "lab.outcomes.uploaded"
OUTCOMES_SUMMARY_SAVED = "lab.outcomes.summary_saved"

LABELS.update(
    {
        OUTCOMES_UPLOADED: _("Innovation Lab: outcome file uploaded"),
        OUTCOMES_SUMMARY_SAVED: _("Innovation Lab: outcome summary figures saved"),
    }
)

# --- A pilot's evaluation report (``views.evaluation``) -------------------------------------
# The detail holds the format (pdf or csv) and the measure's id.

EVALUATION_DOWNLOADED = "lab.evaluation.downloaded"

LABELS.update(
    {
        EVALUATION_DOWNLOADED: _("Innovation Lab: pilot evaluation report downloaded"),
    }
)
