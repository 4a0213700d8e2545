"""Whether a signed-in member must set up a second factor before anything else.

``MfaRequiredMiddleware`` asks this on every request, and the answer takes three queries
(an authenticator, a role that needs one, a system leader's scope) that almost never change.
So the answer is kept in the cache per member and forgotten the moment any of them changes:
an authenticator added or removed, a membership or scope granted, changed or taken away, the
coordinator flag or superuser status changed (``connect`` wires the signals). The timeout
bounds how long a change made behind the signals' back (a raw ``update()``) goes unseen.
"""

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from reconnect.accounts.rules import requires_mfa
from reconnect.schools.models import Membership, SystemLeaderScope

CACHE_SECONDS = 5 * 60


def _key(user_id: int) -> str:
    return f"accounts:mfa-gate:v1:{user_id}"


def must_enrol(user: Any) -> bool:
    """True when the member's role needs a second factor and they have none yet."""
    key = _key(user.pk)
    verdict = cache.get(key)
    if verdict is None:
        verdict = not is_mfa_enabled(user) and requires_mfa(user)
        cache.set(key, verdict, CACHE_SECONDS)
    return bool(verdict)


def forget(user_id: int | None) -> None:
    """Ask again on the member's next request."""
    if user_id is not None:
        cache.delete(_key(user_id))


def _forget_owner(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget(instance.user_id)


def _forget_user(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget(instance.pk)


def _forget_group_members(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """The coordinators group sets the coordinator flag with ``update()``: no post_save."""
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        users = {instance.pk}  # user.groups changed: one member
    elif reverse and action in ("post_add", "post_remove"):
        users = set(pk_set or ())
    elif reverse and action == "pre_clear":  # group.user_set.clear(): who is in it now
        users = set(get_user_model().objects.filter(groups=instance).values_list("pk", flat=True))
    else:
        return
    cache.delete_many([_key(pk) for pk in users])


def connect() -> None:
    for model in (Authenticator, Membership, SystemLeaderScope):
        post_save.connect(_forget_owner, sender=model, dispatch_uid=f"mfa-gate-{model.__name__}")
        post_delete.connect(_forget_owner, sender=model, dispatch_uid=f"mfa-gate-{model.__name__}")
    user_model = get_user_model()
    post_save.connect(_forget_user, sender=user_model, dispatch_uid="mfa-gate-user")
    m2m_changed.connect(
        _forget_group_members, sender=user_model.groups.through, dispatch_uid="mfa-gate-groups"
    )
