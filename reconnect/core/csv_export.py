"""CSV that is safe to open in a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (OWASP "CSV injection"). Audit rows carry
text chosen by whoever made the request (a typed e-mail address, a user agent, a path), so
every cell is neutralised by a leading apostrophe, which the spreadsheet shows as text.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reconnect.core.audit import audit_action_label
from reconnect.core.models import AuditEvent

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A byte-order mark makes Excel read the file as UTF-8 (names such as "Zoë" survive).
UTF8_BOM = "\ufeff"


def spreadsheet_safe(value: Any) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The header and rows as CSV lines (RFC 4180 quoting, CRLF), every cell made safe.

    A generator, so a long export streams without being held in memory.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[Any]) -> str:
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield UTF8_BOM + line(header)
    for row in rows:
        yield line(row)


AUDIT_EXPORT_COLUMNS = [
    ("created_at", _("Time")),
    ("action", _("Action")),
    ("action_label", _("Action (description)")),
    ("actor_label", _("Actor")),
    ("target_type", _("Target type")),
    ("target_id", _("Target id")),
    ("school_urn", _("School URN")),
    ("ip_address", _("IP address")),
    ("user_agent", _("User agent")),
    ("path", _("Path")),
    ("detail", _("Detail")),
]


def audit_event_row(event: AuditEvent) -> list[Any]:
    """One event in the order of AUDIT_EXPORT_COLUMNS: times in UK local time, ISO 8601."""
    return [
        timezone.localtime(event.created_at).isoformat(timespec="seconds"),
        event.action,
        audit_action_label(event.action),
        event.actor_label,
        event.target_type,
        event.target_id,
        event.school_urn,
        event.ip_address,
        event.user_agent,
        event.path,
        json.dumps(event.detail, sort_keys=True, ensure_ascii=False) if event.detail else "",
    ]
