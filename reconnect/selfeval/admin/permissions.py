"""Who may do what to frameworks in the admin: coordinators and administrators, and nobody
may change a published version.

The role check is the Network menu's (``NetworkPermissionPolicy``: coordinators by role,
administrators by ``is_superuser``). On top of it, "change" and "delete" of a published
version, or of a domain in one, are refused for everyone, so no list button, header button
or URL offers an edit that the services would refuse anyway.
"""

from typing import Any

from reconnect.schools.wagtail_admin import NetworkPermissionPolicy
from reconnect.selfeval.models import Domain, FrameworkVersion
from reconnect.selfeval.services.frameworks import version_is_editable

FROZEN_ACTIONS = frozenset({"change", "delete"})


def version_of(instance: Any) -> FrameworkVersion | None:
    if isinstance(instance, FrameworkVersion):
        return instance
    if isinstance(instance, Domain):
        return instance.version
    return None


class FrameworkPermissionPolicy(NetworkPermissionPolicy):
    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not self.user_has_permission(user, action):
            return False
        version = version_of(instance)
        return not (action in FROZEN_ACTIONS and version and not version_is_editable(version))
