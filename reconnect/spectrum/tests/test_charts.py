"""The cohort charts' geometry: known layouts for known numbers."""

import pytest

from reconnect.spectrum import charts


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1.0), (-3, 1.0), (0.7, 1.0), (1, 1.0), (1.2, 2.0), (2.2, 2.5), (3, 5.0), (7.5, 10.0),
     (12, 20.0), (23, 25.0), (26, 50.0), (100, 100.0), (101, 200.0), (float("nan"), 1.0)],
)  # fmt: skip
def test_nice_ceiling_rounds_up_to_1_2_2_5_or_5(value, expected):
    assert charts.nice_ceiling(value) == expected


def test_bar_chart_scales_to_a_round_top_with_three_ticks():
    bars = [
        charts.Bar(label="Free school meals", value=20.0, text="20.0% (8)"),
        charts.Bar(label="EAL", value=5.0, text="5.0% (2)"),
    ]

    chart = charts.bar_chart(bars, chart_id="prevalence", title="T", description="D")

    # Top 20 → scale 0–20%; plot from x=8 over 512 units.
    assert [row.width for row in chart.rows] == ["512.0", "128.0"]
    assert [(row.label_y, row.bar_y) for row in chart.rows] == [(22, 28), (62, 68)]
    assert [(t.x, t.label, t.anchor) for t in chart.ticks] == [
        ("8.0", "0%", "start"),
        ("264.0", "10%", "middle"),
        ("520.0", "20%", "end"),
    ]
    assert (chart.grid_bottom, chart.height, chart.axis_y) == (88, 116, 106)
    assert chart.rows[0].text == "20.0% (8)"


def test_bar_chart_of_nothing_still_draws_a_scale():
    chart = charts.bar_chart([], chart_id="x", title="T", description="D")

    assert chart.rows == []
    assert [t.label for t in chart.ticks] == ["0%", "0.5%", "1%"]


def test_stacked_chart_splits_each_row_by_share_and_hides_text_in_narrow_segments():
    chart = charts.stacked_chart(
        [("Year 7", [30, 10, 8, 2]), ("Year 8", [0, 0, 0, 0])],
        ["0", "1", "2–5", "6+"],
        chart_id="bands",
        title="T",
        description="D",
    )

    first = chart.rows[0]
    # 460 units for 50 pupils: 276, 92, 73.6, 18.4.
    assert [(s.x, s.width, s.text) for s in first.segments] == [
        ("112.0", "276.0", "60%"),
        ("388.0", "92.0", "20%"),
        ("480.0", "73.6", "16%"),
        ("553.6", "18.4", ""),
    ]
    assert first.total == "50"
    assert [s.width for s in chart.rows[1].segments] == ["0.0", "0.0", "0.0", "0.0"]
    assert [item.label for item in chart.legend] == ["0", "1", "2–5", "6+"]


@pytest.mark.parametrize(
    ("value", "maximum", "level"),
    [(0, 10, 0), (1, 10, 1), (2, 10, 1), (2.1, 10, 2), (10, 10, 5), (5, 0, 0), (11, 10, 5)],
)
def test_heat_level_runs_from_0_to_5_in_equal_steps(value, maximum, level):
    assert charts.heat_level(value, maximum) == level


def test_upset_chart_draws_only_factors_in_some_combination_in_catalogue_order():
    labels = {"fsm": "FSM", "sen": "SEN support", "eal": "EAL", "pa": "Persistent absence"}
    combos = [(("fsm", "pa"), 10, "10 (25.0%)"), (("sen",), 5, "5 (12.5%)")]

    chart = charts.upset_chart(combos, labels, chart_id="u", title="T", description="D")

    assert [c.label for c in chart.columns] == ["FSM", "SEN support", "Persistent absence"]
    assert [c.x for c in chart.columns] == ["29.0", "55.0", "81.0"]
    assert [[d.filled for d in row.dots] for row in chart.rows] == [
        [True, False, True],
        [False, True, False],
    ]
    assert chart.rows[0].line == ("29.0", "81.0")
    assert chart.rows[1].line is None
    assert [row.bar_width for row in chart.rows] == ["220.0", "110.0"]
    assert chart.bar_left == 110


def test_gap_chart_is_symmetric_about_zero_and_leaves_small_groups_undrawn():
    gaps = [
        charts.Gap("FSM", -3.1, -4.6, -1.6, "−3.1 (−4.6 to −1.6)"),
        charts.Gap("Young carer", None, None, None, "Too few pupils to compare (7)"),
        charts.Gap("EAL", 1.0, -0.5, 2.5, "+1.0 (−0.5 to +2.5)"),
    ]

    chart = charts.gap_chart(gaps, chart_id="g", title="T", description="D", unit=" pts")

    # Widest reach 4.6 → scale ±5; plot 16–460, zero at 238, 44.4 units a point.
    assert chart.zero == "238.0"
    assert (chart.rows[0].dot, chart.rows[0].lower, chart.rows[0].upper) == (
        "100.4",
        "33.8",
        "167.0",
    )
    assert (chart.rows[1].dot, chart.rows[1].lower) == (None, None)
    assert chart.rows[1].text == "Too few pupils to compare (7)"
    assert [t.label for t in chart.ticks] == ["−5 pts", "−2.5 pts", "0 pts", "+2.5 pts", "+5 pts"]
    assert [t.anchor for t in chart.ticks] == ["start", "middle", "middle", "middle", "end"]


def test_gap_chart_with_no_comparable_group_still_has_a_scale():
    chart = charts.gap_chart(
        [charts.Gap("A", None, None, None, "Too few")], chart_id="g", title="T", description="D"
    )

    assert [t.label for t in chart.ticks] == ["−1", "−0.5", "0", "+0.5", "+1"]
    assert chart.rows[0].dot is None
