"""Private storage for the files a learning trio shares in its workspace.

Files live under ``settings.VAR_DIR / "private" / "lab"``, a directory no web server serves
(MEDIA_ROOT is ``VAR_DIR / "media"``; nothing maps ``private``). Each file is saved under a
random server-side name (never the uploaded name), readable by the app's user only; the
only way out is the workspace's download view, which checks access first.
"""

import os
import re
import secrets
from pathlib import Path

from django.conf import settings

_NAME = re.compile(r"^[0-9a-f]{32}\.file$")


def lab_file_dir() -> Path:
    """The directory, read from the settings at each call (tests point VAR_DIR elsewhere)."""
    return Path(settings.VAR_DIR) / "private" / "lab"


def lab_file_path(name: str) -> Path:
    """The path of a stored file. Only a name of the form we create is accepted, so no
    path can reach outside the directory, whatever the database holds."""
    if not _NAME.fullmatch(name):
        raise ValueError("Not a stored Lab file name")
    return lab_file_dir() / name


def lab_file_save(data: bytes) -> str:
    """Write ``data`` under a new random name (mode 0600) and return the name."""
    directory = lab_file_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.file"
    descriptor = os.open(lab_file_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    return name


def lab_file_exists(name: str) -> bool:
    return bool(name) and lab_file_path(name).is_file()


def lab_file_delete(name: str) -> bool:
    """Delete the file; True if there was one. An empty name is no file."""
    if not name:
        return False
    try:
        lab_file_path(name).unlink()
    except FileNotFoundError:
        return False
    return True
