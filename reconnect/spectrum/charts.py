"""The cohort pages' charts as geometry: plain numbers in, SVG coordinates out.

Templates draw what these functions lay out (``spectrum/cohort_chart_*.html``); every chart
has a title, a description and, on the page, a table holding the same figures, so nothing
is only in the picture. Marks differ by shape and by a monotonic shade, never by hue
alone, so a chart survives a grey printer. Pure Python: no Django, no database.

Coordinates are strings with one decimal, as the SVG wants them; widths are in the units
of the chart's ``viewBox`` and the browser scales the whole drawing to the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
MARGIN = 8


def _f(value: float) -> str:
    return f"{value:.1f}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (1 for nothing at all)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        candidate = step * 10**exponent
        if candidate >= value - 1e-9:
            return candidate
    return 10.0 ** (exponent + 1)  # pragma: no cover - the loop always returns


def _number(value: float) -> str:
    """A tick label: no decimals for whole numbers, one otherwise."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True)
class Tick:
    x: str
    label: str
    anchor: str


# --- Horizontal bars (prevalence) -----------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # on the chart's scale (a percentage)
    text: str  # what the end of the row says, e.g. "12.5% (31)"


@dataclass(frozen=True)
class BarRow:
    label: str
    text: str
    label_y: int
    bar_y: int
    width: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    plot_left: int
    plot_width: int
    rows: list[BarRow]
    ticks: list[Tick]
    grid_top: int
    grid_bottom: int
    axis_y: int


BAR_ROW = 40
BAR_TOP = 8
BAR_AXIS = 28
BAR_PLOT_RIGHT = 520  # the value's text sits right of the plot


def bar_chart(
    bars: Sequence[Bar], *, chart_id: str, title: str, description: str, unit: str = "%"
) -> BarChart:
    """One labelled horizontal bar per item, on a scale from 0 to a round number just above
    the largest value, with ticks at 0, half and the top."""
    top_value = nice_ceiling(max((bar.value for bar in bars), default=0.0))
    plot_width = BAR_PLOT_RIGHT - MARGIN
    rows = []
    for index, bar in enumerate(bars):
        top = BAR_TOP + index * BAR_ROW
        share = min(1.0, max(0.0, bar.value / top_value))
        rows.append(
            BarRow(
                label=bar.label,
                text=bar.text,
                label_y=top + 14,
                bar_y=top + 20,
                width=_f(share * plot_width),
            )
        )
    grid_bottom = BAR_TOP + len(bars) * BAR_ROW
    ticks = [
        Tick(
            x=_f(MARGIN + fraction * plot_width),
            label=f"{_number(fraction * top_value)}{unit}",
            anchor={0.0: "start", 1.0: "end"}.get(fraction, "middle"),
        )
        for fraction in (0.0, 0.5, 1.0)
    ]
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=grid_bottom + BAR_AXIS,
        plot_left=MARGIN,
        plot_width=plot_width,
        rows=rows,
        ticks=ticks,
        grid_top=BAR_TOP,
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + 18,
    )


# --- Stacked bars (distribution of factor counts) -------------------------------------------


@dataclass(frozen=True)
class Segment:
    index: int  # which band: its shade, from light to dark
    x: str
    width: str
    text: str  # the share, drawn inside when there is room, else ""
    text_x: str


@dataclass(frozen=True)
class StackedRow:
    label: str
    total: str
    y: int
    label_y: int
    segments: list[Segment]


@dataclass(frozen=True)
class LegendItem:
    index: int
    label: str
    x: int
    text_x: int


@dataclass(frozen=True)
class StackedChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    rows: list[StackedRow]
    legend: list[LegendItem]
    plot_left: int
    plot_width: int


STACK_LEFT = 112
STACK_RIGHT = 572
STACK_TOP = 36  # below the legend
STACK_ROW = 34
STACK_MIN_TEXT = 34  # narrower segments carry no text: the table has the figure


def stacked_chart(
    rows: Sequence[tuple[str, Sequence[int]]],
    segments: Sequence[str],
    *,
    chart_id: str,
    title: str,
    description: str,
) -> StackedChart:
    """Each row a bar of 100% split into ``segments`` (counts in, shares drawn), its total
    at the right. A row with no pupils is drawn empty."""
    plot_width = STACK_RIGHT - STACK_LEFT
    drawn = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts)
        y = STACK_TOP + index * STACK_ROW
        x = float(STACK_LEFT)
        parts = []
        for band, count in enumerate(counts):
            width = plot_width * count / total if total else 0.0
            share = round(100 * count / total) if total else 0
            parts.append(
                Segment(
                    index=band,
                    x=_f(x),
                    width=_f(width),
                    text=f"{share}%" if width >= STACK_MIN_TEXT else "",
                    text_x=_f(x + width / 2),
                )
            )
            x += width
        drawn.append(StackedRow(label=label, total=str(total), y=y, label_y=y + 15, segments=parts))
    legend = [
        LegendItem(index=i, label=label, x=STACK_LEFT + i * 110, text_x=STACK_LEFT + i * 110 + 20)
        for i, label in enumerate(segments)
    ]
    return StackedChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=STACK_TOP + len(rows) * STACK_ROW + 4,
        rows=drawn,
        legend=legend,
        plot_left=STACK_LEFT,
        plot_width=plot_width,
    )


# --- Heat table (co-occurrence) -------------------------------------------------------------

HEAT_LEVELS = 5


def heat_level(value: float, maximum: float) -> int:
    """A cell's shade from 0 (none) to HEAT_LEVELS (the largest), in equal steps."""
    if value <= 0 or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * value / maximum)))


# --- UpSet-style combinations ---------------------------------------------------------------


@dataclass(frozen=True)
class UpsetDot:
    x: str
    filled: bool


@dataclass(frozen=True)
class UpsetRow:
    y: int
    dots: list[UpsetDot]
    line: tuple[str, str] | None  # the line joining the first and last filled dot
    bar_width: str
    text: str


@dataclass(frozen=True)
class UpsetColumn:
    label: str
    x: str


@dataclass(frozen=True)
class UpsetChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    columns: list[UpsetColumn]
    rows: list[UpsetRow]
    header: int
    bar_left: int
    dot_radius: int


UPSET_COLUMN = 26
UPSET_ROW = 28
UPSET_HEADER = 190  # room for the factors' names, drawn slanting up
UPSET_BAR_WIDTH = 220


def upset_chart(
    combinations: Sequence[tuple[Sequence[str], int, str]],
    factor_labels: dict[str, str],
    *,
    chart_id: str,
    title: str,
    description: str,
) -> UpsetChart:
    """UpSet's picture of exact combinations: one column per factor that appears in any of
    them, one row per combination with a filled dot in each of its factors' columns and a
    bar as long as its count. ``combinations`` are (factor keys, count, text) in the order
    to show; columns follow ``factor_labels``' order."""
    used = {key for keys, _count, _text in combinations for key in keys}
    keys = [key for key in factor_labels if key in used]
    left = MARGIN + 8
    columns = [
        UpsetColumn(label=factor_labels[key], x=_f(left + i * UPSET_COLUMN + UPSET_COLUMN / 2))
        for i, key in enumerate(keys)
    ]
    bar_left = left + len(keys) * UPSET_COLUMN + 16
    largest = max((count for _keys, count, _text in combinations), default=0) or 1
    rows = []
    for index, (members, count, text) in enumerate(combinations):
        y = UPSET_HEADER + index * UPSET_ROW + UPSET_ROW // 2
        dots = [
            UpsetDot(x=column.x, filled=key in members)
            for key, column in zip(keys, columns, strict=True)
        ]
        filled = [dot.x for dot in dots if dot.filled]
        rows.append(
            UpsetRow(
                y=y,
                dots=dots,
                line=(filled[0], filled[-1]) if len(filled) > 1 else None,
                bar_width=_f(UPSET_BAR_WIDTH * count / largest),
                text=text,
            )
        )
    return UpsetChart(
        id=chart_id,
        title=title,
        description=description,
        width=max(WIDTH, bar_left + UPSET_BAR_WIDTH + 110),
        height=UPSET_HEADER + len(combinations) * UPSET_ROW + 8,
        columns=columns,
        rows=rows,
        header=UPSET_HEADER,
        bar_left=bar_left,
        dot_radius=7,
    )


# --- Dot and whisker (outcome gaps) ---------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    label: str
    difference: float | None  # None: too few pupils to compare
    lower: float | None
    upper: float | None
    text: str  # what the row says at its right, e.g. "−3.1 (−4.6 to −1.6)"


@dataclass(frozen=True)
class GapRow:
    label: str
    text: str
    label_y: int
    y: int
    dot: str | None
    lower: str | None
    upper: str | None


@dataclass(frozen=True)
class GapChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    rows: list[GapRow]
    ticks: list[Tick]
    zero: str
    grid_top: int
    grid_bottom: int
    axis_y: int


GAP_LEFT = 16
GAP_RIGHT = 460  # the row's text sits right of the plot
GAP_ROW = 44
GAP_TOP = 8
GAP_AXIS = 30


def gap_chart(
    gaps: Sequence[Gap], *, chart_id: str, title: str, description: str, unit: str = ""
) -> GapChart:
    """Each group's difference from the comparison group as a dot, its 95% confidence
    interval as a whisker, on a scale symmetric about zero (no difference) that holds
    every interval. Rows without a difference (too few pupils) carry only their text."""
    extent = max(
        (
            abs(value)
            for gap in gaps
            for value in (gap.lower, gap.upper, gap.difference)
            if value is not None and math.isfinite(value)
        ),
        default=0.0,
    )
    half = nice_ceiling(extent)
    plot_width = GAP_RIGHT - GAP_LEFT
    middle = GAP_LEFT + plot_width / 2

    def x(value: float) -> str:
        bounded = min(half, max(-half, value))
        return _f(middle + bounded / half * plot_width / 2)

    rows = []
    for index, gap in enumerate(gaps):
        top = GAP_TOP + index * GAP_ROW
        shown = gap.difference is not None
        rows.append(
            GapRow(
                label=gap.label,
                text=gap.text,
                label_y=top + 14,
                y=top + 30,
                dot=x(gap.difference) if shown and gap.difference is not None else None,
                lower=x(gap.lower) if shown and gap.lower is not None else None,
                upper=x(gap.upper) if shown and gap.upper is not None else None,
            )
        )
    grid_bottom = GAP_TOP + len(gaps) * GAP_ROW
    ticks = []
    for value in (-half, -half / 2, 0.0, half / 2, half):
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        ticks.append(
            Tick(
                x=x(value),
                label=f"{sign}{_number(abs(value))}{unit}",
                anchor={-half: "start", half: "end"}.get(value, "middle"),
            )
        )
    return GapChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=grid_bottom + GAP_AXIS,
        rows=rows,
        ticks=ticks,
        zero=_f(middle),
        grid_top=GAP_TOP,
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + 20,
    )
