"""The calculator's charts as geometry: effect sizes in, SVG coordinates out.

Like ``reconnect.spectrum.charts`` (whose scale helpers these reuse), templates draw what
these functions lay out (``lab/calculator/chart_*.html``) and every chart sits next to a
table with the same figures. Both charts share one horizontal scale, symmetric about zero
(no difference), wide enough for every interval. Pure Python: no Django, no database.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reconnect.lab.analysis.meta import ForestPlot
from reconnect.spectrum.charts import Tick, nice_ceiling

WIDTH = 640
LEFT = 16
RIGHT = 440  # the row's figures sit right of the plot
TOP = 8
ROW = 44
AXIS = 30
MAX_BOX = 9.0  # half the side of the heaviest study's square


def _f(value: float) -> str:
    return f"{value:.1f}"


def _es(value: float) -> str:
    text = f"{value:.2f}"
    return "0.00" if text in ("0.00", "-0.00") else text.replace("-", "−")


def interval_text(estimate: float, low: float, high: float) -> str:
    """What a row says at its right, e.g. "0.59 (0.19 to 0.99)"."""
    return f"{_es(estimate)} ({_es(low)} to {_es(high)})"


@dataclass(frozen=True)
class Scale:
    half: float  # the scale runs from −half to +half
    ticks: list[Tick]
    zero: str

    def x(self, value: float) -> str:
        bounded = min(self.half, max(-self.half, value))
        return _f(LEFT + (bounded / self.half + 1) * (RIGHT - LEFT) / 2)


def scale_for(values: Sequence[float]) -> Scale:
    extent = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    half = nice_ceiling(extent)
    middle = LEFT + (RIGHT - LEFT) / 2
    scale = Scale(half=half, ticks=[], zero=_f(middle))
    for value in (-half, -half / 2, 0.0, half / 2, half):
        scale.ticks.append(
            Tick(
                x=scale.x(value),
                label=_es(value).removesuffix("0") if value else "0",
                anchor={-half: "start", half: "end"}.get(value, "middle"),
            )
        )
    return scale


@dataclass(frozen=True)
class IntervalRow:
    label: str
    text: str
    label_y: int
    y: int
    dot: str
    lower: str
    upper: str
    box: str  # half the side of the study's square (forest plot), "" for a dot
    box_x: str
    box_y: str
    box_side: str


@dataclass(frozen=True)
class IntervalChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    rows: list[IntervalRow]
    ticks: list[Tick]
    zero: str
    grid_top: int
    grid_bottom: int
    axis_y: int
    diamond: str  # the pooled estimate's polygon points (forest plot), "" otherwise
    diamond_label: str
    diamond_label_y: int
    diamond_text: str
    diamond_y: int


def _row(
    index: int, scale: Scale, label: str, estimate: float, low: float, high: float, box: float
) -> IntervalRow:
    top = TOP + index * ROW
    y = top + 30
    dot = scale.x(estimate)
    return IntervalRow(
        label=label,
        text=interval_text(estimate, low, high),
        label_y=top + 14,
        y=y,
        dot=dot,
        lower=scale.x(low),
        upper=scale.x(high),
        box=_f(box) if box else "",
        box_x=_f(float(dot) - box),
        box_y=_f(y - box),
        box_side=_f(2 * box),
    )


def interval_chart(
    label: str,
    estimate: float,
    low: float,
    high: float,
    *,
    chart_id: str,
    title: str,
    description: str,
) -> IntervalChart:
    """One effect size as a dot with its 95% interval as a whisker, zero marked."""
    scale = scale_for((estimate, low, high))
    grid_bottom = TOP + ROW
    return IntervalChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=grid_bottom + AXIS,
        rows=[_row(0, scale, label, estimate, low, high, 0.0)],
        ticks=scale.ticks,
        zero=scale.zero,
        grid_top=TOP,
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + 20,
        diamond="",
        diamond_label="",
        diamond_label_y=0,
        diamond_text="",
        diamond_y=0,
    )


def forest_chart(
    plot: ForestPlot, *, chart_id: str, title: str, description: str, pooled_label: str
) -> IntervalChart:
    """A forest plot: each study's square (its area in proportion to its weight) on its
    95% interval, then the pooled estimate as a diamond spanning its interval."""
    values = [v for row in plot.rows for v in (row.estimate, row.ci_low, row.ci_high)]
    scale = scale_for([*values, plot.pooled.ci_low, plot.pooled.ci_high])
    heaviest = max((row.weight for row in plot.rows), default=1.0) or 1.0
    rows = [
        _row(
            index,
            scale,
            row.label,
            row.estimate,
            row.ci_low,
            row.ci_high,
            max(2.5, MAX_BOX * math.sqrt(row.weight / heaviest)),
        )
        for index, row in enumerate(plot.rows)
    ]
    pooled_top = TOP + len(rows) * ROW
    y = pooled_top + 30
    points = " ".join(
        (
            f"{scale.x(plot.pooled.ci_low)},{y}",
            f"{scale.x(plot.pooled.estimate)},{y - 8}",
            f"{scale.x(plot.pooled.ci_high)},{y}",
            f"{scale.x(plot.pooled.estimate)},{y + 8}",
        )
    )
    grid_bottom = pooled_top + ROW
    return IntervalChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=grid_bottom + AXIS,
        rows=rows,
        ticks=scale.ticks,
        zero=scale.zero,
        grid_top=TOP,
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + 20,
        diamond=points,
        diamond_label=pooled_label,
        diamond_label_y=pooled_top + 14,
        diamond_text=interval_text(plot.pooled.estimate, plot.pooled.ci_low, plot.pooled.ci_high),
        diamond_y=y,
    )
