"""Structured logs without personal data (ASVS 16.2.5, goal G18).

Three pieces, wired together by ``LOGGING`` in ``reconnect/settings/base.py``:

- ``RequestContextFilter`` adds the request's id and view name to every record written
  while the request is handled (``reconnect.core.request_id``);
- ``PersonalDataFilter`` rewrites each record before any handler sees it: the message is
  formatted and scrubbed of e-mail addresses and UPN-shaped pupil identifiers, and so is
  the traceback text;
- ``JsonFormatter`` writes one JSON object per line with a fixed set of keys. Anything
  else a caller or Django attaches to a record (the ``request`` object, with its query
  string, POST body and cookies) is never written.

Nothing here logs a path or query string: the access line (``log_request``) names the
route, not the URL, and the user by a keyed pseudonym, never by id, name or e-mail.
"""

import json
import logging
import re
import time
from typing import Any

from django.utils.crypto import salted_hmac

from reconnect.core.request_id import current_request_id, current_view_name

ACCESS_LOGGER = logging.getLogger("reconnect.access")

# RFC 5322 is far wider, but what people type is this; a false positive only costs a word.
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A UPN: a check letter, eleven digits (LA, establishment, year, serial), then a digit, or a
# letter for a temporary UPN (DfE common basic data set; vulnerability-indicators.md 3.1).
UPN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][0-9]{11}[A-Za-z0-9](?![A-Za-z0-9])")
# A password in a connection URL (redis://:secret@host, postgres://user:secret@host), as an
# error about an unreachable service may quote it.
URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s:]*:[^/@\s]*@")
# URL-encoded "@" (%40) is how an address arrives in a query string or form body.
ENCODED_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+%40[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

# The keys a line may carry besides timestamp, level, logger and message.
CONTEXT_KEYS = (
    "request_id",
    "view",
    "method",
    "status",
    "duration_ms",
    "db_queries",
    "user",
    "check",
)


def scrub(text: str) -> str:
    """``text`` with connection-URL passwords, e-mail addresses and UPN-shaped identifiers
    replaced by placeholders."""
    text = URL_CREDENTIALS.sub("[credentials]@", text)
    text = ENCODED_EMAIL.sub("[email]", text)
    text = EMAIL.sub("[email]", text)
    return UPN.sub("[upn]", text)


def pseudonym(user_pk: object) -> str:
    """A stable, keyed stand-in for a user id: lines of one session can be followed, but
    the id itself (and so the person) is only recoverable with the secret key."""
    return (
        "u-"
        + salted_hmac(
            "reconnect.core.logging.pseudonym", str(user_pk), algorithm="sha256"
        ).hexdigest()[:16]
    )


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        if not hasattr(record, "view"):
            record.view = current_view_name.get()
        return True


class PersonalDataFilter(logging.Filter):
    """Formats and scrubs the message and traceback, and drops the arguments, so no
    formatter or handler further on can put the raw values back."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must still be logged, not lost
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        for key in CONTEXT_KEYS:
            value = getattr(record, key, None)
            if isinstance(value, str):
                setattr(record, key, scrub(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp (UTC, ISO 8601), level, logger, message, the
    request context, and ``exception`` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT_KEYS:
            value = getattr(record, key, None)
            if value is not None:
                line[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        # json.dumps escapes newlines and quotes: a value can never forge a second line.
        return json.dumps(line, ensure_ascii=False, default=str)


def log_request(
    *,
    method: str,
    view: str,
    status: int,
    duration_ms: float,
    db_queries: int,
    user_pk: object | None,
) -> None:
    """The access line for one request: route name and outcome, never the URL."""
    if not ACCESS_LOGGER.isEnabledFor(logging.INFO):
        return
    # A record made directly: logger.info() would walk the stack to find its caller, which
    # costs more than the rest of the line on every request and says nothing useful here.
    record = ACCESS_LOGGER.makeRecord(
        ACCESS_LOGGER.name,
        logging.INFO,
        __file__,
        0,
        "request",
        (),
        None,
        extra={
            "method": method,
            "view": view,
            "status": status,
            "duration_ms": duration_ms,
            "db_queries": db_queries,
            "user": pseudonym(user_pk) if user_pk is not None else None,
        },
    )
    ACCESS_LOGGER.handle(record)
