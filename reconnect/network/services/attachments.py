"""Files attached to posts (the attachments area owns the bodies)."""

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from reconnect.network.models import Attachment, Post


def attachments_check(files: Sequence[UploadedFile]) -> list[str]:
    """CONTRACT: what is wrong with ``files`` (type not allowed, too large, too many), one
    message per problem naming the file and what to do; empty when all may be attached.
    Called by the post form before anything is saved."""
    return []


def attachments_save(*, post: Post, files: Sequence[UploadedFile], by: Any) -> list[Attachment]:
    """CONTRACT: store ``files`` privately and attach them to ``post``; call only after
    ``attachments_check`` found nothing wrong, inside the transaction that saves the post."""
    return []
