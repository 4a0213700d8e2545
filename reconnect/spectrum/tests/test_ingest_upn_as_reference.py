"""A UPN given as the pupil reference refuses the whole file.

``pupil_ref`` is kept as written, so a school that exports (or maps by hand) its UPN column
as the reference would store in clear the one identifier Reconnect keeps only as a keyed
hash. A reference of the same shape whose check letter does not add up is not a UPN and is
accepted: admission numbers of 13 characters exist.
"""

from __future__ import annotations

import polars as pl
import pytest

from reconnect.spectrum.ingest.cells import is_upn, looks_like_upn

from .ingest_files import SIMS_HEADERS, problems, pupil_csv, pupils, read

REF_IS_UPN = (
    "the school's own reference, not the pupil's UPN: a UPN here would be kept as written, "
    "so export your MIS's internal pupil ID or admission number in this column instead "
    "(the UPN belongs in the UPN column, which Reconnect replaces with a keyed hash)"
)
REF_BLANK = "a pupil reference on every row: the admission number or MIS ID"
# B801200005001: 8·2 + 1·4 + 2·5 + 5·10 + 1·13 = 93, and 93 mod 23 = 1, the letter B.
UPN = "B801200005001"
# A temporary UPN ends in a letter, counted by its place in the alphabet (A = 0).
TEMPORARY_UPN = "Z20120000500A"
# The same shape with a check letter that does not add up: not a UPN.
NEAR_MISS = "A801200005001"


def test_a_valid_upn_as_pupil_reference_refuses_the_file_naming_row_and_column_masked() -> None:
    rows = pupils(4)
    rows[1]["pupil_ref"] = UPN
    rows[3]["pupil_ref"] = UPN.lower()

    result = read(pupil_csv(rows, SIMS_HEADERS))

    assert problems(result) == [
        (3, "Adno", "B80…(13 characters)", REF_IS_UPN),
        (5, "Adno", "b80…(13 characters)", REF_IS_UPN),
    ]
    assert result.problem_count == 2
    assert result.frame is None
    assert UPN not in repr(result)
    assert UPN.lower() not in repr(result)


def test_a_temporary_upn_as_pupil_reference_is_refused_too() -> None:
    rows = pupils(2, pupil_ref=["A001", TEMPORARY_UPN])

    result = read(pupil_csv(rows))

    assert problems(result) == [(3, "pupil_ref", "Z20…(13 characters)", REF_IS_UPN)]
    assert result.frame is None


def test_a_near_miss_of_the_same_shape_is_an_admission_number_and_is_read() -> None:
    rows = pupils(3, pupil_ref=[NEAR_MISS, "ADM2019000123", "A00000000001"])

    result = read(pupil_csv(rows))

    assert problems(result) == []
    assert result.frame is not None
    assert result.frame.get_column("pupil_ref").to_list() == [
        NEAR_MISS,
        "ADM2019000123",
        "A00000000001",
    ]


def test_the_upn_column_mapped_by_hand_to_the_reference_is_refused() -> None:
    rows = pupils(1, pupil_ref=UPN)

    result = read(
        pupil_csv(rows, {"pupil_ref": "Pupil Number"}), hand_mapping={"pupilnumber": "pupil_ref"}
    )

    assert problems(result) == [(2, "Pupil Number", "B80…(13 characters)", REF_IS_UPN)]
    assert result.frame is None


def test_a_upn_reference_is_reported_when_other_references_are_unreadable() -> None:
    """A blank reference sends the column to the careful reading: the UPN is still found,
    and each cell gets one instruction."""
    rows = pupils(3, pupil_ref=["", UPN, "A003"])

    result = read(pupil_csv(rows))

    assert problems(result) == [
        (2, "pupil_ref", "", REF_BLANK),
        (3, "pupil_ref", "B80…(13 characters)", REF_IS_UPN),
    ]
    assert result.frame is None


def test_a_upn_reference_on_two_rows_is_masked_in_the_duplicate_problem_too() -> None:
    rows = pupils(2, pupil_ref=[UPN, UPN])

    result = read(pupil_csv(rows))

    assert result.problem_count == 4
    assert {value for _, _, value, _ in problems(result)} == {"B80…(13 characters)"}
    assert UPN not in repr(result)


@pytest.mark.parametrize(
    ("text", "upn"),
    [
        (UPN, True),
        (UPN.lower(), True),
        (TEMPORARY_UPN, True),
        (NEAR_MISS, False),
        ("I801200005001", False),  # I, O and S are never UPN letters
        ("B80120000500", False),  # 12 characters
        ("B8012000050011", False),  # 14
        ("B80120000500O", False),
        ("A001", False),
    ],
)
def test_the_expression_and_the_python_check_agree(text: str, upn: bool) -> None:
    assert is_upn(text) is upn
    frame = pl.DataFrame({"ref": [text]})
    assert frame.select(looks_like_upn(pl.col("ref"))).item() is upn
