"""Rendered parts of the network's busiest pages, kept in the cache.

A category's page of threads costs most of its time to read and write, and changes only
when the network's content or the member's own reading does. Its parts are kept as HTML
under a key that names:

- for a member's own part (``member_cached``), the member (never shared: their thread
  waiting for review is theirs alone), whether they moderate, and the groups they belong
  to now (read afresh each request, so leaving a group shows at once), and the member's
  **reader version**, replaced when their place in a thread or what they watch or mute
  changes;
- the **content version**, replaced whenever a thread, post, category, group or event is
  saved or deleted (signals, and the services that write with ``update``), straight away
  and again once the transaction commits, so a page read during the write never keeps the
  old content under the new version;
- the language and time zone the HTML was written in.

Parts that are the same for every member (a category's list of threads, without the
reader's markers) are kept once for all members and once for all moderators
(``shared_cached``), under the content version, language and time zone alone.

The front page keeps nothing per member: which threads and events a member sees, and
their counts and places, are read for each request (a few queries compiled once), and the
HTML of a list is kept once for everyone who sees those same rows (``kept_for_rows``):
the key names the rows (their ids, hashed), never who asked. Members read threads and post
all the time, so a per-member part was written afresh on almost every visit.

A new version makes new keys: old entries are never read again and expire. ``TTL`` is the
safety net for what no version follows (a poster's changed name, a thread ageing out of
"new").
"""

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from reconnect.network.rules.base import is_moderator
from reconnect.network.selectors.membership import group_ids_of

TTL = 60
VERSION_TTL = 24 * 60 * 60
CONTENT_KEY = "network:v1:content-version"


def _reader_key(user_id: int) -> str:
    return f"network:v1:reader-version:{user_id}"


def _new_version() -> str:
    return str(time.time_ns())


def _replace(key: str) -> None:
    def replace() -> None:
        cache.set(key, _new_version(), VERSION_TTL)

    replace()
    # Again after the commit: a request that read the old rows while this transaction was
    # open may have stored them under the version set above.
    transaction.on_commit(replace)


def content_changed() -> None:
    """A thread, post, category, group or event changed: every member's parts are stale."""
    _replace(CONTENT_KEY)


def reader_changed(user_ids: Iterable[int]) -> None:
    """These members' places in threads, or what they watch or mute, changed."""
    for user_id in set(user_ids):
        _replace(_reader_key(user_id))


def _versions(user_id: int) -> tuple[str, str]:
    keys = [CONTENT_KEY, _reader_key(user_id)]
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = _new_version()
            cache.set(key, value, VERSION_TTL)
        versions.append(str(value))
    return versions[0], versions[1]


def member_key(user: Any, name: str, parts: Iterable[Any] = ()) -> str:
    """The key of part ``name`` of a page for ``user``; ``parts`` say which page (a slug,
    a page number). Hashed: no slug or id of anything but the member's account shows."""
    content, reader = _versions(user.pk)
    groups = ",".join(str(pk) for pk in sorted(group_ids_of(user)))
    described = "|".join(
        [
            content,
            reader,
            "moderator" if is_moderator(user) else "member",
            groups,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            *(str(part) for part in parts),
        ]
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"network:v1:page:{name}:{user.pk}:{digest}"


def member_cached[T](
    user: Any, name: str, compute: Callable[[], T], parts: Iterable[Any] = ()
) -> T:
    """What ``compute`` returns for ``user``, from the cache when nothing it reads has
    changed. ``compute`` must read only what the key names (see the module's docstring)."""
    key = member_key(user, name, parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TTL)
    return cast(T, found)


def _content_version() -> str:
    value = cache.get(CONTENT_KEY)
    if value is None:
        value = _new_version()
        cache.set(CONTENT_KEY, value, VERSION_TTL)
    return str(value)


def shared_key(name: str, *, moderator: bool, parts: Iterable[Any] = ()) -> str:
    """The key of part ``name`` shared by every member (or every moderator): the content
    version, who may see what, the language and time zone, and which page."""
    described = "|".join(
        [
            _content_version(),
            "moderator" if moderator else "member",
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            *(str(part) for part in parts),
        ]
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"network:v1:shared:{name}:{digest}"


def shared_cached[T](
    name: str, compute: Callable[[], T], *, moderator: bool, parts: Iterable[Any] = ()
) -> T:
    """What ``compute`` returns for every member (or every moderator), from the cache until
    the content changes. ``compute`` must read nothing of any one member: what only some
    members may see (a group's threads, a member's own thread waiting for review) is never
    in it, and moderators' parts (hidden threads) are kept apart from members'."""
    key = shared_key(name, moderator=moderator, parts=parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TTL)
    return cast(T, found)


@dataclass(frozen=True)
class Rows:
    """A part of a page that is the HTML of ``rows`` (ids, in order; none for a part that
    is the same for everyone), written by ``render``."""

    name: str
    render: Callable[[], str]
    rows: tuple[int, ...] = ()


def rows_key(version: str, part: Rows) -> str:
    """The key of ``part`` under the content ``version``: what it shows, never who asked."""
    described = "|".join(
        [
            version,
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            ",".join(str(pk) for pk in part.rows),
        ]
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"network:v1:rows:{part.name}:{digest}"


def kept_for_rows(parts: list[Rows]) -> list[str]:
    """Each part's HTML, from the cache until the content changes, kept once for everyone
    whose page shows the same rows: two cache reads for the lot (the content version and
    the parts), one write for those rendered afresh. ``render`` must read nothing but the
    rows it names (never the member: who may see which rows is decided before)."""
    version = _content_version()
    keys = [rows_key(version, part) for part in parts]
    found = cache.get_many(keys)
    rendered: dict[str, str] = {}
    html = []
    for key, part in zip(keys, parts, strict=True):
        if key in found:
            html.append(found[key])
        else:
            rendered[key] = str(part.render())
            html.append(rendered[key])
    if rendered:
        cache.set_many(rendered, TTL)
    return html
