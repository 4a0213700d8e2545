"""Private storage for uploaded pupil files while they wait to be checked and imported.

Files live under ``settings.VAR_DIR / "private" / "uploads"``, a directory no web server
serves (MEDIA_ROOT is ``VAR_DIR / "media"``; nothing maps ``private``). Each file is saved
under a random server-side name (never the uploaded name), readable by the app's user only,
and deleted as soon as its import finishes; ``services.housekeeping`` deletes whatever is
left after 24 hours.
"""

import os
import re
import secrets
from datetime import datetime
from pathlib import Path

from django.conf import settings

_NAME = re.compile(r"^[0-9a-f]{32}\.upload$")


def upload_dir() -> Path:
    """The directory, read from the settings at each call (tests point VAR_DIR elsewhere)."""
    return Path(settings.VAR_DIR) / "private" / "uploads"


def _path(name: str) -> Path:
    # Names come from our own database, but a path is only ever built from a name of the
    # form we create: nothing can reach outside the directory.
    if not _NAME.fullmatch(name):
        raise ValueError("Not an upload name")
    return upload_dir() / name


def upload_save(data: bytes) -> str:
    """Write ``data`` under a new random name (mode 0600) and return the name."""
    directory = upload_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.upload"
    descriptor = os.open(_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    return name


def upload_read(name: str) -> bytes | None:
    """The file's bytes, or None when it is gone (purged, or already processed)."""
    try:
        return _path(name).read_bytes()
    except FileNotFoundError:
        return None


def upload_exists(name: str) -> bool:
    return bool(name) and _path(name).is_file()


def upload_delete(name: str) -> bool:
    """Delete the file; True if there was one. An empty name is no file."""
    if not name:
        return False
    try:
        _path(name).unlink()
    except FileNotFoundError:
        return False
    return True


def uploads_older_than(moment: datetime) -> list[str]:
    """Names of stored uploads last written before ``moment`` (an aware datetime)."""
    directory = upload_dir()
    if not directory.is_dir():
        return []
    cutoff = moment.timestamp()
    return sorted(
        entry.name
        for entry in os.scandir(directory)
        if _NAME.fullmatch(entry.name) and entry.stat().st_mtime < cutoff
    )
