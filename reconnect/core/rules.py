"""Who may do what with core's own features."""

from typing import Any


def can_view_audit_log(user: Any) -> bool:
    """Administrators only: the log shows every member's sign-ins, addresses and exports."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def can_set_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)
