"""Valid pupil files in the shapes schools' MIS and Excel produce are read correctly."""

from __future__ import annotations

from datetime import date

import polars as pl

from reconnect.spectrum.ingest import Notice

from .ingest_files import (
    ARBOR_HEADERS,
    SIMS_HEADERS,
    csv_bytes,
    problems,
    pupil_csv,
    pupils,
    read,
    table,
)


def test_ingest_sims_headers_read_every_column_typed():
    rows = pupils(
        2,
        upn=["B801200005001", ""],
        reg_group="7A",
        sex=["Male", "f"],
        date_of_birth=["02/03/2013", "2012-09-30"],
        sessions_auth_absent=["6", "0"],
        sessions_unauth_absent=["4", "0"],
        fsm_eligible=["Yes", ""],
        sen_provision=["SEN Support", "e"],
        year_group=["Year 7", "Y8"],
    )

    result = read(pupil_csv(rows, SIMS_HEADERS))

    assert problems(result) == []
    assert result.unmatched == []
    assert result.mapping == {name: SIMS_HEADERS[name] for name in rows[0]}
    assert result.rows == 2
    assert result.as_at_date == date(2026, 2, 13)
    assert result.frame is not None
    assert result.frame.to_dicts() == [
        {
            "pupil_ref": "A001",
            "year_group": "7",
            "fsm_eligible": True,
            "fsm_ever6": True,
            "looked_after": False,
            "sen_provision": "K",
            "sessions_possible": 310,
            "sessions_present": 300,
            "upn": "B801200005001",
            "reg_group": "7A",
            "sex": "M",
            "birth_month": date(2013, 3, 1),
            "sessions_auth_absent": 6,
            "sessions_unauth_absent": 4,
        },
        {
            "pupil_ref": "A002",
            "year_group": "8",
            "fsm_eligible": None,
            "fsm_ever6": True,
            "looked_after": False,
            "sen_provision": "E",
            "sessions_possible": 310,
            "sessions_present": 300,
            "upn": None,
            "reg_group": "7A",
            "sex": "F",
            "birth_month": date(2012, 9, 1),
            "sessions_auth_absent": 0,
            "sessions_unauth_absent": 0,
        },
    ]


def test_ingest_arbor_headers_semicolons_and_windows_1252():
    rows = pupils(1, young_carer="Primary", reg_group="7É")
    data = csv_bytes(table(rows, ARBOR_HEADERS), delimiter=";", encoding="windows-1252")

    result = read(data)

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("young_carer").to_list() == ["P"]
    assert result.frame.get_column("reg_group").to_list() == ["7É"]
    assert result.notices == [
        Notice(
            column="",
            message='This file was read as Windows-1252 (Excel\'s "CSV (Comma delimited)"). '
            'If any letters look wrong, save it from Excel as "CSV UTF-8 (Comma delimited)" '
            "and upload it again.",
        )
    ]


def test_ingest_frame_dtypes_are_the_contract_s():
    rows = pupils(
        1,
        upn="B801200005001",
        as_at_date="13/02/2026",
        reg_group="7A",
        sex="M",
        date_of_birth="02/03/2013",
        entry_date="01/09/2025",
        postcode="sw1a1aa",
        idaci_decile="3",
        attendance_pct="96.8",
        young_carer="N",
    )

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.schema == pl.Schema(
        {
            "pupil_ref": pl.String,
            "upn": pl.String,
            "as_at_date": pl.Date,
            "year_group": pl.String,
            "reg_group": pl.String,
            "sex": pl.String,
            "birth_month": pl.Date,
            "entry_date": pl.Date,
            "fsm_eligible": pl.Boolean,
            "fsm_ever6": pl.Boolean,
            "postcode": pl.String,
            "idaci_decile": pl.Int64,
            "looked_after": pl.Boolean,
            "young_carer": pl.String,
            "sen_provision": pl.String,
            "sessions_possible": pl.Int64,
            "sessions_present": pl.Int64,
            "attendance_pct": pl.Float64,
        }
    )
    assert result.frame.get_column("postcode").to_list() == ["SW1A 1AA"]
