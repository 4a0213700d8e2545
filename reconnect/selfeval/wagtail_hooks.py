"""The "Self-evaluation" menu in Wagtail's admin, for coordinators and administrators: see
``selfeval/admin/`` for the views and who may do what."""

from typing import Any

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from reconnect.selfeval.admin.permissions import FrameworkPermissionPolicy
from reconnect.selfeval.admin.viewsets import DomainViewSet, SelfEvaluationViewSetGroup
from reconnect.selfeval.models import Domain, Framework, FrameworkVersion

# Registered before any viewset asks for a policy, as Wagtail requires. Nobody deletes a
# framework (its versions hold schools' reviews); domains are added and removed on their
# version's page, so their own pages only view and change.
register_permission_policy(
    Framework,
    FrameworkPermissionPolicy(Framework, coordinator_actions=frozenset({"add", "change", "view"})),
)
register_permission_policy(FrameworkVersion, FrameworkPermissionPolicy(FrameworkVersion))
register_permission_policy(
    Domain, FrameworkPermissionPolicy(Domain, coordinator_actions=frozenset({"change", "view"}))
)


@hooks.register("register_admin_viewset")
def register_selfeval_admin() -> list[Any]:
    return [SelfEvaluationViewSetGroup(), DomainViewSet()]
