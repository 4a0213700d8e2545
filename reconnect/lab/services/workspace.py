"""Writing in a learning trio's workspace: the shared plan, meeting notes, the discussion
and shared files.

Every function checks what must hold whoever calls it (the view, a command): texts are
within their limits, a reply answers a post of the same trio, a plan is saved over the
version its writer saw, a file is one of the allowed types, its contents match its name and
it is not too large. Permission to call them is the caller's job
(``reconnect.lab.rules.can_open_trio`` and friends). Every change writes an audit record.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.lab import audit_actions, storage
from reconnect.lab.models import NoteKind, Trio, TrioFile, TrioNote
from reconnect.lab.services.text import typed_text

BODY_MAX = 10000
TITLE_MAX = 200
FILE_NAME_MAX = 200
MAX_FILE_BYTES = 10 * 1024 * 1024


def _audit(
    action: str,
    *,
    request: HttpRequest | None,
    user: Any,
    target: Any,
    trio: Trio,
    **detail: Any,
) -> None:
    audit_record(
        action, request=request, actor=user, target=target, detail={"trio": trio.pk, **detail}
    )


# --- The shared plan ------------------------------------------------------------------------


class StalePlanError(ApplicationError):
    """The plan changed since the writer opened it; nothing was saved."""


def plan_version(plan: TrioNote | None) -> str:
    """What the plan's form carries to say which version its writer saw ("" for none)."""
    return plan.updated_at.isoformat() if plan is not None else ""


def plan_save(
    *, trio: Trio, user: Any, body: str, version: str, request: HttpRequest | None = None
) -> TrioNote:
    """Save the trio's shared plan over the version ``version`` (``plan_version``) names.

    The saver becomes the plan's author: the page shows who changed it last, and when.
    Side effect: a ``lab.trio.plan_changed`` audit record. Raises ``StalePlanError`` when
    someone saved the plan after ``version`` (nothing is saved), ``ApplicationError`` for an
    empty or overlong text.
    """
    body = typed_text(body, limit=BODY_MAX, field="body", missing=_("Write the plan."))
    with transaction.atomic():
        plan = (
            TrioNote.objects.select_for_update()
            .filter(trio=trio, kind=NoteKind.PLAN)
            .order_by("created_at", "pk")
            .first()
        )
        if plan_version(plan) != version:
            raise StalePlanError(
                _(
                    "Someone else changed the plan while you were editing it, so your "
                    "changes have not been saved. Your text is in the box below and their "
                    "version above it: bring the two together, then save again."
                ),
                field="body",
            )
        created = plan is None
        if plan is None:
            plan = TrioNote(trio=trio, kind=NoteKind.PLAN)
        plan.body = body
        plan.author = user
        plan.save()
        _audit(
            audit_actions.TRIO_PLAN_CHANGED,
            request=request,
            user=user,
            target=plan,
            trio=trio,
            created=created,
        )
    return plan


# --- Meeting notes --------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingText:
    met_on: datetime.date | None
    title: str
    body: str


def _meeting_fields(text: MeetingText) -> dict[str, Any]:
    if text.met_on is None:
        raise ApplicationError(_("Enter the date you met."), field="met_on")
    if text.met_on > timezone.localdate():
        raise ApplicationError(_("The date you met must be today or in the past."), field="met_on")
    return {
        "met_on": text.met_on,
        "title": typed_text(
            text.title, limit=TITLE_MAX, field="title", missing=_("Enter a title for the notes.")
        ),
        "body": typed_text(text.body, limit=BODY_MAX, field="body", missing=_("Write the notes.")),
    }


def meeting_add(
    *, trio: Trio, user: Any, text: MeetingText, request: HttpRequest | None = None
) -> TrioNote:
    """Add the notes of a meeting. Side effect: a ``lab.trio.meeting_added`` audit record.
    Raises ``ApplicationError`` for a missing or future date, an empty title or text."""
    fields = _meeting_fields(text)
    with transaction.atomic():
        note = TrioNote.objects.create(trio=trio, kind=NoteKind.MEETING, author=user, **fields)
        _audit(audit_actions.TRIO_MEETING_ADDED, request=request, user=user, target=note, trio=trio)
    return note


def meeting_update(
    *, note: TrioNote, user: Any, text: MeetingText, request: HttpRequest | None = None
) -> TrioNote:
    """Change meeting notes. Side effect: a ``lab.trio.meeting_changed`` audit record.
    Raises ``ApplicationError`` as ``meeting_add`` does."""
    fields = _meeting_fields(text)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(note, name, value)
        note.save()
        _audit(
            audit_actions.TRIO_MEETING_CHANGED,
            request=request,
            user=user,
            target=note,
            trio=note.trio,
        )
    return note


# --- The discussion -------------------------------------------------------------------------


def post_add(
    *,
    trio: Trio,
    user: Any,
    body: str,
    reply_to_id: int | None = None,
    request: HttpRequest | None = None,
) -> TrioNote:
    """Start a thread, or reply to one (one level: a reply to a reply answers its thread).

    Side effect: a ``lab.trio.post_added`` audit record (detail: the post replied to).
    Raises ``ApplicationError`` for an empty or overlong text, or a post replied to that is
    not in the trio's discussion.
    """
    body = typed_text(body, limit=BODY_MAX, field="body", missing=_("Write your post."))
    reply_to = None
    if reply_to_id is not None:
        reply_to = TrioNote.objects.filter(trio=trio, kind=NoteKind.POST, pk=reply_to_id).first()
        if reply_to is None:
            raise ApplicationError(_("The post you replied to is no longer there."))
        if reply_to.reply_to_id is not None:
            reply_to = TrioNote(pk=reply_to.reply_to_id)
    with transaction.atomic():
        post = TrioNote.objects.create(
            trio=trio, kind=NoteKind.POST, author=user, body=body, reply_to=reply_to
        )
        _audit(
            audit_actions.TRIO_POST_ADDED,
            request=request,
            user=user,
            target=post,
            trio=trio,
            reply_to=reply_to.pk if reply_to is not None else None,
        )
    return post


def post_update(
    *, post: TrioNote, user: Any, body: str, request: HttpRequest | None = None
) -> TrioNote:
    """Change a post's text. Side effect: a ``lab.trio.post_changed`` audit record."""
    post.body = typed_text(body, limit=BODY_MAX, field="body", missing=_("Write your post."))
    with transaction.atomic():
        post.save()
        _audit(
            audit_actions.TRIO_POST_CHANGED, request=request, user=user, target=post, trio=post.trio
        )
    return post


def post_delete(*, post: TrioNote, user: Any, request: HttpRequest | None = None) -> None:
    """Delete a post with its replies.

    Side effect: a ``lab.trio.post_deleted`` audit record (detail: the author's id, whether
    it was a reply, how many replies went with it), so a coordinator's deletion of someone
    else's words is on the record.
    """
    target = TrioNote(pk=post.pk)
    trio = post.trio
    detail = {
        "author": post.author_id,
        "reply": post.reply_to_id is not None,
        "replies": post.replies.count(),
    }
    with transaction.atomic():
        post.delete()
        _audit(
            audit_actions.TRIO_POST_DELETED,
            request=request,
            user=user,
            target=target,
            trio=trio,
            **detail,
        )


# --- Files ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileType:
    content_type: str
    # For an Office file: the folder its ZIP package must hold.
    package_folder: str = ""


_ZIP = b"PK\x03\x04"
FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf"),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"
    ),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"
    ),
    "csv": FileType("text/csv"),
    "txt": FileType("text/plain"),
    "png": FileType("image/png"),
    "jpg": FileType("image/jpeg"),
    "jpeg": FileType("image/jpeg"),
}
_SIGNATURES = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}
# What a text file may not start with: another format's signature.
_BINARY_STARTS = (_ZIP, b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"MZ")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\"\\/:*?<>|;]+")


def type_refused() -> str:
    return _(
        "The file must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), CSV, "
        "text (TXT), PNG or JPG file."
    )


def too_large() -> str:
    return _("The file must be 10 MB or smaller.")


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def safe_filename(filename: str) -> str:
    """The name a file is listed and downloaded under: the uploaded name without any
    folder, control or quoting characters, at most ``FILE_NAME_MAX`` characters, its
    extension kept."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(_UNSAFE_NAME.sub(" ", name).split())
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    # No hidden files, no names that are only dots or spaces.
    stem = stem.lstrip(". ").strip() or "file"
    if not extension:
        return stem[:FILE_NAME_MAX]
    room = FILE_NAME_MAX - len(extension) - 1
    return f"{stem[:room].rstrip()}.{extension}"


def _is_text(data: bytes) -> bool:
    if b"\x00" in data or data.startswith(_BINARY_STARTS):
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _is_office(data: bytes, folder: str) -> bool:
    if not data.startswith(_ZIP):
        return False
    try:
        # The listing only: nothing is unpacked.
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def contents_match(extension: str, data: bytes) -> bool:
    """Whether ``data`` is what a file with this (allowed) extension must hold."""
    kind = FILE_TYPES[extension]
    if kind.package_folder:
        return _is_office(data, kind.package_folder)
    if extension in ("csv", "txt"):
        return _is_text(data)
    signature = _SIGNATURES["jpg" if extension == "jpeg" else extension]
    return data.startswith(signature)


def file_upload(
    *, trio: Trio, user: Any, filename: str, data: bytes, request: HttpRequest | None = None
) -> TrioFile:
    """Share a file with the trio: stored in private storage under a random name.

    Side effect: the file on disk and a ``lab.trio.file_uploaded`` audit record (detail:
    name, size). Raises ``ApplicationError`` (field ``file``) for a type not allowed, a file
    whose contents do not match its extension, an empty file or one over 10 MB.
    """
    extension = extension_of(filename)
    if extension not in FILE_TYPES:
        raise ApplicationError(type_refused(), field="file")
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationError(too_large(), field="file")
    if not contents_match(extension, data):
        raise ApplicationError(
            _(
                "The file’s contents are not those of a .%(extension)s file. Save it again "
                "in that format and upload it."
            )
            % {"extension": extension},
            field="file",
        )
    name = safe_filename(filename)
    stored_as = storage.lab_file_save(data)
    try:
        with transaction.atomic():
            trio_file = TrioFile.objects.create(
                trio=trio,
                name=name,
                stored_as=stored_as,
                size_bytes=len(data),
                content_type=FILE_TYPES[extension].content_type,
                uploaded_by=user,
            )
            _audit(
                audit_actions.TRIO_FILE_UPLOADED,
                request=request,
                user=user,
                target=trio_file,
                trio=trio,
                name=name,
                size=len(data),
            )
    except BaseException:
        storage.lab_file_delete(stored_as)
        raise
    return trio_file


def file_delete(*, trio_file: TrioFile, user: Any, request: HttpRequest | None = None) -> None:
    """Delete a shared file, its record and its stored copy (once the deletion commits).

    Side effect: a ``lab.trio.file_deleted`` audit record (detail: name, who uploaded it).
    """
    target = TrioFile(pk=trio_file.pk)
    stored_as = trio_file.stored_as
    detail = {"name": trio_file.name, "uploaded_by": trio_file.uploaded_by_id}
    with transaction.atomic():
        trio_file.delete()
        _audit(
            audit_actions.TRIO_FILE_DELETED,
            request=request,
            user=user,
            target=target,
            trio=trio_file.trio,
            **detail,
        )
        transaction.on_commit(lambda: storage.lab_file_delete(stored_as))
