"""Whatever bytes arrive, reading them never raises: it returns problems or a frame."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .ingest_files import VALID, csv_bytes, read

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _consistent(result) -> None:
    assert (result.frame is None) or (result.problem_count == 0 and not result.unmatched)
    assert len(result.problems) <= 500
    assert result.problem_count >= len(result.problems)
    if result.frame is None:
        assert result.problem_count > 0 or result.unmatched


@SETTINGS
@given(st.binary(max_size=2000))
def test_ingest_any_bytes_never_raise(data: bytes):
    _consistent(read(data))


@SETTINGS
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
            min_size=1,
            max_size=len(VALID) + 2,
        ),
        max_size=8,
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_ingest_any_table_under_a_valid_header_never_raises(cells: list[list[str]], sep: str):
    data = csv_bytes([list(VALID), *cells], delimiter=sep)

    _consistent(read(data))


@SETTINGS
@given(st.binary(max_size=400))
def test_ingest_any_bytes_after_a_valid_file_never_raise(tail: bytes):
    data = csv_bytes([list(VALID), list(VALID.values())]) + tail

    _consistent(read(data))
