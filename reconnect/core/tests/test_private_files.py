"""Private files: random names, owner-only, and no path outside their folder."""

import os
import stat
from datetime import UTC, datetime

import pytest

from reconnect.core.private_files import PrivateFiles

FILES = PrivateFiles(folder="tests", suffix=".bin")


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_file_is_saved_under_a_random_name_readable_by_the_owner_alone(tmp_path):
    name = FILES.save(b"hello")

    path = tmp_path / "private" / "tests" / name
    assert len(name) == 32 + len(".bin")
    assert name.endswith(".bin")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert FILES.read(name) == b"hello"
    assert FILES.exists(name)
    assert FILES.save(b"hello") != name


@pytest.mark.parametrize(
    "name",
    ["../secret.bin", "a" * 32 + ".upload", "A" * 32 + ".bin", "/etc/passwd", "", "x.bin"],
)
def test_only_names_of_our_own_form_make_a_path(name):
    with pytest.raises(ValueError, match="Not a stored tests name"):
        FILES.path(name)


def test_delete_and_read_after_delete():
    name = FILES.save(b"x")

    assert FILES.delete(name) is True
    assert FILES.delete(name) is False
    assert FILES.delete("") is False
    assert FILES.read(name) is None
    assert not FILES.exists(name)


def test_older_than_lists_only_our_files_written_before_the_moment(tmp_path):
    old, new = FILES.save(b"old"), FILES.save(b"new")
    folder = tmp_path / "private" / "tests"
    os.utime(folder / old, (1_000_000_000, 1_000_000_000))
    (folder / "notes.txt").write_text("not ours")

    moment = datetime(2020, 1, 1, tzinfo=UTC)

    assert FILES.older_than(moment) == [old]
    assert new not in FILES.older_than(moment)
