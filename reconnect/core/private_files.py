"""Files kept outside any served directory, under random names, readable by the app alone.

Each kind of private file has a folder under ``settings.VAR_DIR / "private"``, a directory
no web server serves (MEDIA_ROOT is ``VAR_DIR / "media"``; nothing maps ``private``). A
file is saved under a random server-side name (never the uploaded one) with mode 0600, and
a path is only ever built from a name of the form this module creates, so nothing taken
from the database can reach outside the folder.
"""

import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header


@dataclass(frozen=True)
class PrivateFiles:
    folder: str  # under VAR_DIR/private
    suffix: str  # ".upload", ".file": tells the kinds apart on disk

    def directory(self) -> Path:
        """Read from the settings at each call (tests point VAR_DIR elsewhere)."""
        return Path(settings.VAR_DIR) / "private" / self.folder

    def _is_name(self, name: str) -> bool:
        return re.fullmatch(rf"[0-9a-f]{{32}}{re.escape(self.suffix)}", name) is not None

    def path(self, name: str) -> Path:
        if not self._is_name(name):
            raise ValueError(f"Not a stored {self.folder} name")
        return self.directory() / name

    def save(self, data: bytes) -> str:
        """Write ``data`` under a new random name (mode 0600) and return the name."""
        self.directory().mkdir(mode=0o700, parents=True, exist_ok=True)
        name = f"{secrets.token_hex(16)}{self.suffix}"
        descriptor = os.open(self.path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        return name

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when it is gone."""
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, name: str) -> bool:
        return bool(name) and self.path(name).is_file()

    def delete(self, name: str) -> bool:
        """Delete the file; True if there was one. An empty name is no file."""
        if not name:
            return False
        try:
            self.path(name).unlink()
        except FileNotFoundError:
            return False
        return True

    def older_than(self, moment: datetime) -> list[str]:
        """Names of the files last written before ``moment`` (an aware datetime)."""
        directory = self.directory()
        if not directory.is_dir():
            return []
        cutoff = moment.timestamp()
        return sorted(
            entry.name
            for entry in os.scandir(directory)
            if self._is_name(entry.name) and entry.stat().st_mtime < cutoff
        )


# A member's file never runs as a page on our origin, even if a browser ignored the
# attachment disposition: no sources at all, and a sandbox.
FILE_CSP = "default-src 'none'; sandbox"


def private_file_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download: an attachment, never sniffed, sandboxed, never cached
    by a shared cache. The caller has checked the reader may have it."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Content-Security-Policy"] = FILE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
