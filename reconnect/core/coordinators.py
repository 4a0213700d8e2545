"""The "Coordinators" group: what network coordinators may do in Wagtail's admin.

``User.is_coordinator`` is the role; membership of this group is derived from it and carries
the Wagtail permissions (admin access, pages, documents, images). Keeping the permissions on
a group rather than on each user means an administrator can widen or narrow what every
coordinator may do in one place, from Wagtail's own group editor.

``coordinators_group_ensure`` takes an app registry so the data migration (historical models)
and the running application (``django.apps.apps``) build exactly the same group.
"""

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps

COORDINATORS_GROUP_NAME = "Coordinators"

# (app_label, model, codename, name): the names match what Django's post_migrate would create,
# so creating them early (on a fresh database, before post_migrate) changes nothing later.
ADMIN_PERMISSIONS = [("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")]
PAGE_PERMISSIONS = [
    ("wagtailcore", "page", "add_page", "Can add page"),
    ("wagtailcore", "page", "change_page", "Can change page"),
    ("wagtailcore", "page", "publish_page", "Publish any page"),
]
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "change_document", "Can change document"),
    ("wagtaildocs", "document", "delete_document", "Can delete document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "change_image", "Can change image"),
    ("wagtailimages", "image", "delete_image", "Can delete image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
]


def _permission(apps: Apps, app_label: str, model: str, codename: str, name: str) -> Any:
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def coordinators_group_ensure(apps: Apps = global_apps) -> Any:
    """Create the group if needed and make sure it holds every coordinator permission.

    Idempotent. Permissions an administrator added to the group later are left alone.
    """
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    page_permission_model = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_permission_model = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = group_model.objects.get_or_create(name=COORDINATORS_GROUP_NAME)
    group.permissions.add(*(_permission(apps, *spec) for spec in ADMIN_PERMISSIONS))

    # Granted on the tree roots, so they reach every page (the Hub included) and every
    # collection that will ever be created beneath them.
    root_page = page_model.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for spec in PAGE_PERMISSIONS:
            page_permission_model.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, *spec)
            )
    root_collection = collection_model.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for spec in COLLECTION_PERMISSIONS:
            collection_permission_model.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, *spec)
            )
    return group


def coordinators_group() -> Any:
    """The group, re-created with its permissions if an administrator deleted it."""
    group_model = global_apps.get_model("auth", "Group")
    return (
        group_model.objects.filter(name=COORDINATORS_GROUP_NAME).first()
        or coordinators_group_ensure()
    )


def coordinator_group_sync(user: Any) -> bool:
    """Make the user's membership of the group match ``user.is_coordinator``.

    Returns True when the membership had to change.
    """
    group = coordinators_group()
    is_member = user.groups.filter(pk=group.pk).exists()
    if user.is_coordinator and not is_member:
        user.groups.add(group)
        return True
    if not user.is_coordinator and is_member:
        user.groups.remove(group)
        return True
    return False
