"""Bytes to text: the size limit, what kind of file it is, and its encoding.

Order matters. Size is checked before anything is read. A byte-order mark decides the
encoding outright. Without one, strict UTF-8 is tried first; Windows-1252 (Excel's "CSV
(Comma delimited)" in the UK) only when the bytes hold no valid UTF-8 multi-byte sequence
at all, so a UTF-8 file damaged halfway through is refused (naming the row) instead of
being turned silently into mojibake. Latin-1 is never used: it turns any bytes into text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import FileRefused
from .result import MAX_BYTES

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls

SAVE_AS_CSV = (
    'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" or as an '
    "Excel workbook (.xlsx)"
)

_BINARY_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"{\\rtf",
)
# A valid UTF-8 multi-byte sequence: a lead byte and its continuation bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters no pupil file holds (tab, line feed and carriage return are structure).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 and Windows-1252 they are single bytes, so one
# fast ``bytes.translate`` tells whether the slower search is needed.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "windows-1252"


def kind_of(data: bytes) -> str:
    """Whether the bytes are a workbook (a ZIP or OLE2 container: xlsx, xls) or text."""
    if data.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        return "workbook"
    return "text"


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise FileRefused(
            f"a file of at most {MAX_BYTES // (1024 * 1024)} MB (this one is "
            f"{len(data) / (1024 * 1024):.1f} MB): export only the columns Reconnect uses"
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileRefused("a file with a header row and one row per pupil: this file is empty")


def _row_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:400]
    if len(head) < 4:
        return None
    if head[1::2].count(0) == len(head[1::2]) and head[0::2].count(0) == 0:
        return "utf-16-le"
    if head[0::2].count(0) == len(head[0::2]) and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> Decoded:
    """The file's text, or ``FileRefused`` saying why it cannot be read as text."""
    if any(data.startswith(signature) for signature in _BINARY_SIGNATURES):
        raise FileRefused(SAVE_AS_CSV + ": this file is not a spreadsheet")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FileRefused(SAVE_AS_CSV + ": this file is in UTF-32, which Reconnect does not read")
    elif data.startswith(codecs.BOM_UTF16_LE):
        text, encoding = _strict(data[2:], "utf-16-le"), "utf-16"
    elif data.startswith(codecs.BOM_UTF16_BE):
        text, encoding = _strict(data[2:], "utf-16-be"), "utf-16"
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = _strict(data, utf16), "utf-16"
    else:
        text, encoding = _utf8_or_windows_1252(data)
    nul = text.find("\x00")
    if nul >= 0:
        raise FileRefused(
            SAVE_AS_CSV + ": this file holds binary data (a NUL byte)", row=_row_of(text, nul)
        )
    if encoding == "utf-16" or len(data.translate(None, _CONTROL_BYTES)) != len(data):
        _refuse_control(text)
    return Decoded(text=text, encoding=encoding)


def _refuse_control(text: str) -> None:
    control = _CONTROL.search(text)
    if control is not None:
        raise FileRefused(
            "text without control characters: delete the invisible character "
            f"U+{ord(control.group()):04X} from this row",
            row=_row_of(text, control.start()),
        )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FileRefused(
            SAVE_AS_CSV + f": this file is not valid {encoding.upper()} text",
            row=_line_of(data, error.start),
        ) from None


def _utf8_or_windows_1252(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        bad = error.start
    if _UTF8_MULTIBYTE.search(data) is not None:
        # Some characters are UTF-8 and some are not: a damaged or concatenated file.
        raise FileRefused(
            SAVE_AS_CSV + ": this file mixes text encodings, and this row holds bytes that are "
            "not UTF-8",
            row=_line_of(data, bad),
        )
    try:
        return data.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError as error:
        raise FileRefused(
            SAVE_AS_CSV + ": this file's characters are neither UTF-8 nor Windows-1252",
            row=_line_of(data, error.start),
        ) from None
