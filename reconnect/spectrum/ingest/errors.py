"""The one way a stage stops the read: a whole-file problem."""

from __future__ import annotations

from .result import Problem


class FileRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """Raised by a stage when the file cannot be read any further."""

    def __init__(self, expected: str, *, row: int | None = None, value: str = "") -> None:
        super().__init__(expected)
        self.problem = Problem(row=row, column="", value=value, expected=expected)
