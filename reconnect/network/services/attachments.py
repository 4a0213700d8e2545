"""Files attached to posts: only safe types, checked by their contents, under a size limit.

A file is accepted when its extension is one of ``FILE_TYPES`` AND its bytes are what that
extension must hold (a PDF starts ``%PDF-``, a DOCX is a ZIP package with ``word/`` inside,
a text file is text...), so an SVG, an HTML page or a program renamed ``.pdf`` is refused.
The checks are the Lab's (``reconnect.lab.services.workspace``), so a file a trio may share
is a file a post may carry. Files are stored privately under a random name and served only
through ``network:attachment`` as a download in a sandbox.
"""

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.lab.services.workspace import (
    FILE_TYPES,
    contents_match,
    extension_of,
    safe_filename,
)
from reconnect.network.models import Attachment, Post
from reconnect.network.storage import ATTACHMENTS

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
# What the file input offers (a hint to the browser; the server checks the contents).
ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx,.pptx"


def _read(upload: UploadedFile) -> bytes:
    """The whole file (at most 10 MB once the size is checked), left ready to read again."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _problem(upload: UploadedFile) -> str | None:
    name = safe_filename(upload.name or "")
    extension = extension_of(name)
    if extension not in FILE_TYPES:
        return _(
            "%(name)s cannot be attached: attach a PDF, Word (DOCX), Excel (XLSX), "
            "PowerPoint (PPTX), CSV, text (TXT), PNG or JPG file."
        ) % {"name": name}
    size = upload.size or 0
    if size > MAX_FILE_BYTES:
        return _("%(name)s is larger than 10 MB: make it smaller or share a link to it.") % {
            "name": name
        }
    data = _read(upload)
    if not data:
        return _("%(name)s is empty: choose the file again.") % {"name": name}
    if len(data) > MAX_FILE_BYTES:
        return _("%(name)s is larger than 10 MB: make it smaller or share a link to it.") % {
            "name": name
        }
    if not contents_match(extension, data):
        return _(
            "%(name)s is not really a .%(extension)s file: save it again in that format "
            "and attach it."
        ) % {"name": name, "extension": extension}
    return None


def attachments_check(files: Sequence[UploadedFile]) -> list[str]:
    """CONTRACT: what is wrong with ``files`` (type not allowed, too large, too many), one
    message per problem naming the file and what to do; empty when all may be attached.
    Called by the post form before anything is saved."""
    problems: list[str] = []
    if len(files) > MAX_FILES:
        problems.append(
            ngettext(
                "You chose %(count)d files: attach at most %(limit)d file to a post.",
                "You chose %(count)d files: attach at most %(limit)d files to a post.",
                MAX_FILES,
            )
            % {"count": len(files), "limit": MAX_FILES}
        )
    for upload in files:
        problem = _problem(upload)
        if problem is not None:
            problems.append(problem)
    return problems


def attachments_save(*, post: Post, files: Sequence[UploadedFile], by: Any) -> list[Attachment]:
    """CONTRACT: store ``files`` privately and attach them to ``post``; call only after
    ``attachments_check`` found nothing wrong, inside the transaction that saves the post.

    Side effects: one file in private storage per upload (random name, mode 0600) and one
    ``Attachment`` row each. If storing or recording fails, the files stored so far are
    deleted before the error goes on. Raises ``ValueError`` for files ``attachments_check``
    would refuse (a caller that skipped it), so nothing unchecked is ever stored.
    """
    if attachments_check(files):
        raise ValueError("attachments_save called with files attachments_check refuses")
    stored: list[str] = []
    try:
        rows = []
        for upload in files:
            name = safe_filename(upload.name or "")
            data = _read(upload)
            stored_as = ATTACHMENTS.save(data)
            stored.append(stored_as)
            rows.append(
                Attachment(
                    post=post,
                    stored_as=stored_as,
                    filename=name,
                    content_type=FILE_TYPES[extension_of(name)].content_type,
                    size_bytes=len(data),
                    uploaded_by=by,
                )
            )
        return Attachment.objects.bulk_create(rows)
    except BaseException:
        for name in stored:
            ATTACHMENTS.delete(name)
        raise
