"""The one school a request acts for, when it comes with a personal access token.

A token acts for one school even when its owner belongs to several. Rather than teach every
selector about tokens, the memberships themselves are narrowed: while a token request runs,
``Membership.objects`` (and so ``user.memberships``, prefetches and every selector built on
them) holds none of the owner's memberships at other schools, and
``SystemLeaderScope.objects`` none of the owner's trust or borough scopes. Each app then
answers a token request exactly as it would answer a member of that one school: another
school's objects are a 404.

The narrowing lives in a context variable that ``acting_for_one_school`` opens around each
API operation and always closes, so it can never outlive the request or leak into the next
request the same worker thread serves. Session requests never set it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class ActingSchool:
    user_id: int
    school_id: int


_acting: ContextVar[ActingSchool | None] = ContextVar("reconnect_acting_school", default=None)


def current_acting_school() -> ActingSchool | None:
    return _acting.get()


def act_for_school(*, user_id: int, school_id: int) -> None:
    """Narrow the rest of the current operation to one school (called by the token auth)."""
    _acting.set(ActingSchool(user_id=user_id, school_id=school_id))


@contextmanager
def acting_for_one_school() -> Iterator[None]:
    """A fresh scope: whatever ``act_for_school`` sets inside is undone on the way out."""
    reset = _acting.set(None)
    try:
        yield
    finally:
        _acting.reset(reset)


def scoped_operation[F: Callable[..., Any]](run: F) -> F:
    """Wraps a Ninja operation's ``run`` (authentication included) in its own scope."""

    @wraps(run)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with acting_for_one_school():
            return run(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class MembershipManager(models.Manager[Any]):
    """Memberships, less the token owner's at other schools while a token request runs."""

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = super().get_queryset()
        acting = _acting.get()
        if acting is None:
            return queryset
        return queryset.filter(~Q(user_id=acting.user_id) | Q(school_id=acting.school_id))


class SystemLeaderScopeManager(models.Manager[Any]):
    """A token acts as a member of its school only: its owner's oversight scopes are hidden."""

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = super().get_queryset()
        acting = _acting.get()
        if acting is None:
            return queryset
        return queryset.exclude(user_id=acting.user_id)
