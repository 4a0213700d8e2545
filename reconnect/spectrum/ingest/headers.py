"""Which header means which canonical column: refused headers first (never read), then the
school's own hand mapping, then the MIS aliases in ``columns.ALIASES``."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from reconnect.spectrum.columns import ALIASES, BY_NAME, REFUSED_HEADERS, REQUIRED
from reconnect.spectrum.columns import normalise_header as _normalise_header

from .result import Notice, Problem


@dataclass
class HeaderMatch:
    columns: dict[str, int] = field(default_factory=dict)  # canonical -> column index
    mapping: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    unmatched: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# The same few hundred MIS headers come in file after file.
normalise_header = functools.lru_cache(maxsize=4096)(_normalise_header)


def spreadsheet_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def match_headers(headers: list[str], hand_mapping: Mapping[str, str]) -> HeaderMatch:
    match = HeaderMatch()
    seen: dict[str, str] = {}  # normalised header -> the first header written so
    for index, header in enumerate(headers):
        if not header:
            match.notices.append(
                Notice(
                    column="",
                    message=f"Column {spreadsheet_letter(index)} has no header, so it was "
                    "not read.",
                )
            )
            continue
        key = normalise_header(header)
        if key in REFUSED_HEADERS:
            match.notices.append(
                Notice(
                    column=header,
                    message=f"Not read: this column holds {REFUSED_HEADERS[key]}, which "
                    "Reconnect never stores. Leave it out of future exports.",
                )
            )
            continue
        chosen = hand_mapping.get(key)
        if chosen == "":
            match.notices.append(
                Notice(column=header, message="Not read, as chosen for your school's files.")
            )
            continue
        if key in seen:
            match.problems.append(
                Problem(
                    row=1,
                    column=header,
                    value=header,
                    expected=f'each column once: there are two columns headed "{seen[key]}"'
                    f' and "{header}"; delete one of them',
                )
            )
            continue
        seen[key] = header
        canonical = chosen if chosen in BY_NAME else ALIASES.get(key)
        if canonical is None:
            match.unmatched.append(header)
            continue
        if canonical in match.columns:
            first = match.mapping[canonical]
            match.problems.append(
                Problem(
                    row=1,
                    column=header,
                    value=header,
                    expected=f'one column for {BY_NAME[canonical].label}: "{first}" and '
                    f'"{header}" both mean it; delete one of them',
                )
            )
            continue
        match.columns[canonical] = index
        match.mapping[canonical] = header
    for name in REQUIRED:
        if name not in match.columns:
            column = BY_NAME[name]
            examples = ", ".join(f'"{alias}"' for alias in column.aliases[:3])
            match.problems.append(
                Problem(
                    row=None,
                    column=name,
                    value="",
                    expected=f'a "{column.label}" column (headed e.g. {examples}); if your '
                    "file has it under another name, match that column by hand",
                )
            )
    return match
