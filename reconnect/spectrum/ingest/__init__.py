"""The pupil file importer: bytes in, a typed polars frame or a list of problems out.

Pure: no Django. See ``reader.read_pupil_file`` for the stages and ``columns`` for the
contract the frame follows.
"""

from .reader import read_pupil_file
from .result import MAX_BYTES, MAX_PROBLEMS, MAX_ROWS, Notice, Problem, ReadResult

__all__ = [
    "MAX_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "Notice",
    "Problem",
    "ReadResult",
    "read_pupil_file",
]
