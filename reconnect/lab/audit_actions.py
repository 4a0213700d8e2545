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
