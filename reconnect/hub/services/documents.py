"""What a document upload must be before Wagtail stores it: an allowed type, truly.

The extension alone proves nothing (an executable renamed ``report.pdf`` keeps its
extension), so each file's content is checked against what its extension claims:

- PDF: starts with the ``%PDF-`` header;
- Word, Excel, PowerPoint (OOXML): a zip archive holding ``[Content_Types].xml`` that
  declares the right main part, which is present; macro-enabled variants and archives that
  would expand past a sane size are refused;
- images: Pillow opens and verifies them as the format the extension names.

Used by ``reconnect.hub.forms.SafeDocumentForm`` (Wagtail's document form base), so every
upload path in the admin (single, multiple, chooser) goes through it.
"""

import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError

# Zip archives: a real Office file has tens to a few thousand parts and expands to a few
# times its size; a zip bomb does not.
OOXML_MAX_ENTRIES = 10_000
OOXML_MAX_EXPANDED_BYTES = 500 * 1024 * 1024
CONTENT_TYPES_MAX_BYTES = 1024 * 1024


class DocumentRejectedError(ApplicationError):
    """The upload is not a document we accept; ``message`` says why and what to do."""


@dataclass(frozen=True)
class Kind:
    label: str  # what a reader calls it: "PDF", "Word document"
    check: Callable[[IO[bytes]], str | None]  # None if the content matches, else a reason


def _check_pdf(file: IO[bytes]) -> str | None:
    if file.read(5) != b"%PDF-":
        return _("it does not start with a PDF header")
    return None


def _ooxml(main_part: str, main_content_type: str) -> Callable[[IO[bytes]], str | None]:
    def check(file: IO[bytes]) -> str | None:
        try:
            with zipfile.ZipFile(file) as archive:
                entries = archive.infolist()
                if len(entries) > OOXML_MAX_ENTRIES or (
                    sum(entry.file_size for entry in entries) > OOXML_MAX_EXPANDED_BYTES
                ):
                    return _("it would expand to far more than any real document")
                names = {entry.filename for entry in entries}
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return _("it contains macros, which we do not accept")
                if "[Content_Types].xml" not in names or main_part not in names:
                    return _("it is not an Office Open XML file of this type")
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > CONTENT_TYPES_MAX_BYTES:
                    return _("it is not an Office Open XML file of this type")
                declared = archive.read(info)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
            return _("it is not an Office Open XML file")
        if f'ContentType="{main_content_type}"'.encode() not in declared:
            return _("its main part is not of this type (it may contain macros)")
        return None

    return check


def _image(*formats: str) -> Callable[[IO[bytes]], str | None]:
    def check(file: IO[bytes]) -> str | None:
        from PIL import Image

        try:
            with warnings.catch_warnings():
                # Pillow warns, then raises, on images of absurd pixel counts (bombs).
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(file) as image:
                    found = image.format
                    image.verify()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
            return _("it is not an image Pillow can read")
        if found not in formats:
            return _("it is a %(found)s image") % {"found": found}
        return None

    return check


_OOXML = "application/vnd.openxmlformats-officedocument"
KINDS: dict[str, Kind] = {
    "pdf": Kind("PDF", _check_pdf),
    "docx": Kind(
        "Word document",
        _ooxml("word/document.xml", f"{_OOXML}.wordprocessingml.document.main+xml"),
    ),
    "xlsx": Kind(
        "Excel workbook",
        _ooxml("xl/workbook.xml", f"{_OOXML}.spreadsheetml.sheet.main+xml"),
    ),
    "pptx": Kind(
        "PowerPoint presentation",
        _ooxml("ppt/presentation.xml", f"{_OOXML}.presentationml.presentation.main+xml"),
    ),
    "png": Kind("PNG image", _image("PNG")),
    "jpg": Kind("JPEG image", _image("JPEG")),
    "jpeg": Kind("JPEG image", _image("JPEG")),
    "gif": Kind("GIF image", _image("GIF")),
    "webp": Kind("WebP image", _image("WEBP")),
}
ALLOWED_EXTENSIONS = list(KINDS)
ALLOWED_DESCRIPTION = (
    "PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx), or a PNG, JPEG, GIF or WebP image"
)


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def document_upload_check(*, upload: Any) -> None:
    """Refuse an upload that is too big, of a type we do not take, or not what it claims.

    ``upload`` is a Django ``UploadedFile`` (anything with ``name``, ``size``, ``seek`` and
    ``read``). Reads no more than the checks need and leaves the file at its start.
    Raises DocumentRejectedError, whose message names the file, the problem and the fix.
    """
    name = upload.name or ""
    limit = settings.RECONNECT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise DocumentRejectedError(
            _(
                "“%(name)s” is %(size)s; the most we accept is %(limit)s. Compress it, or "
                "split it into smaller files."
            )
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = _extension(name)
    kind = KINDS.get(extension)
    if kind is None:
        raise DocumentRejectedError(
            _("“%(name)s” is not a type of file we accept. Upload a %(allowed)s.")
            % {"name": name, "allowed": ALLOWED_DESCRIPTION}
        )
    upload.seek(0)
    try:
        reason = kind.check(upload)
    finally:
        upload.seek(0)
    if reason is not None:
        raise DocumentRejectedError(
            _(
                "“%(name)s” is not a real %(kind)s: %(reason)s. Save or export it again as a "
                "%(kind)s and upload that file."
            )
            % {"name": name, "kind": kind.label, "reason": reason}
        )
