"""Keeps the Coordinators group and ``User.is_coordinator`` in step, whichever one changes.

Conventions keep domain flow out of signals; these receivers are the exception because they
only maintain derived state. The role can change along paths no service sees: Wagtail's user
editor (which shows group check boxes and saves the user, then its groups), the shell,
``createsuperuser``, a data migration. A signal is the one place all of them pass through, so
the admin permissions can never drift from the role shown everywhere else. The
``coordinator_set`` service keeps both sides consistent before it saves, so these receivers
find nothing to do on that path, and the service writes the audit record itself.

The rule when the two disagree: saving a user makes the group follow the flag; adding or
removing a user to or from the group (Wagtail's check box) makes the flag follow the group.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.log_actions import get_active_log_context

from reconnect.core.audit import audit_record
from reconnect.core.coordinators import COORDINATORS_GROUP_NAME, coordinator_group_sync
from reconnect.core.models import AuditEvent

_CLEARED_ATTRIBUTE = "_reconnect_coordinators_cleared"


def _role_change_record(user: Any, *, granted: bool, via: str) -> None:
    # Inside Wagtail's admin views the acting user is in Wagtail's log context.
    actor = get_active_log_context().user
    audit_record(
        AuditEvent.Action.ROLE_GRANTED if granted else AuditEvent.Action.ROLE_REMOVED,
        actor=actor if actor is not None and actor.is_authenticated else None,
        target=user,
        detail={"role": "coordinator", "via": via},
    )


def _coordinators_group_pk() -> int | None:
    return Group.objects.filter(name=COORDINATORS_GROUP_NAME).values_list("pk", flat=True).first()


def _flag_set(user_pks: set[int], value: bool) -> None:
    """Set the flag on those users whose flag differs, and record each role change."""
    user_model = get_user_model()
    changed = list(
        user_model.objects.filter(pk__in=user_pks).exclude(is_coordinator=value).order_by("pk")
    )
    if not changed:
        return
    user_model.objects.filter(pk__in=[user.pk for user in changed]).update(is_coordinator=value)
    for user in changed:
        user.is_coordinator = value
        _role_change_record(user, granted=value, via="coordinators group")


def user_saved(
    sender: Any, instance: Any, created: bool, raw: bool, update_fields: Any, **kwargs: Any
) -> None:
    """The group follows the flag whenever a user is saved."""
    if raw:
        return  # loaddata and restores bring their own group rows
    if update_fields is not None and "is_coordinator" not in update_fields:
        return  # e.g. last_login on every sign-in: the flag was not written
    if coordinator_group_sync(instance) and not created:
        # An account created with the role (seed data, the shell) is not a role change.
        _role_change_record(instance, granted=instance.is_coordinator, via="user saved")


def user_groups_changed(
    sender: Any,
    instance: Any,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    """The flag follows deliberate changes to the Coordinators group's members."""
    if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
        return
    group_pk = _coordinators_group_pk()
    if group_pk is None:
        return

    if reverse:
        # group.user_set.add(...) and friends: ``instance`` is a group, pk_set holds users.
        if instance.pk != group_pk:
            return
        if action == "pre_clear":
            setattr(
                instance, _CLEARED_ATTRIBUTE, set(instance.user_set.values_list("pk", flat=True))
            )
            return
        user_pks: set[int]
        if action == "post_clear":
            user_pks = getattr(instance, _CLEARED_ATTRIBUTE, set())
        else:
            user_pks = pk_set or set()
        _flag_set(user_pks, action == "post_add")
        return

    # user.groups.add(...) and friends: ``instance`` is a user, pk_set holds groups.
    if action == "pre_clear":
        setattr(instance, _CLEARED_ATTRIBUTE, instance.groups.filter(pk=group_pk).exists())
        return
    if action == "post_clear":
        touched = getattr(instance, _CLEARED_ATTRIBUTE, False)
    else:
        touched = group_pk in (pk_set or set())
    if not touched:
        return
    value = action == "post_add"
    if instance.is_coordinator != value:
        _flag_set({instance.pk}, value)
        instance.is_coordinator = value
