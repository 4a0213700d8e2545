"""Rendered Hub pages shared between readers, in the Django cache (Redis in production).

A theme page or a search page is the same for every reader of one *visibility class*
(members see members-only items, visitors do not) in one language, so its rendered HTML is
kept and served again without a query or a template for its content. Each key carries:

- the Hub's content version (``search.state``), which every publish, unpublish, save, move
  or delete of a Hub page, theme, phase or site replaces, so a change shows on the next
  request: nothing is ever invalidated by hand, old keys simply stop being asked for;
- whether the reader is a member, so members-only content never reaches a visitor;
- the active language;
- ``KEY_VERSION``, moved whenever the shape of what is stored changes.

Only the page's own content is kept: the base template (the reader's name, the CSRF token,
the notification bell) is rendered afresh for each request. Keys are digests, so what a
reader typed into a search is never part of one.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

KEY_VERSION = "v1"
# The content version moves on every change, so this only bounds how long an unpopular
# page holds memory; it is never what makes a change visible.
TIMEOUT_SECONDS = 60 * 60


def fragment_key(kind: str, *parts: Any) -> str:
    """``hub:v1:<kind>:<digest of parts>``; ``parts`` must be JSON-serialisable."""
    digest = hashlib.sha256(json.dumps(parts, separators=(",", ":")).encode()).hexdigest()
    return f"hub:{KEY_VERSION}:{kind}:{digest[:40]}"


def cached_fragment[T](key: str, build: Callable[[], T], timeout: int = TIMEOUT_SECONDS) -> T:
    """The value stored at ``key``, or ``build()``'s, stored for the next reader.

    Read the content version *before* building: a change committed in between then leaves
    newer content under the older key, which nobody asks for once the new version is read.
    """
    found: T | None = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, timeout)
    return found
