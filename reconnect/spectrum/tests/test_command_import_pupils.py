"""``manage.py import_pupils``: the same service as an upload, with its report printed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reconnect.core.models import AuditEvent
from reconnect.spectrum.models import ColumnMapping, ImportStatus, PupilImport, Snapshot
from reconnect.spectrum.tests.factories import AS_AT, pupil_csv


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return tmp_path / "var" / "private" / "uploads"


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_pupils", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _file(tmp_path, data: bytes, name: str = "pupils.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_pupils_imports_a_file(school_a, tmp_path, uploads):
    path = _file(tmp_path, pupil_csv(25, seed=1))

    out, err = _run("--school", "900001", path)

    assert (
        out == "Imported pupils.csv for Demo School A (URN 900001): 25 pupils as at 16/10/2026.\n"
    )
    assert err == ""
    snapshot = Snapshot.objects.get(school=school_a)
    assert (snapshot.as_at_date, snapshot.pupil_count, snapshot.is_latest) == (AS_AT, 25, True)
    pupil_import = PupilImport.objects.get()
    assert (pupil_import.source, pupil_import.uploaded_by) == ("command", None)
    assert list(uploads.iterdir()) == []
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "actor_label")) == [
        ("spectrum.import.received", "manage.py"),
        ("spectrum.import.finished", "manage.py"),
    ]


def test_import_pupils_lists_the_problems_and_exits_1(school_a, tmp_path):
    path = _file(tmp_path, pupil_csv(4, seed=2, fsm_eligible=["Y", "maybe", "N", "perhaps"]))

    with pytest.raises(CommandError) as raised:
        _run("--school", "900001", path)

    assert str(raised.value) == (
        "pupils.csv was rejected: 2 problem(s) found. Nothing was imported; correct the file "
        "and run the command again."
    )
    pupil_import = PupilImport.objects.get()
    assert pupil_import.status == ImportStatus.REJECTED
    assert Snapshot.objects.count() == 0


def test_import_pupils_prints_each_problem_in_one_line(school_a, tmp_path):
    path = _file(tmp_path, pupil_csv(4, seed=2, fsm_eligible=["Y", "maybe", "N", "perhaps"]))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_pupils", "--school", "900001", path, stdout=StringIO(), stderr=err)

    problems = PupilImport.objects.get().problems
    assert err.getvalue() == "".join(
        f'row {p["row"]}, column "fsm_eligible": value "{p["value"]}" — expected {p["expected"]}\n'
        for p in problems
    )
    assert [(p["row"], p["value"]) for p in problems] == [(3, "maybe"), (5, "perhaps")]


def test_import_pupils_dry_run_writes_nothing(school_a, tmp_path):
    path = _file(tmp_path, pupil_csv(8, seed=3))

    out, _err = _run("--school", "900001", path, "--dry-run")

    assert out == "Checked pupils.csv (dry run): 8 pupils, no problems; nothing was written.\n"
    assert Snapshot.objects.count() == 0
    assert PupilImport.objects.get().status == ImportStatus.CHECKED


def test_import_pupils_twice_changes_nothing(school_a, tmp_path):
    path = _file(tmp_path, pupil_csv(8, seed=4))
    _run("--school", "900001", path)

    out, _err = _run("--school", "900001", path)

    assert out == "pupils.csv was imported before; nothing changed.\n"
    assert Snapshot.objects.count() == 1


def test_import_pupils_takes_the_date_from_as_at(school_a, tmp_path):
    path = _file(tmp_path, pupil_csv(8, seed=5, include_as_at=False))

    out, _err = _run("--school", "900001", path, "--as-at", "16/10/2026")

    assert out.endswith("8 pupils as at 16/10/2026.\n")
    assert Snapshot.objects.get().as_at_date == AS_AT


def test_import_pupils_asks_for_unknown_headers(school_a, tmp_path):
    data = pupil_csv(5, seed=6).replace(b"fsm_eligible", b"Free Dinners", 1)
    path = _file(tmp_path, data)
    err = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_pupils", "--school", "900001", path, stdout=StringIO(), stderr=err)

    assert err.getvalue() == 'Columns not recognised: "Free Dinners".\n'
    assert str(raised.value) == (
        'Match each with --map "Header=column" (or "Header=" to ignore it) and run the '
        "command again. Nothing was imported."
    )
    assert Snapshot.objects.count() == 0


def test_import_pupils_map_matches_and_remembers_a_header(school_a, tmp_path):
    data = pupil_csv(5, seed=6).replace(b"fsm_eligible", b"Free Dinners", 1)
    path = _file(tmp_path, data)

    out, _err = _run("--school", "900001", path, "--map", "Free Dinners=fsm_eligible")

    assert out.startswith("Imported pupils.csv")
    assert list(ColumnMapping.objects.values_list("header", "canonical")) == [
        ("freedinners", "fsm_eligible")
    ]


def test_import_pupils_dry_run_map_is_not_remembered(school_a, tmp_path):
    data = pupil_csv(5, seed=6).replace(b"fsm_eligible", b"Free Dinners", 1)
    path = _file(tmp_path, data)

    out, _err = _run("--school", "900001", path, "--dry-run", "--map", "Free Dinners=fsm_eligible")

    assert out.startswith("Checked pupils.csv (dry run): 5 pupils")
    assert ColumnMapping.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--school", "123"], "No school has URN 123."),
        (["--school", "900001", "--as-at", "10/16/2026"],
         '--as-at "10/16/2026" is not a date: give DD/MM/YYYY or YYYY-MM-DD.'),
        (["--school", "900001", "--map", "Free Dinners"],
         '--map "Free Dinners" should be "Header=column" (or "Header=").'),
        (["--school", "900001", "--map", "Free Dinners=pudding"],
         "“pudding” is not a column Reconnect knows."),
    ],
)  # fmt: skip
def test_import_pupils_refuses_bad_arguments(school_a, tmp_path, args, message):
    path = _file(tmp_path, pupil_csv(3, seed=7))

    with pytest.raises(CommandError) as raised:
        _run(*args, path)

    assert str(raised.value) == message
    assert PupilImport.objects.count() == 0


def test_import_pupils_names_a_missing_file(school_a, tmp_path):
    with pytest.raises(CommandError) as raised:
        _run("--school", "900001", str(tmp_path / "missing.csv"))

    assert (
        str(raised.value) == f"Cannot read {tmp_path / 'missing.csv'}: No such file or directory."
    )
