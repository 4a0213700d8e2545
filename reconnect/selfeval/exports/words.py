"""How the report's figures are written, once for the page, the CSV and the PDF.

Scores show one decimal, rounded half up as people round (2.25 reads "2.3"; Python's own
formatting would round it to even and print "2.2", disagreeing with anyone's calculator).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from reconnect.selfeval.analysis.benchmark import Position
from reconnect.selfeval.selectors.reports import Report, ScoreRow

MINUS = "\u2212"  # a real minus sign: screen readers say "minus", and it does not wrap


def one_decimal(value: float) -> str:
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def out_of_four(value: float) -> str:
    return _("%(score)s out of 4") % {"score": one_decimal(value)}


def change_text(row: ScoreRow, report: Report) -> str:
    """ "+0.5", "−0.3", "0.0"; "New" for a score the previous review did not have; "" with
    no previous review at all."""
    if report.previous is None:
        return ""
    change = row.change
    if change is None:
        return str(_("New"))
    shown = one_decimal(change)
    if shown in ("0.0", "-0.0"):
        return "0.0"
    return shown.replace("-", MINUS) if shown.startswith("-") else f"+{shown}"


def schools_of_phase(report: Report) -> str:
    """ "primary schools", "secondary schools": the group a benchmark compares with."""
    return _("%(phase)s schools") % {"phase": report.phase_label.lower()}


def position_words(row: ScoreRow, report: Report) -> str:
    """Where the score sits: "below the middle half of primary schools"."""
    group = schools_of_phase(report)
    if row.benchmark.suppressed:
        return str(_("no comparison yet"))
    return {
        Position.BELOW: _("below the middle half of %(group)s"),
        Position.WITHIN: _("within the middle half of %(group)s"),
        Position.ABOVE: _("above the middle half of %(group)s"),
    }[row.position or Position.WITHIN] % {"group": group}


def suppressed_words() -> str:
    return str(_("Fewer than 5 schools of this phase have submitted a review: no comparison yet"))


def summary(title: str, row: ScoreRow, report: Report) -> str:
    """ "Attendance: 2.3 out of 4, between Emerging and Established; below the middle half
    of primary schools"."""
    if row.score is None:
        return _("%(title)s: no score") % {"title": title}
    return _("%(title)s: %(score)s, %(level)s; %(position)s") % {
        "title": title,
        "score": out_of_four(row.score),
        "level": row.level_words,
        "position": position_words(row, report),
    }


@dataclass(frozen=True)
class BenchmarkCells:
    """The benchmark columns of the table, or the reason they are empty."""

    median: str
    middle_half: str
    schools: str
    suppressed: bool


def benchmark_cells(row: ScoreRow) -> BenchmarkCells:
    spread = row.benchmark.spread
    if spread is None:
        return BenchmarkCells(
            median="", middle_half="", schools=str(row.benchmark.schools), suppressed=True
        )
    return BenchmarkCells(
        median=one_decimal(spread.median),
        middle_half=_("%(lower)s to %(upper)s")
        % {
            "lower": one_decimal(spread.lower_quartile),
            "upper": one_decimal(spread.upper_quartile),
        },
        schools=str(spread.schools),
        suppressed=False,
    )


def benchmark_note(report: Report) -> str:
    """What the network figures are, for the paragraph under the table."""
    return _(
        "The network figures compare this report with the latest submitted review of every "
        "%(phase)s school in Reconnect that used the same framework, including your school's own "
        "latest review. The median is the middle school's score; the middle half runs from "
        "the lower to the upper quartile, so a quarter of schools scored below it and a "
        "quarter above. Where fewer than 5 schools have a score, no figures are shown, so "
        "that no school's score can be worked out."
    ) % {"phase": report.phase_label.lower()}
