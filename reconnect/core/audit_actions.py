"""Core's audit actions beyond the model's own choices, and their labels for administrators.

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

# ``manage.py reseal_keys``: one event per school whose pseudonym key was sealed again
# (school_urn set), one for the queued e-mails; the detail says what and how many.
SEALED_DATA_RESEALED = "core.sealed.resealed"

LABELS: dict[str, Promise] = {
    SEALED_DATA_RESEALED: _("Secret key rotation: sealed data sealed under the new key"),
}


def register() -> None:
    register_audit_actions(LABELS)
