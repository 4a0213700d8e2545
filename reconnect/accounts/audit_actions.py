"""The accounts app's own audit actions (beyond the model's sign-in and invitation choices).

Record an action with its constant here, never a string typed at the call site. A label stays
for good once events of its action may be in the log: old rows still need to be read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import register_audit_actions

# Audit action keys, not secrets.
API_TOKEN_CREATED = "accounts.api_token.created"  # noqa: S105
API_TOKEN_REVOKED = "accounts.api_token.revoked"  # noqa: S105

LABELS: dict[str, Promise] = {
    API_TOKEN_CREATED: _("API access token created"),
    API_TOKEN_REVOKED: _("API access token revoked"),
}


def register() -> None:
    register_audit_actions(LABELS)
