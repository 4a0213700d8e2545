"""Which character separates the columns: comma, semicolon (continental Excel) or tab
(Excel's "Unicode Text"). Read from the header line only, outside quotes."""

from __future__ import annotations

import re

SEPARATORS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')


def header_line(text: str) -> str:
    """The first record's text: up to the first line break outside quotes."""
    position = 0
    while True:
        end = text.find("\n", position)
        if end < 0:
            return text
        candidate = text[:end]
        if candidate.count('"') % 2 == 0:
            return candidate
        position = end + 1


def separator(text: str) -> str:
    """The separator that occurs most in the header line outside quotes; comma on a tie."""
    line = _QUOTED.sub("", header_line(text))
    counts = {candidate: line.count(candidate) for candidate in SEPARATORS}
    best = max(SEPARATORS, key=lambda candidate: counts[candidate])
    return best if counts[best] > counts[","] else ","
