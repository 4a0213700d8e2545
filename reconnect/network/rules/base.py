"""What every area's rules start from."""

from typing import Any

from reconnect.accounts.rules import is_coordinator


def is_network_member(user: Any) -> bool:
    """Every signed-in, active account takes part in the network."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_moderator(user: Any) -> bool:
    """Network coordinators and administrators moderate the network."""
    return is_network_member(user) and is_coordinator(user)
