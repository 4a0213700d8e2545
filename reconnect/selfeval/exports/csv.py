"""The report as CSV: one row per domain and the overall score, then one per statement.

UTF-8 with a byte-order mark and every cell made spreadsheet-safe by the project's
``csv_lines`` (a typed evidence note beginning "=" must never run as a formula). Scores keep
two decimals, for anyone recalculating; the page and the PDF round to one.
"""

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.csv_export import csv_lines
from reconnect.selfeval.models import Level
from reconnect.selfeval.selectors.reports import Report, ScoreRow


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _benchmark(row: ScoreRow) -> list[str]:
    spread = row.benchmark.spread
    if spread is None:
        return ["", "", "", str(row.benchmark.schools), _("Suppressed: fewer than 5 schools")]
    return [
        _number(spread.median),
        _number(spread.lower_quartile),
        _number(spread.upper_quartile),
        str(spread.schools),
        "",
    ]


def header() -> list[str]:
    return [
        _("Row"),
        _("Domain code"),
        _("Domain"),
        _("Statement code"),
        _("Statement"),
        _("Score (1 to 4)"),
        _("Level"),
        _("Previous score"),
        _("Change"),
        _("Network median"),
        _("Network lower quartile"),
        _("Network upper quartile"),
        _("Schools in comparison"),
        _("Comparison note"),
        _("Evidence"),
        _("Last changed by"),
        _("Last changed at"),
    ]


def _score_row(kind: str, code: str, title: str, row: ScoreRow) -> list[Any]:
    return [
        kind,
        code,
        title,
        "",
        "",
        _number(row.score),
        row.level_words,
        _number(row.previous_score),
        _number(row.change),
        *_benchmark(row),
        "",
        "",
        "",
    ]


def report_rows(report: Report) -> Iterator[list[Any]]:
    for row in report.domains:
        yield _score_row(_("Domain"), row.domain.code, row.domain.title, row)
    yield _score_row(_("Overall"), "", _("Overall"), report.overall)
    for row in report.domains:
        for item in row.statements:
            answer = item.answer
            yield [
                _("Statement"),
                row.domain.code,
                row.domain.title,
                item.statement.code,
                item.statement.text,
                "" if item.level is None else str(int(item.level)),
                "" if item.level is None else str(Level(item.level).label),
                *([""] * 7),
                answer.evidence if answer else "",
                answer.updated_by.display_name if answer and answer.updated_by else "",
                timezone.localtime(answer.updated_at).isoformat(timespec="minutes")
                if answer
                else "",
            ]


def report_csv_lines(report: Report) -> Iterator[str]:
    return csv_lines(header(), report_rows(report))
