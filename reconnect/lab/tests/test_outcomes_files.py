"""Outcome files: every malformed file rejected whole with its exact problem and nothing
written; valid files (CSV variants and XLSX) imported with exact records; re-uploads."""

import codecs
import hashlib
import io

import pytest
import xlsxwriter

from reconnect.core.models import AuditEvent
from reconnect.lab.models import (
    Design,
    MeasureKind,
    OutcomeImport,
    OutcomeImportStatus,
    OutcomeRecord,
)
from reconnect.lab.services.outcomes import outcome_file_upload
from reconnect.lab.tests.factories import OutcomeMeasureFactory, PilotFactory
from reconnect.spectrum.services.pseudonyms import data_settings_ensure, upn_hash

GOOD = "pupil,group,pre,post\nA100,intervention,40,52\nA101,comparison,41,45\n"

FILE_EMPTY = "a file with a header row and one row per pupil: this file is empty"
NO_ROWS = "one row per pupil under the header row: this file has no pupil rows"
NOT_SPREADSHEET = (
    'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" or as an '
    "Excel workbook (.xlsx): this file is not a spreadsheet"
)
ONE_COLUMN = (
    "columns separated by commas, semicolons or tabs: Reconnect found only one column. "
    "Save the file as CSV from Excel, or as an Excel workbook"
)
IN_RANGE = "a number from 0 to 100, the measure's range"


@pytest.fixture
def pilot(school_a):
    return PilotFactory.create(school=school_a, title="Reading catch-up", design=Design.MATCHED)


@pytest.fixture
def measure(pilot):
    return OutcomeMeasureFactory.create(
        pilot=pilot, name="Reading score", kind=MeasureKind.ATTAINMENT, lowest=0, highest=100
    )


def _upload(measure, data, user=None, filename="outcomes.csv"):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return outcome_file_upload(
        pilot=measure.pilot, measure=measure, user=user, data=data, filename=filename
    )


def _xlsx(rows, sheets=1):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Outcomes")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    for extra in range(1, sheets):
        workbook.add_worksheet(f"Other {extra}").write(0, 0, "notes")
    workbook.close()
    return buffer.getvalue()


def _problem(row, column, value, expected):
    return {"row": row, "column": column, "value": value, "expected": expected}


REJECTED = [
    pytest.param(b"", [_problem(None, "", "", FILE_EMPTY)], id="empty-file"),
    pytest.param("pupil,group,pre,post\n", [_problem(None, "", "", NO_ROWS)], id="only-headers"),
    pytest.param(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", [_problem(None, "", "", NOT_SPREADSHEET)], id="pdf"
    ),
    pytest.param(
        b"\x00\x01\x02binary\x00 rubbish\xff\xfe\x00",
        [
            _problem(
                1,
                "",
                "",
                'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" '
                "or as an Excel workbook (.xlsx): this file holds binary data (a NUL byte)",
            )
        ],
        id="binary-renamed-csv",
    ),
    pytest.param(
        "pupil|group|pre|post\nA1|intervention|1|2\n",
        [_problem(1, "", "pupil|group|pre|post", ONE_COLUMN)],
        id="wrong-delimiter",
    ),
    pytest.param(
        codecs.BOM_UTF32_LE + "pupil,group,post\nA1,I,2\n".encode("utf-32-le"),
        [
            _problem(
                None,
                "",
                "",
                'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" '
                "or as an Excel workbook (.xlsx): this file is in UTF-32, which Reconnect "
                "does not read",
            )
        ],
        id="wrong-encoding-utf32",
    ),
    pytest.param(
        "pupil,group,post\nÉlodie1,I,2\n".encode() + "Zoë2,C,3\n".encode("windows-1252"),
        [
            _problem(
                3,
                "",
                "",
                'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" '
                "or as an Excel workbook (.xlsx): this file mixes text encodings, and this row "
                "holds bytes that are not UTF-8",
            )
        ],
        id="mixed-encoding",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,intervention,40,50\nA1,comparison,41,45\n",
        [
            _problem(
                3,
                "pupil",
                "…",
                "each pupil once: this pupil is also in row 2. Delete one of the rows",
            )
        ],
        id="duplicate-pupil",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1000,intervention,40,50\na1000 ,comparison,41,45\n",
        [
            _problem(
                3,
                "pupil",
                "a10…(5 characters)",
                "each pupil once: this pupil is also in row 2. Delete one of the rows",
            )
        ],
        id="duplicate-pupil-other-case",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,placebo,40,50\n",
        [
            _problem(
                2,
                "group",
                "placebo",
                "intervention or comparison (or I, C, treatment, control, 1, 0)",
            )
        ],
        id="unknown-group",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,I,40,101\n",
        [_problem(2, "post", "101", IN_RANGE)],
        id="out-of-range",
    ),
    pytest.param(
        "pupil;group;pre;post\nA1;I;40;52,5\n",
        [_problem(2, "post", "52,5", "a number with a decimal point, not a comma: write 52.5")],
        id="decimal-comma",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,I,40,=AVERAGE(B2:B9)\n",
        [
            _problem(
                2,
                "post",
                "=AVERAGE(B2:B9)",
                "a value, not a formula: paste the values only (Paste Special)",
            )
        ],
        id="formula-cell",
    ),
    pytest.param(
        "pupil,group,pre,post\n@SUM(1),I,40,50\n",
        [
            _problem(
                2,
                "pupil",
                "@SU…(7 characters)",
                "a value, not a formula: paste the values only (Paste Special)",
            )
        ],
        id="formula-in-pupil",
    ),
    pytest.param(
        "name,group,pre,post\nAda,I,40,50\n",
        [
            _problem(
                1,
                "pupil",
                "",
                "a column headed pupil, holding each pupil's reference or UPN (it is scrambled "
                "before it is stored)",
            )
        ],
        id="missing-pupil-column",
    ),
    pytest.param(
        "pupil,group,pre\nA1,I,40\n",
        [
            _problem(
                1,
                "post",
                "",
                "a column headed post with each pupil's score after the pilot (leave a cell "
                "blank for a pupil who left)",
            )
        ],
        id="missing-post-column",
    ),
    pytest.param(
        "pupil,pre,post\nA1,40,50\n",
        [
            _problem(
                1,
                "group",
                "",
                "a column headed group saying intervention or comparison for each pupil",
            )
        ],
        id="missing-group-column",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,I,14/03/2026,50\n",
        [_problem(2, "pre", "14/03/2026", "a number from 0 to 100, not a date: check the column")],
        id="date-for-number",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,I,forty,50\n",
        [_problem(2, "pre", "forty", "a number from 0 to 100, or a blank cell if it is missing")],
        id="text-for-number",
    ),
    pytest.param(
        "pupil,group,pre,post\nA1,I,40,50,extra\n",
        [
            _problem(
                2,
                "",
                "5 values",
                "4 values, one under each column header: look for a missing or extra comma in "
                "this row",
            )
        ],
        id="ragged-row",
    ),
    pytest.param(
        "pupil,group,pre,post\n,I,40,50\n",
        [_problem(2, "pupil", "", "the pupil's reference or UPN: this cell is blank")],
        id="blank-pupil",
    ),
    pytest.param(
        "Pupil,Post,Post score,Group\nA1,50,51,I\n",
        [
            _problem(
                1,
                "Post score",
                "Post, Post score",
                "one post column: this file has 2 (Post, Post score). Delete or rename the "
                "extra one",
            )
        ],
        id="two-post-columns",
    ),
    pytest.param(
        _xlsx([["pupil", "group", "pre", "post"], ["A1", "I", 40, 50]], sheets=2),
        [
            _problem(
                None,
                "",
                "",
                "a workbook with the outcomes on its only sheet: this one has 2 sheets. Delete "
                "the other sheets, or save the outcome sheet as CSV",
            )
        ],
        id="xlsx-two-sheets",
    ),
    pytest.param(
        b"PK\x03\x04 not really a workbook",
        [
            _problem(
                None,
                "",
                "",
                'a pupil file saved from Excel or your MIS as "CSV UTF-8 (Comma delimited)" or '
                "as an Excel workbook (.xlsx): this workbook could not be opened (is it damaged "
                "or protected with a password?)",
            )
        ],
        id="damaged-xlsx",
    ),
]


@pytest.mark.parametrize(("data", "problems"), REJECTED)
def test_malformed_file_is_rejected_whole_with_its_problems(measure, data, problems):
    upload = _upload(measure, data)

    assert upload.status == OutcomeImportStatus.REJECTED
    assert upload.problems == problems
    assert upload.problem_count == len(problems)
    assert OutcomeRecord.objects.count() == 0


def test_rejected_file_leaves_the_records_held_before(measure):
    _upload(measure, GOOD)
    before = list(OutcomeRecord.objects.values_list("pupil_hash", "group", "pre", "post"))

    upload = _upload(measure, "pupil,group,pre,post\nA9,I,40,150\n")

    assert upload.status == OutcomeImportStatus.REJECTED
    assert list(OutcomeRecord.objects.values_list("pupil_hash", "group", "pre", "post")) == before


def test_negative_attendance_is_refused(pilot):
    attendance = OutcomeMeasureFactory.create(
        pilot=pilot, kind=MeasureKind.ATTENDANCE, name="Attendance", lowest=0, highest=100
    )

    upload = _upload(attendance, "pupil,group,pre,post\nA1,I,90,-5\n")

    assert upload.problems == [_problem(2, "post", "-5", IN_RANGE)]


def test_attendance_needs_every_pre_score(pilot):
    attendance = OutcomeMeasureFactory.create(
        pilot=pilot, kind=MeasureKind.ATTENDANCE, name="Attendance", lowest=0, highest=100
    )

    missing_column = _upload(attendance, "pupil,group,post\nA1,I,90\n")
    blank_cell = _upload(attendance, "pupil,group,pre,post\nA1,I,,90\n")

    assert missing_column.problems == [
        _problem(
            1,
            "pre",
            "",
            "a column headed pre with each pupil's score before the pilot: this measure is "
            "compared before and after",
        )
    ]
    assert blank_cell.problems == [
        _problem(2, "pre", "", "a number from 0 to 100: the score before the pilot")
    ]
    assert OutcomeRecord.objects.count() == 0


def test_single_group_pilot_refuses_comparison_rows_and_needs_pre(school_a):
    pilot = PilotFactory.create(school=school_a, design=Design.SINGLE_GROUP)
    measure = OutcomeMeasureFactory.create(pilot=pilot, lowest=0, highest=100)

    comparison = _upload(measure, "pupil,group,pre,post\nA1,I,40,50\nA2,control,41,51\n")
    no_pre = _upload(measure, "pupil,post\nA1,50\n")

    assert comparison.problems == [
        _problem(
            3,
            "group",
            "control",
            "intervention: this pilot has one group, before and after, so it has no comparison "
            "pupils. Delete the row or change the pilot's design",
        )
    ]
    assert no_pre.problems == [
        _problem(
            1,
            "pre",
            "",
            "a column headed pre with each pupil's score before the pilot: this pilot compares "
            "each pupil before and after",
        )
    ]
    assert OutcomeRecord.objects.count() == 0


def test_single_group_pilot_may_leave_the_group_column_out(school_a):
    pilot = PilotFactory.create(school=school_a, design=Design.SINGLE_GROUP)
    measure = OutcomeMeasureFactory.create(pilot=pilot, lowest=0, highest=100)

    upload = _upload(measure, "pupil,pre,post\nA1,40,50\n")

    assert upload.status == OutcomeImportStatus.IMPORTED
    assert list(OutcomeRecord.objects.values_list("group", "pre", "post")) == [
        ("intervention", 40.0, 50.0)
    ]


def test_over_20000_rows_is_refused(measure):
    rows = "".join(f"P{n},I,40,50\n" for n in range(20_001))

    upload = _upload(measure, "pupil,group,pre,post\n" + rows)

    assert upload.problems == [
        _problem(None, "", "", "at most 20,000 pupils in one file: this one has 20,001 rows")
    ]
    assert OutcomeRecord.objects.count() == 0


def test_over_5_mb_is_refused_without_being_read(measure):
    data = ("pupil,group,pre,post\n" + "A1,I,40,50" + " " * (5 * 1024 * 1024)).encode()

    upload = _upload(measure, data)

    assert upload.status == OutcomeImportStatus.REJECTED
    assert upload.file_sha256 == ""
    assert upload.problems == [
        _problem(
            None,
            "",
            "",
            "a file of at most 5 MB (this one is 5.0 MB): keep only the pupil, group, pre and "
            "post columns",
        )
    ]
    assert OutcomeRecord.objects.count() == 0


def test_many_problems_are_listed_in_file_order(measure):
    upload = _upload(measure, "pupil,group,pre,post\nA1,x,40,=1+1\nA2,I,1e5,50\nA1,I,40,50\n")

    assert [(p["row"], p["column"]) for p in upload.problems] == [
        (2, "group"),
        (2, "post"),
        (3, "pre"),
        (4, "pupil"),
    ]
    assert upload.problem_count == 4


def _held(measure):
    return sorted(
        OutcomeRecord.objects.filter(measure=measure).values_list(
            "pupil_hash", "group", "pre", "post"
        )
    )


def _hashes(school, *pupils):
    key = data_settings_ensure(school)
    return [upn_hash(key, pupil) for pupil in pupils]


VALID = [
    pytest.param(GOOD.encode(), id="utf8"),
    pytest.param(codecs.BOM_UTF8 + GOOD.encode(), id="utf8-bom"),
    pytest.param(GOOD.encode("utf-16"), id="utf16"),
    pytest.param(GOOD.replace(",", ";").encode("windows-1252"), id="semicolon-1252"),
    pytest.param(GOOD.replace(",", "\t").replace("\n", "\r\n").encode(), id="tab-crlf"),
    pytest.param(
        b"Pupil Ref,Group,Pre-score,Post score\nA100,I,40,52\nA101,C,41,45\n",
        id="aliases",
    ),
    pytest.param(
        b"UPN,Arm,Baseline,Outcome\nA100,treatment,40,52\nA101,control,41,45\n",
        id="more-aliases",
    ),
    pytest.param(
        b"pupil,group,pre,post\n A100 ,1,40.0,52\n\nA101,0,41,45.00\n",
        id="padding-and-blank-line",
    ),
    pytest.param(
        _xlsx([["pupil", "group", "pre", "post"], ["A100", "I", 40, 52], ["A101", "C", 41, 45]]),
        id="xlsx",
    ),
]


@pytest.mark.parametrize("data", VALID)
def test_valid_file_is_imported_with_exact_records(measure, school_a, head_at_school_a, data):
    upload = _upload(measure, data, user=head_at_school_a)

    assert (upload.status, upload.rows, upload.problems) == (OutcomeImportStatus.IMPORTED, 2, [])
    first, second = _hashes(school_a, "A100", "A101")
    assert _held(measure) == sorted(
        [(first, "intervention", 40.0, 52.0), (second, "comparison", 41.0, 45.0)]
    )


def test_pupil_references_are_never_stored_in_the_clear(measure, school_a):
    upload = _upload(measure, "pupil,group,pre,post\nK801200001001,I,40,52\n")

    record = OutcomeRecord.objects.get()
    assert record.pupil_hash == _hashes(school_a, "K801200001001")[0]
    assert len(record.pupil_hash) == 64
    assert "K801200001001" not in str(upload.problems) + upload.original_filename
    event = AuditEvent.objects.get(action="lab.outcomes.uploaded")
    assert "K801200001001" not in str(event.detail)


def test_blank_post_counts_towards_attrition_and_pre_is_optional(measure):
    upload = _upload(measure, "pupil,group,pre,post\nA1,I,40,\nA2,C,,45\n")

    assert upload.status == OutcomeImportStatus.IMPORTED
    assert sorted(OutcomeRecord.objects.values_list("group", "pre", "post")) == [
        ("comparison", None, 45.0),
        ("intervention", 40.0, None),
    ]


def test_same_file_again_changes_nothing_and_says_so(measure, head_at_school_a):
    first = _upload(measure, GOOD, user=head_at_school_a)
    ids = set(OutcomeRecord.objects.values_list("pk", flat=True))

    again = _upload(measure, GOOD, user=head_at_school_a)

    assert again.status == OutcomeImportStatus.UNCHANGED
    assert again.rows == 2
    assert again.file_sha256 == first.file_sha256 == hashlib.sha256(GOOD.encode()).hexdigest()
    assert set(OutcomeRecord.objects.values_list("pk", flat=True)) == ids
    assert list(
        AuditEvent.objects.filter(action="lab.outcomes.uploaded")
        .order_by("pk")
        .values_list("detail", flat=True)
    ) == [
        {"measure": measure.pk, "status": "imported", "rows": 2, "problem_count": 0},
        {"measure": measure.pk, "status": "unchanged", "rows": 2, "problem_count": 0},
    ]


def test_new_file_replaces_the_measure_records_only(measure, pilot, school_a):
    other = OutcomeMeasureFactory.create(pilot=pilot, name="Spelling", lowest=0, highest=100)
    _upload(other, GOOD)
    _upload(measure, GOOD)

    _upload(measure, "pupil,group,pre,post\nB7,C,30,33\n")

    assert _held(measure) == [(_hashes(school_a, "B7")[0], "comparison", 30.0, 33.0)]
    assert OutcomeRecord.objects.filter(measure=other).count() == 2


def test_an_earlier_file_uploaded_after_another_is_imported_again(measure):
    _upload(measure, GOOD)
    _upload(measure, "pupil,group,pre,post\nB7,C,30,33\n")

    back = _upload(measure, GOOD)

    assert back.status == OutcomeImportStatus.IMPORTED
    assert OutcomeRecord.objects.count() == 2


def test_every_upload_is_recorded(measure):
    _upload(measure, GOOD)
    _upload(measure, GOOD)
    _upload(measure, b"")

    assert list(OutcomeImport.objects.order_by("pk").values_list("status", flat=True)) == [
        "imported",
        "unchanged",
        "rejected",
    ]
