from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reconnect.core.models import AuditEvent
from reconnect.schools.models import School, Trust
from reconnect.schools.services.gias_import import schools_import_gias
from reconnect.schools.services.gias_rows import REQUIRED_COLUMNS, phase_for
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.schools.tests.gias_files import HEADER, IGNORED_COLUMN, gias_csv, gias_row

pytestmark = pytest.mark.django_db


def run_import(tmp_path, data: bytes, *args: str) -> tuple[str, str]:
    path = tmp_path / "edubasealldata.csv"
    path.write_bytes(data)
    out, err = StringIO(), StringIO()
    call_command("import_schools", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def two_schools() -> bytes:
    return gias_csv(
        [
            gias_row(),
            gias_row(
                urn=137001,
                name="Thames Gateway Academy",
                la_code=210,
                la_name="Southwark",
                type="Academy converter",
                phase="Secondary",
                postcode="se15 4aa",
                pupils=1180,
                fsm="38.26",
                trust_code="TR01234",
                trust_name="Riverside Learning Trust",
                eal="",
                sen_support="11",
                ehcp="3.4",
                attendance="91.7",
            ),
        ]
    )


def test_import_schools_creates_schools_with_their_exact_values(tmp_path):
    out, err = run_import(tmp_path, two_schools())

    assert err == ""
    assert out.splitlines() == [
        "Imported edubasealldata.csv.",
        "  2 rows read",
        "  London schools: 2 created, 0 updated, 0 unchanged",
        "  Skipped: 0 outside London, 0 with no comparable phase",
        "  Trusts: 1 created, 0 updated",
    ]
    primary = School.objects.get(urn=100001)
    assert (
        primary.name,
        primary.phase,
        primary.establishment_type,
        primary.local_authority.code,
        primary.trust,
        primary.postcode,
        primary.is_open,
        primary.number_on_roll,
        primary.percent_fsm,
        primary.percent_eal,
        primary.percent_sen_support,
        primary.percent_ehcp,
        primary.attendance_percent,
    ) == (
        "Plane Tree Primary School",
        "primary",
        "Community school",
        202,
        None,
        "NW1 2AB",
        True,
        420,
        Decimal("24.5"),
        Decimal("31.0"),
        Decimal("13.2"),
        Decimal("2.9"),
        Decimal("94.1"),
    )
    academy = School.objects.select_related("trust", "local_authority").get(urn=137001)
    assert academy.phase == "secondary"
    assert academy.local_authority.name == "Southwark"
    assert academy.postcode == "SE15 4AA"
    assert academy.percent_fsm == Decimal("38.3")  # rounded half-up to one place
    assert academy.percent_eal is None  # blank means unknown
    assert academy.percent_sen_support == Decimal("11.0")
    trust = academy.trust
    assert trust is not None
    assert (trust.gias_code, trust.name, trust.slug) == (
        "TR01234",
        "Riverside Learning Trust",
        "riverside-learning-trust",
    )


def test_import_schools_writes_an_audit_record_with_counts_only(tmp_path):
    run_import(tmp_path, two_schools())

    event = AuditEvent.objects.get(action=AuditEvent.Action.IMPORT)
    assert event.actor is None
    assert event.actor_label == "manage.py import_schools"
    assert event.detail == {
        "kind": "gias_schools",
        "source": "edubasealldata.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "skipped_outside_london": 0,
        "skipped_no_phase": 0,
        "trusts_created": 1,
        "trusts_updated": 0,
    }


def test_import_schools_rerun_of_the_same_file_changes_nothing(tmp_path):
    run_import(tmp_path, two_schools())
    before = dict(School.objects.values_list("urn", "updated_at"))

    out, _err = run_import(tmp_path, two_schools())

    assert "  London schools: 0 created, 0 updated, 2 unchanged" in out.splitlines()
    assert "  Trusts: 0 created, 0 updated" in out.splitlines()
    assert dict(School.objects.values_list("urn", "updated_at")) == before
    assert Trust.objects.count() == 1


def test_import_schools_updates_a_changed_school_in_place(tmp_path):
    run_import(tmp_path, two_schools())
    original = School.objects.get(urn=100001)
    untouched_at = School.objects.get(urn=137001).updated_at
    changed = gias_csv(
        [
            gias_row(name="Plane Tree Primary", pupils=401, fsm="26.1", status="Closed"),
            gias_row(
                urn=137001,
                name="Thames Gateway Academy",
                la_code=210,
                la_name="Southwark",
                type="Academy converter",
                phase="Secondary",
                postcode="SE15 4AA",
                pupils=1180,
                fsm="38.3",
                trust_code="TR01234",
                trust_name="Riverside Learning Trust",
                eal="",
                sen_support="11.0",
                ehcp="3.4",
                attendance="91.7",
            ),
        ]
    )

    out, _err = run_import(tmp_path, changed)

    assert "  London schools: 0 created, 1 updated, 1 unchanged" in out.splitlines()
    school = School.objects.get(urn=100001)
    assert school.pk == original.pk
    assert (school.name, school.number_on_roll, school.percent_fsm, school.is_open) == (
        "Plane Tree Primary",
        401,
        Decimal("26.1"),
        False,
    )
    assert school.updated_at > original.updated_at
    assert School.objects.get(urn=137001).updated_at == untouched_at


def test_import_schools_renames_a_trust_by_its_code_and_moves_schools_between_trusts(tmp_path):
    trust_pk = Trust.objects.create(
        gias_code="TR01234", name="Old Name Trust", slug="old-name-trust"
    ).pk
    SchoolFactory(urn=100001, trust=None)
    data = gias_csv([gias_row(trust_code="TR01234", trust_name="New Name Trust")])

    out, _err = run_import(tmp_path, data)

    trust = Trust.objects.get(pk=trust_pk)
    assert (trust.name, trust.slug) == ("New Name Trust", "old-name-trust")
    assert School.objects.get(urn=100001).trust == trust
    assert "  Trusts: 0 created, 1 updated" in out.splitlines()


def test_import_schools_adopts_a_trust_entered_without_a_code(tmp_path):
    trust_pk = Trust.objects.create(
        gias_code=None, name="Riverside Learning Trust", slug="riverside"
    ).pk
    data = gias_csv([gias_row(trust_code="TR01234", trust_name="Riverside Learning Trust")])

    run_import(tmp_path, data)

    trust = Trust.objects.get(pk=trust_pk)
    assert trust.gias_code == "TR01234"
    assert School.objects.get(urn=100001).trust == trust


def test_import_schools_adopting_a_trust_by_name_in_another_case_is_idempotent(tmp_path):
    trust_pk = Trust.objects.create(
        gias_code=None, name="RIVERSIDE learning trust", slug="riverside"
    ).pk
    data = gias_csv([gias_row(trust_code="TR01234", trust_name="Riverside Learning Trust")])

    first, _err = run_import(tmp_path, data)
    second, _err = run_import(tmp_path, data)

    assert "  Trusts: 0 created, 1 updated" in first.splitlines()
    assert "  London schools: 0 created, 0 updated, 1 unchanged" in second.splitlines()
    assert "  Trusts: 0 created, 0 updated" in second.splitlines()
    trust = Trust.objects.get()
    assert (trust.pk, trust.gias_code, trust.name, trust.slug) == (
        trust_pk,
        "TR01234",
        "Riverside Learning Trust",
        "riverside",
    )


def test_import_schools_absent_optional_columns_leave_figures_untouched(tmp_path):
    SchoolFactory(urn=100001, percent_eal=Decimal("40.0"), attendance_percent=Decimal("93.0"))
    header = list(REQUIRED_COLUMNS)
    data = gias_csv([gias_row(fsm="30.0")], header=header)

    run_import(tmp_path, data)

    school = School.objects.get(urn=100001)
    assert (school.percent_fsm, school.percent_eal, school.attendance_percent) == (
        Decimal("30.0"),
        Decimal("40.0"),
        Decimal("93.0"),
    )


def test_import_schools_rejects_the_whole_file_for_one_invalid_row(tmp_path):
    data = gias_csv(
        [
            gias_row(),
            gias_row(urn=100002, name="Second School"),
            gias_row(urn=100003, name="Third School", fsm="124.5"),
        ]
    )

    with pytest.raises(CommandError) as raised:
        run_import(tmp_path, data)

    assert str(raised.value) == (
        "edubasealldata.csv was rejected: 1 problem(s) found. Nothing was imported; "
        "correct the file and run the command again."
    )
    assert School.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_import_schools_prints_each_problem_with_row_column_value_and_remedy(tmp_path):
    data = gias_csv(
        [
            gias_row(),
            gias_row(urn=100002, fsm="124.5"),
            gias_row(urn="abc", pupils="-5"),
        ]
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_schools", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        (
            'row 3, column "PercentageFSM": value "124.5" – a percentage must be a number from '
            "0 to 100, such as 24.5; leave it blank if unknown."
        ),
        (
            'row 4, column "URN": value "abc" – a URN is the school\'s unique reference number, '
            "a positive whole number such as 100000; copy it from Get Information about Schools."
        ),
        (
            'row 4, column "NumberOfPupils": value "-5" – the number of pupils must be a whole '
            "number from 0 to 100,000, such as 420; leave it blank if unknown."
        ),
    ]
    assert School.objects.count() == 0


def test_import_schools_rejected_file_leaves_existing_schools_unchanged(tmp_path):
    SchoolFactory(urn=100001, name="Original Name")
    data = gias_csv([gias_row(name="New Name"), gias_row(urn=100002, status="Shut")])

    with pytest.raises(CommandError):
        run_import(tmp_path, data)

    assert School.objects.get(urn=100001).name == "Original Name"
    assert list(School.objects.values_list("urn", flat=True)) == [100001]


def test_import_schools_rejects_a_duplicate_urn(tmp_path):
    data = gias_csv([gias_row(), gias_row(name="Copy"), gias_row(urn=100001)])

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 3, column "URN": value "100001" – this URN is already on row 2 – each school may '
            "appear only once; remove the duplicate row."
        ),
        (
            'row 4, column "URN": value "100001" – this URN is already on row 2 – each school may '
            "appear only once; remove the duplicate row."
        ),
    ]
    assert School.objects.count() == 0


def test_import_schools_names_a_missing_required_column(tmp_path):
    header = [name for name in HEADER if name != "PercentageFSM"]
    data = gias_csv([gias_row()], header=header)

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 1: required column "PercentageFSM" is missing from the header row – export it '
            "from Get Information about Schools, or add the column with that exact name."
        )
    ]


@pytest.mark.parametrize("data", [b"", b"\r\n", "\ufeff".encode()])
def test_import_schools_rejects_an_empty_file(tmp_path, data):
    with pytest.raises(CommandError):
        run_import(tmp_path, data)

    result = schools_import_gias(data=data)
    assert [str(p) for p in result.errors] == [
        (
            "row 1: the file is empty – export the establishment fields from Get Information "
            "about Schools, with the header row, and try again."
        )
    ]


def test_import_schools_rejects_a_header_without_rows():
    result = schools_import_gias(data=gias_csv([]))

    assert [str(p) for p in result.errors] == [
        (
            "row 2: the file has a header row but no schools – export the establishments with "
            "their fields and try again."
        )
    ]


def test_import_schools_reads_windows_1252_as_gias_writes_it(tmp_path):
    data = gias_csv(
        [gias_row(name="St Mary’s Church of England Primary – Café")], encoding="cp1252"
    )
    assert "’".encode("cp1252") in data

    run_import(tmp_path, data)

    assert School.objects.get().name == "St Mary’s Church of England Primary – Café"


def test_import_schools_reads_utf8_with_a_byte_order_mark(tmp_path):
    data = "\ufeff".encode() + gias_csv([gias_row(name="École Élémentaire")])

    run_import(tmp_path, data)

    assert School.objects.get(urn=100001).name == "École Élémentaire"


def test_import_schools_counts_rows_outside_london_without_importing_them(tmp_path):
    data = gias_csv(
        [
            gias_row(),
            gias_row(urn=110001, la_code=330, la_name="Birmingham"),
            gias_row(urn=110002, la_code=926, la_name="Norfolk"),
        ]
    )

    out, _err = run_import(tmp_path, data)

    assert "  Skipped: 2 outside London, 0 with no comparable phase" in out.splitlines()
    assert list(School.objects.values_list("urn", flat=True)) == [100001]


def test_import_schools_still_checks_rows_outside_london(tmp_path):
    data = gias_csv([gias_row(), gias_row(urn=110001, la_code=330, la_name="Birmingham", fsm="x")])

    result = schools_import_gias(data=data)

    assert [(p.row, p.column, p.value) for p in result.errors] == [(3, "PercentageFSM", "x")]


def test_import_schools_rejects_a_code_that_contradicts_a_london_borough_name():
    data = gias_csv([gias_row(la_code=999, la_name="Camden")])

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 2, column "LA (code)": value "999" – Camden is a London borough with the DfE '
            "code 202, not 999 – correct the code or the name."
        )
    ]


def test_import_schools_rejects_a_trust_code_without_a_name():
    data = gias_csv([gias_row(trust_code="TR1", trust_name="")])

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 2, column "Trusts (name)": value "" – it is blank but "Trusts (code)" is filled '
            "in – give both the trust's code and its name, or leave both blank for a school "
            "outside a trust."
        )
    ]


def test_import_schools_rejects_one_trust_code_with_two_names():
    data = gias_csv(
        [
            gias_row(trust_code="TR1", trust_name="Alpha Trust"),
            gias_row(urn=100002, trust_code="TR1", trust_name="Alpha Trust Ltd"),
        ]
    )

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 3, column "Trusts (name)": value "Alpha Trust Ltd" – trust TR1 is called '
            '"Alpha Trust" on row 2 – use one name for each trust code.'
        )
    ]


def test_import_schools_reports_a_short_row():
    data = gias_csv([gias_row()]) + b"100002,Short School\r\n"

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            f"row 3: the row has 2 cells but the header has {len(HEADER)} – check for a missing "
            "comma or an unquoted line break in this row."
        )
    ]


def test_import_schools_dry_run_writes_nothing(tmp_path):
    out, _err = run_import(tmp_path, two_schools(), "--dry-run")

    assert out.splitlines()[0] == (
        "Checked edubasealldata.csv (dry run): nothing was written; the counts are what an "
        "import would do."
    )
    assert "  London schools: 2 created, 0 updated, 0 unchanged" in out.splitlines()
    assert School.objects.count() == 0
    assert Trust.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_import_schools_skips_rows_with_no_comparable_phase(tmp_path):
    data = gias_csv(
        [
            gias_row(),
            gias_row(urn=100002, type="Other independent school", phase="Not applicable"),
        ]
    )

    out, _err = run_import(tmp_path, data)

    assert "  Skipped: 0 outside London, 1 with no comparable phase" in out.splitlines()
    assert list(School.objects.values_list("urn", flat=True)) == [100001]


def test_import_schools_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*nope\.csv: No such file or directory\."):
        call_command("import_schools", str(tmp_path / "nope.csv"))


@pytest.mark.parametrize(
    ("establishment_type", "gias_phase", "expected"),
    [
        ("Community school", "Primary", "primary"),
        ("Academy converter", "Middle deemed primary", "primary"),
        ("Academy converter", "Middle deemed secondary", "secondary"),
        ("Free schools", "All-through", "all_through"),
        ("Academy 16-19 converter", "16 plus", "16_plus"),
        ("LA nursery school", "Nursery", "nursery"),
        ("Community special school", "Not applicable", "special"),
        ("Academy special converter", "Secondary", "special"),
        ("Non-maintained special school", "Not applicable", "special"),
        ("Pupil referral unit", "Not applicable", "alternative_provision"),
        ("Academy alternative provision converter", "Secondary", "alternative_provision"),
        ("Free schools alternative provision", "Not applicable", "alternative_provision"),
        ("LA nursery school", "Not applicable", "nursery"),
        ("Sixth form centres", "Not applicable", "16_plus"),
        ("Further education", "Not applicable", "16_plus"),
        ("Other independent school", "Not applicable", None),
        ("Secure units", "Not applicable", None),
    ],
)
def test_phase_for_maps_gias_type_and_phase(establishment_type, gias_phase, expected):
    assert phase_for(establishment_type, gias_phase) == expected


# "²" passes str.isdigit() but int() rejects it; "١٢" is 12 to int(). Only ASCII digits count.
def test_import_schools_rejects_non_ascii_digits_by_row_and_column():
    data = gias_csv(
        [
            gias_row(urn="²"),
            gias_row(urn="١٠٠٠٠٢", la_code="²⁰²", pupils="⁴²⁰", postcode="NW1 ²AB"),
        ]
    )

    result = schools_import_gias(data=data)

    assert [(p.row, p.column, p.value) for p in result.errors] == [
        (2, "URN", "²"),
        (3, "URN", "١٠٠٠٠٢"),
        (3, "LA (code)", "²⁰²"),
        (3, "Postcode", "NW1 ²AB"),
        (3, "NumberOfPupils", "⁴²⁰"),
    ]
    assert str(result.errors[0]) == (
        'row 2, column "URN": value "²" – a URN is the school\'s unique reference number, '
        "a positive whole number such as 100000; copy it from Get Information about Schools."
    )
    assert School.objects.count() == 0


QUOTE_ADVICE = (
    'check this row for a stray double quote, and write a double quote inside a cell as two ("").'
)


def test_import_schools_names_the_row_where_an_unclosed_quote_swallows_a_long_file(tmp_path):
    rows = [gias_row(), gias_row(urn=100002, name="BROKEN")]
    rows += [gias_row(urn=100003 + n) for n in range(1500)]
    data = gias_csv(rows).replace(b"BROKEN", b'"Broken Primary', 1)
    assert len(data) > 131_072  # past the csv module's field size limit

    result = schools_import_gias(data=data)

    assert len(result.errors) == 1
    problem = result.errors[0]
    assert (problem.row, problem.column) == (3, "EstablishmentName")
    assert str(problem) == (
        'row 3, column "EstablishmentName": value "Broken Primary,202,Camden,Community '
        'school,Primary,Open,N..." – a cell that starts on this row runs past 131,072 characters, '
        "usually because a double quote opens it and is never closed, so the rest of the file "
        f"ran into one cell; {QUOTE_ADVICE}"
    )
    with pytest.raises(CommandError):
        run_import(tmp_path, data)
    assert School.objects.count() == 0


def test_import_schools_rejects_an_unclosed_quote_that_would_swallow_the_last_rows():
    broken = gias_row(urn=100002)
    broken[IGNORED_COLUMN] = "BROKEN"
    data = gias_csv([gias_row(), broken, gias_row(urn=100003)]).replace(b"BROKEN", b'"Good', 1)

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            f'row 3, column "{IGNORED_COLUMN}": value "Good" – a double quote opens this cell '
            f"and is never closed, so the rest of the file ran into it; {QUOTE_ADVICE}"
        )
    ]
    assert School.objects.count() == 0


def test_import_schools_rejects_text_after_a_closing_quote():
    data = gias_csv([gias_row(), gias_row(urn=100002, name="BROKEN")]).replace(
        b"BROKEN", b'"Plane" Tree', 1
    )

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        f"row 3: a quoted cell on this row has text after its closing double quote; {QUOTE_ADVICE}"
    ]


def test_import_schools_rejects_an_unclosed_quote_in_the_header():
    data = b'URN,"EstablishmentName\r\n100001,Plane Tree\r\n'

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            "row 1: a double quote opens a cell on this row and is never closed, so the rest "
            f"of the file ran into it; {QUOTE_ADVICE}"
        )
    ]


def test_import_schools_reads_a_genuine_windows_1252_file_with_pound_and_accents():
    data = gias_csv(
        [
            gias_row(name="St Mary’s Église Primary"),
            gias_row(urn=100002, name="Café £1 Academy", trust_code="T1", trust_name="Ré Trust"),
        ],
        encoding="cp1252",
    )

    result = schools_import_gias(data=data)

    assert result.errors == []
    assert dict(School.objects.values_list("urn", "name")) == {
        100001: "St Mary’s Église Primary",
        100002: "Café £1 Academy",
    }
    assert Trust.objects.get().name == "Ré Trust"


UTF8_ADVICE = (
    "the rest of the file is UTF-8, so reading it another way would garble every accented "
    "letter – retype this cell, or save the file from your spreadsheet as \u201cCSV UTF-8\u201d, "
    "and try again."
)


def test_import_schools_rejects_one_bad_byte_in_a_utf8_file_naming_its_line():
    data = gias_csv(
        [gias_row(name="St Mary’s Primary"), gias_row(urn=100002, name="Holy Cross BAD")]
    ).replace(b"BAD", b"\x92", 1)

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 3, column "EstablishmentName": value "Holy Cross \ufffd" – byte 0x92 on line 3 '
            f"of the file is not valid UTF-8; {UTF8_ADVICE}"
        )
    ]
    assert School.objects.count() == 0


def test_import_schools_counts_rows_and_lines_apart_for_a_bad_byte():
    data = gias_csv(
        [
            gias_row(name="Two\nLines"),
            gias_row(urn=100002, name="É", postcode="BAD"),
        ]
    ).replace(b"BAD", b"NW1\xff", 1)

    result = schools_import_gias(data=data)

    assert [(p.row, p.column, p.value) for p in result.errors] == [(3, "Postcode", "NW1\ufffd")]
    assert "byte 0xFF on line 4 of the file" in result.errors[0].message


def test_import_schools_rejects_a_bad_byte_after_a_utf8_byte_order_mark():
    data = b"\xef\xbb\xbf" + gias_csv([gias_row(name="CafBAD Primary")]).replace(b"BAD", b"\xe9")

    result = schools_import_gias(data=data)

    assert [(p.row, p.column, p.value) for p in result.errors] == [
        (2, "EstablishmentName", "Caf\ufffd")
    ]


def test_import_schools_rejects_bytes_that_are_neither_utf8_nor_windows_1252():
    data = gias_csv([gias_row(name="Plane BAD")]).replace(b"BAD", b"\x81", 1)

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 2, column "EstablishmentName": value "Plane \ufffd" – byte 0x81 on line 2 of '
            "the file is neither UTF-8 nor Windows-1252 text – save the file from your "
            "spreadsheet as \u201cCSV UTF-8\u201d and try again."
        )
    ]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("Plane\x00Tree", "Plane\\x00Tree"), ("Plane\x1bTree", "Plane\\x1bTree")],
)
def test_import_schools_rejects_control_characters_in_a_cell(cell, shown):
    data = gias_csv([gias_row(), gias_row(urn=100002, name=cell)])

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            f'row 3, column "EstablishmentName": value "{shown}" – the cell holds a control '
            "character (shown here as \\x..), which spreadsheets hide – delete it and try again."
        )
    ]
    assert School.objects.count() == 0


def test_import_schools_rejects_control_characters_in_ignored_columns_and_c1_controls():
    ignored = gias_row(urn=100002)
    ignored[IGNORED_COLUMN] = "Go\x07od"
    data = gias_csv([gias_row(name="Plane\u0092s Primary"), ignored])

    result = schools_import_gias(data=data)

    assert [(p.row, p.column, p.value) for p in result.errors] == [
        (2, "EstablishmentName", "Plane\\x92s Primary"),
        (3, IGNORED_COLUMN, "Go\\x07od"),
    ]


def test_import_schools_accepts_tabs_and_line_breaks_in_a_cell():
    data = gias_csv([gias_row(trust_code="T1", trust_name="Two\r\nLine\tTrust")])

    result = schools_import_gias(data=data)

    assert result.errors == []
    assert Trust.objects.get().name == "Two\r\nLine\tTrust"


def test_import_schools_rejects_a_control_character_in_the_header():
    data = gias_csv([gias_row()], header=["URN\x00", *HEADER[1:]])

    result = schools_import_gias(data=data)

    assert [str(p) for p in result.errors] == [
        (
            'row 1: cell 1 ("URN\\x00") holds a control character (shown here as \\x..), which '
            "spreadsheets hide – delete it and try again."
        )
    ]
