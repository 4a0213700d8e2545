"""The pupil data's audit actions and the labels the audit log shows administrators.

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

IMPORT_RECEIVED = "spectrum.import.received"
IMPORT_FINISHED = "spectrum.import.finished"
MAPPING_CHANGED = "spectrum.mapping.changed"
INDICATORS_CHANGED = "spectrum.indicators.changed"
RETENTION_CHANGED = "spectrum.retention.changed"
GRANT_ADDED = "spectrum.grant.added"
GRANT_REMOVED = "spectrum.grant.removed"
DATA_DELETED = "spectrum.data.deleted"
SNAPSHOT_EXPIRED = "spectrum.snapshot.expired"
COHORT_SAVED = "spectrum.cohort.saved"
COHORT_VIEWED = "spectrum.cohort.viewed"
PUPILS_VIEWED = "spectrum.pupils.viewed"
PUPIL_VIEWED = "spectrum.pupil.viewed"
NETWORK_VIEWED = "spectrum.network.viewed"
EXPORT = "spectrum.export"

LABELS: dict[str, Promise] = {
    IMPORT_RECEIVED: _("Pupil data: file received"),
    # Finished either way: the detail says whether it was imported or failed.
    IMPORT_FINISHED: _("Pupil data: file import finished"),
    # A column heading matched by hand, or a match forgotten.
    MAPPING_CHANGED: _("Pupil data: column heading matches changed"),
    INDICATORS_CHANGED: _("Pupil data: indicator settings changed"),
    RETENTION_CHANGED: _("Pupil data: retention period changed"),
    GRANT_ADDED: _("Pupil data: access to cohort views granted"),
    GRANT_REMOVED: _("Pupil data: access to cohort views removed"),
    DATA_DELETED: _("Pupil data: all of a school's pupil data deleted"),
    SNAPSHOT_EXPIRED: _("Pupil data: snapshots past the retention period deleted"),
    # Recorded when a target group is created and when it is deleted (see the detail).
    COHORT_SAVED: _("Pupil data: target group created or deleted"),
    COHORT_VIEWED: _("Pupil data: cohort view opened"),
    PUPILS_VIEWED: _("Pupil data: pupil list viewed"),
    PUPIL_VIEWED: _("Pupil data: pupil profile viewed"),
    NETWORK_VIEWED: _("Pupil data: network view opened"),
    EXPORT: _("Pupil data: CSV downloaded"),
}


def register() -> None:
    register_audit_actions(LABELS)
