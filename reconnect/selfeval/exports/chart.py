"""The report's bar chart as geometry: one layout, drawn as SVG on the page and with fpdf's
primitives in the PDF, so both show the same picture.

Scores run from 1 (Not yet) to 4 (Embedded). Each domain is a row: its title and score on
one line, beneath them a bar from 1 to the score; behind the bar, the network's middle
half as a band and its median as a tick; on it, the previous review's score as a diamond.
Shapes, not colours alone, tell the marks apart, so the chart survives a grey printer.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reconnect.selfeval.exports.words import one_decimal
from reconnect.selfeval.models import Level
from reconnect.selfeval.selectors.reports import Report

LOWEST, HIGHEST = 1.0, 4.0


def fraction(score: float) -> float:
    """Where a score sits along the scale, 0 at 1 (Not yet) to 1 at 4 (Embedded)."""
    return min(1.0, max(0.0, (score - LOWEST) / (HIGHEST - LOWEST)))


@dataclass(frozen=True)
class Tick:
    fraction: float
    number: int
    label: str


def ticks() -> list[Tick]:
    return [
        Tick(fraction=fraction(level.value), number=level.value, label=str(level.label))
        for level in Level
    ]


# --- SVG, in the units of its viewBox ------------------------------------------------------

WIDTH = 560
PLOT_LEFT, PLOT_RIGHT = 8, WIDTH - 8
TOP = 64  # below the legend
ROW = 58
AXIS = 44  # room for the scale's labels under the rows


def _x(score: float) -> str:
    return f"{PLOT_LEFT + fraction(score) * (PLOT_RIGHT - PLOT_LEFT):.1f}"


@dataclass(frozen=True)
class SvgRow:
    title: str
    score: str  # "2.3", drawn at the row's right
    top: int
    bar_x: str
    bar_end: str
    bar_width: str
    band: tuple[str, str] | None  # (x, width) of the middle half, None when suppressed
    median: str | None
    previous: str | None  # x of the previous review's score
    previous_diamond: str | None  # the diamond's points

    @property
    def label_y(self) -> int:
        return self.top + 18

    @property
    def bar_y(self) -> int:
        return self.top + 30

    @property
    def band_y(self) -> int:
        return self.top + 24

    @property
    def tick_y1(self) -> int:
        return self.top + 22

    @property
    def tick_y2(self) -> int:
        return self.top + 50


@dataclass(frozen=True)
class SvgTick:
    x: str
    number: int
    label: str
    anchor: str


@dataclass(frozen=True)
class SvgChart:
    width: int
    height: int
    rows: list[SvgRow]
    ticks: list[SvgTick]
    grid_top: int
    grid_bottom: int
    axis_y: int
    any_benchmark: bool
    any_suppressed: bool
    any_previous: bool
    title: str
    description: str


def _diamond(x: float, y: float, r: float = 7) -> str:
    return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


def svg_chart(report: Report) -> SvgChart:
    rows = []
    for index, domain_row in enumerate(report.domains):
        if domain_row.score is None:
            continue
        top = TOP + index * ROW
        spread = domain_row.benchmark.spread
        band = None
        median = None
        if spread is not None:
            band_x = float(_x(spread.lower_quartile))
            band = (f"{band_x:.1f}", f"{float(_x(spread.upper_quartile)) - band_x:.1f}")
            median = _x(spread.median)
        previous = diamond = None
        if domain_row.previous_score is not None:
            previous = _x(domain_row.previous_score)
            diamond = _diamond(float(previous), top + 36)
        rows.append(
            SvgRow(
                title=domain_row.domain.title,
                score=one_decimal(domain_row.score),
                top=top,
                bar_x=str(PLOT_LEFT),
                bar_end=_x(domain_row.score),
                bar_width=f"{float(_x(domain_row.score)) - PLOT_LEFT:.1f}",
                band=band,
                median=median,
                previous=previous,
                previous_diamond=diamond,
            )
        )
    grid_bottom = TOP + len(report.domains) * ROW
    anchors = {1: "start", 4: "end"}
    return SvgChart(
        width=WIDTH,
        height=grid_bottom + AXIS,
        rows=rows,
        ticks=[
            SvgTick(
                x=_x(tick.number),
                number=tick.number,
                label=tick.label,
                anchor=anchors.get(tick.number, "middle"),
            )
            for tick in ticks()
        ],
        grid_top=TOP - 4,
        grid_bottom=grid_bottom,
        axis_y=grid_bottom + 18,
        any_benchmark=any(r.band is not None for r in rows),
        any_suppressed=any(r.benchmark.suppressed for r in report.domains),
        any_previous=any(r.previous is not None for r in rows),
        title=_("Scores by domain, out of 4"),
        description=_(
            "A bar for each of the %(count)s domains shows the school's score on a scale from "
            "1 (Not yet) to 4 (Embedded).%(network)s%(previous)s The same figures are in the "
            "table that follows."
        )
        % {
            "count": len(rows),
            "network": _(
                " A shaded band shows the middle half of %(phase)s schools' scores and a "
                "vertical line their median."
            )
            % {"phase": report.phase_label.lower()}
            if any(r.band is not None for r in rows)
            else "",
            "previous": _(" A diamond marks the score in the previous review.")
            if report.previous is not None
            else "",
        },
    )
