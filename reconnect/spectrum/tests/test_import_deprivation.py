"""Postcode → IDACI decile: the lookup, filling a pupil frame, and ``manage.py load_idaci``."""

from io import StringIO

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from reconnect.spectrum.models import PostcodeDeprivation
from reconnect.spectrum.services.deprivation import idaci_deciles, idaci_fill, normalise_postcode
from reconnect.spectrum.tests.factories import PostcodeDeprivationFactory

NSPL = (
    "pcd,pcd2,pcds,dointr,doterm,lsoa21,rgn\r\n"
    "SE1 7PB,SE1  7PB,SE1 7PB,198001,,E01003968,E12000007\r\n"
    "N1  9GU,N1   9GU,N1 9GU,200012,,E01002700,E12000007\r\n"
    "EH1 1YZ,EH1  1YZ,EH1 1YZ,198001,,S01008677,S99999999\r\n"
    "E20 1EJ,E20  1EJ,E20 1EJ,201201,202003,E01033583,E12000007\r\n"
    "SW1A1AA,SW1A 1AA,SW1A 1AA,198001,,E01004736,E12000007\r\n"
)
IOD = (
    "LSOA code (2021),LSOA name (2021),"
    "Income Deprivation Affecting Children Index (IDACI) Score (rate),"
    "Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),"
    "Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived "
    "10% of LSOAs)\r\n"
    "E01003968,Southwark 001A,0.301,2101,1\r\n"
    "E01002700,Islington 012B,0.152,9811,4\r\n"
    "E01033583,Newham 035C,0.210,5001,2\r\n"
)


@pytest.fixture
def files(tmp_path):
    postcodes = tmp_path / "NSPL21_NOV_2025_UK.csv"
    iod = tmp_path / "File_3_IoD2025_Supplementary_Indices.csv"
    postcodes.write_text(NSPL, encoding="utf-8")
    iod.write_text(IOD, encoding="utf-8")
    return postcodes, iod


def _lookup() -> list[tuple[str, str, int | None]]:
    return list(
        PostcodeDeprivation.objects.order_by("postcode").values_list(
            "postcode", "lsoa21", "idaci_decile"
        )
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SE1 7PB", "SE1 7PB"),
        ("se17pb", "SE1 7PB"),
        (" sw1a  1aa ", "SW1A 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("N19GU", "N1 9GU"),
        ("SE1 7P", None),
        ("not a postcode", None),
        ("12345", None),
        ("", None),
    ],
)
def test_normalise_postcode(raw, expected):
    assert normalise_postcode(raw) == expected


def test_idaci_deciles_finds_known_postcodes_only(db):
    PostcodeDeprivationFactory(postcode="SE1 7PB", idaci_decile=1)
    PostcodeDeprivationFactory(postcode="N1 9GU", lsoa21="E01002700", idaci_decile=4)

    assert idaci_deciles(["se17pb", "N1 9GU", "ZZ9 9ZZ", "junk"]) == {"SE1 7PB": 1, "N1 9GU": 4}


def test_idaci_fill_uses_the_file_decile_first_then_the_postcode(db):
    PostcodeDeprivationFactory(postcode="SE1 7PB", idaci_decile=1)
    PostcodeDeprivationFactory(postcode="N1 9GU", lsoa21="E01002700", idaci_decile=4)
    frame = pl.DataFrame(
        {
            "pupil_ref": ["1", "2", "3", "4", "5"],
            "postcode": ["SE1 7PB", "N1 9GU", "ZZ9 9ZZ", None, "SE1 7PB"],
            "idaci_decile": [None, None, None, None, 7],
        },
        schema_overrides={"idaci_decile": pl.Int64},
    )

    fill = idaci_fill(frame)

    assert fill is not None
    assert fill.deciles.to_list() == [1, 4, None, None, 7]
    assert (fill.looked_up, fill.unknown, fill.lookup_loaded) == (2, 1, True)


def test_idaci_fill_without_a_postcode_column_does_nothing(db):
    assert idaci_fill(pl.DataFrame({"pupil_ref": ["1"]})) is None


def test_idaci_fill_says_when_the_lookup_is_not_loaded(db):
    frame = pl.DataFrame({"pupil_ref": ["1", "2"], "postcode": ["SE1 7PB", None]})

    fill = idaci_fill(frame)

    assert fill is not None
    assert fill.deciles.to_list() == [None, None]
    assert (fill.looked_up, fill.unknown, fill.lookup_loaded) == (0, 1, False)


def test_load_idaci_loads_english_postcodes_with_their_decile(db, files):
    out = StringIO()

    call_command("load_idaci", *map(str, files), stdout=out)

    assert _lookup() == [
        ("E20 1EJ", "E01033583", 2),
        ("N1 9GU", "E01002700", 4),
        ("SE1 7PB", "E01003968", 1),
        ("SW1A 1AA", "E01004736", None),
    ]
    assert out.getvalue() == (
        "Loaded the lookup.\n"
        "  4 English postcodes\n"
        "  1 rows skipped (outside England or not a postcode)\n"
        "  1 postcodes in an LSOA with no IDACI decile\n"
    )


def test_load_idaci_replaces_the_previous_lookup(db, files):
    PostcodeDeprivationFactory(postcode="ZZ9 9ZZ", idaci_decile=9)

    call_command("load_idaci", *map(str, files), stdout=StringIO())

    assert "ZZ9 9ZZ" not in [row[0] for row in _lookup()]
    assert len(_lookup()) == 4


def test_load_idaci_dry_run_writes_nothing(db, files):
    out = StringIO()

    call_command("load_idaci", *map(str, files), "--dry-run", stdout=out)

    assert _lookup() == []
    assert out.getvalue().startswith("Checked (dry run): nothing was written.\n  4 English")


def test_load_idaci_refuses_a_postcode_file_without_lsoas(db, files):
    postcodes, iod = files
    postcodes.write_text("pcds,oa21\r\nSE1 7PB,E00000001\r\n", encoding="utf-8")
    PostcodeDeprivationFactory(postcode="ZZ9 9ZZ", idaci_decile=9)

    with pytest.raises(CommandError) as raised:
        call_command("load_idaci", str(postcodes), str(iod), stdout=StringIO())

    assert str(raised.value) == (
        'The postcode file has no 2021 LSOA column: expected one headed "lsoa21" or '
        '"lsoa21cd" or "lsoa21code" or "lsoa". Nothing was loaded.'
    )
    assert _lookup() == [("ZZ9 9ZZ", "E01003968", 9)]


def test_load_idaci_refuses_a_decile_out_of_range(db, files):
    postcodes, iod = files
    iod.write_text(IOD.replace("Islington 012B,0.152,9811,4", "Islington 012B,0.152,9811,11"))

    with pytest.raises(CommandError) as raised:
        call_command("load_idaci", str(postcodes), str(iod), stdout=StringIO())

    assert str(raised.value) == (
        "The deprivation file has 1 LSOA(s) without a decile from 1 to 10. Nothing was loaded."
    )
    assert _lookup() == []


def test_load_idaci_refuses_a_file_with_two_decile_columns(db, files):
    postcodes, iod = files
    iod.write_text("lsoa21cd,IDACI decile,IDACI decile 2019\r\nE01003968,1,2\r\n")

    with pytest.raises(CommandError) as raised:
        call_command("load_idaci", str(postcodes), str(iod), stdout=StringIO())

    assert str(raised.value) == (
        'The deprivation file needs exactly one IDACI decile column (a header with "IDACI" '
        'and "decile"); it has 2. Nothing was loaded.'
    )


def test_load_idaci_names_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("load_idaci", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))

    assert str(raised.value) == f"Cannot read {tmp_path / 'a.csv'}: no such file."
