"""A pilot's evaluation report as files: CSV (one row per figure) and an A4 PDF.

Both take the ``PilotEvaluation`` the page shows, so the three never disagree. The CSV keeps
four decimals for anyone recalculating, with every cell made spreadsheet-safe by the
project's ``csv_lines`` (a negative figure starts with "-", so it is written "'-0.21": the
spreadsheet shows it as text rather than running it). The PDF is drawn with fpdf2 and the
self-evaluation report's document class, and shows the interval chart as a whisker drawn
on a scale from −half to +half, with the same figures in a table beneath.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reconnect.core.csv_export import csv_lines
from reconnect.lab import wording
from reconnect.lab.charts import scale_for
from reconnect.lab.selectors.evaluation import GroupFigures, PilotEvaluation
from reconnect.selfeval.exports.pdf import FONT, GRID, MARGIN, MUTED, NAVY, ReportDocument, pdf_text

# --- Shared words ---------------------------------------------------------------------------


def _n(value: float | None, places: int = 4) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def effect_label(evaluation: PilotEvaluation) -> str:
    if evaluation.is_impact_estimate:
        return _("Effect size")
    return _("Standardised change")


def group_cells(group: GroupFigures) -> list[str]:
    """n, mean, SD before and after, as the page and the PDF write them."""
    return [
        "" if group.n_pre is None else str(group.n_pre),
        _n(group.mean_pre, 1),
        _n(group.sd_pre, 1),
        "" if group.n_post is None else str(group.n_post),
        _n(group.mean_post, 1),
        _n(group.sd_post, 1),
    ]


# --- CSV ------------------------------------------------------------------------------------


def figure_rows(evaluation: PilotEvaluation) -> Iterator[list[str]]:
    """One row per figure: what it is, its value."""
    pilot, measure = evaluation.pilot, evaluation.measure
    yield [_("School"), f"{pilot.school.name} (URN {pilot.school.urn})"]
    yield [_("Pilot"), pilot.title]
    yield [_("Measure"), measure.name]
    yield [_("Design"), str(pilot.get_design_display())]
    yield [_("Headline"), evaluation.headline]
    if not evaluation.ready:
        for missing in evaluation.missing:
            yield [_("Missing"), missing]
    else:
        if evaluation.is_impact_estimate:
            yield [_("Confidence"), evaluation.confidence]
        yield [_("Method"), evaluation.method_name]
        label = effect_label(evaluation)
        yield [label, _n(evaluation.estimate)]
        yield [_("%(figure)s: 95%% interval, low") % {"figure": label}, _n(evaluation.ci_low)]
        yield [_("%(figure)s: 95%% interval, high") % {"figure": label}, _n(evaluation.ci_high)]
        yield [_("%(figure)s: standard error") % {"figure": label}, _n(evaluation.standard_error)]
        if evaluation.sign_flipped:
            yield [_("Sign"), _("Reversed: lower scores are better on this measure")]
        if evaluation.months is not None:
            yield [_("Months’ progress"), str(evaluation.months.months)]
        if evaluation.difference is not None:
            yield [evaluation.difference_label, _n(evaluation.difference)]
        if evaluation.difference_ci_low is not None:
            yield [_("95% interval, low"), _n(evaluation.difference_ci_low)]
            yield [_("95% interval, high"), _n(evaluation.difference_ci_high)]
        yield [_("Pupils analysed, intervention group"), str(evaluation.n_intervention)]
        if evaluation.is_impact_estimate:
            yield [_("Pupils analysed, comparison group"), str(evaluation.n_comparison)]
        if evaluation.security is not None:
            yield [_("Padlocks (0 to 5)"), str(evaluation.security.padlocks)]
            for reason in evaluation.security.reasons:
                yield [_("Padlock reason"), reason]
        elif evaluation.security_missing:
            yield [_("Padlocks (0 to 5)"), evaluation.security_missing]
        if evaluation.mdes is not None:
            yield [_("Minimum detectable effect size"), _n(evaluation.mdes)]
        if evaluation.attrition is not None:
            yield [_("Attrition"), _share(evaluation.attrition)]
        if evaluation.baseline_difference is not None:
            yield [_("Baseline difference (SD)"), _n(evaluation.baseline_difference)]
        headings = [
            _("pupils before"),
            _("mean before"),
            _("SD before"),
            _("pupils after"),
            _("mean after"),
            _("SD after"),
        ]
        for group in evaluation.groups:
            for heading, cell in zip(headings, group_cells(group), strict=True):
                yield [f"{group.label}: {heading}", cell]
        for caveat in evaluation.caveats:
            yield [_("Caveat"), caveat]
    fidelity = evaluation.fidelity
    if fidelity is not None:
        yield [_("Log entries"), str(fidelity.entries)]
        yield [_("Sessions planned"), str(fidelity.sessions_planned)]
        yield [_("Sessions delivered"), str(fidelity.sessions_delivered)]
        yield [_("Sessions delivered, share of planned"), _share(fidelity.delivered_share)]
        yield [_("Log entries as planned, share of those rated"), _share(fidelity.as_planned_share)]


def evaluation_csv_lines(evaluation: PilotEvaluation) -> Iterator[str]:
    return csv_lines([_("Figure"), _("Value")], figure_rows(evaluation))


# --- PDF ------------------------------------------------------------------------------------

CHART_H = 16.0


def _draw_interval(pdf: ReportDocument, evaluation: PilotEvaluation) -> None:
    """The effect size as a dot on its 95% interval, zero marked, the scale beneath."""
    if evaluation.estimate is None or evaluation.ci_low is None or evaluation.ci_high is None:
        return
    if pdf.will_page_break(CHART_H + 12):
        pdf.add_page()
    scale = scale_for((evaluation.estimate, evaluation.ci_low, evaluation.ci_high))
    left, width = MARGIN, pdf.epw
    top = pdf.get_y() + 2

    def x_of(value: float) -> float:
        bounded = min(scale.half, max(-scale.half, value))
        return left + (bounded / scale.half + 1) * width / 2

    y = top + 6
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    pdf.set_font(FONT, size=7.5)
    for tick in (-scale.half, -scale.half / 2, 0.0, scale.half / 2, scale.half):
        x = x_of(tick)
        pdf.set_dash_pattern(dash=0.8, gap=0.8)
        pdf.line(x, top, x, top + 12)
        pdf.set_dash_pattern()
        text = pdf_text(wording.es(tick))
        w = pdf.get_string_width(text)
        pdf.set_xy(min(max(x - w / 2, left), left + width - w), top + 12.5)
        pdf.cell(w, 3.5, text)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.5)
    pdf.line(x_of(0.0), top, x_of(0.0), top + 12)
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.6)
    low, high = x_of(evaluation.ci_low), x_of(evaluation.ci_high)
    pdf.line(low, y, high, y)
    pdf.line(low, y - 2, low, y + 2)
    pdf.line(high, y - 2, high, y + 2)
    pdf.set_fill_color(255, 255, 255)
    pdf.circle(x=x_of(evaluation.estimate), y=y, radius=1.6, style="DF")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(MARGIN, top + CHART_H + 1)


def _table(pdf: ReportDocument, rows: list[list[str]], widths: list[float]) -> None:
    pdf.set_font(FONT, size=9)
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=4.4,
        padding=1.2,
        first_row_as_headings=True,
    ) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(pdf_text(cell))
    pdf.ln(3)


def _headline(pdf: ReportDocument, evaluation: PilotEvaluation) -> None:
    pdf.write_lines(evaluation.headline, size=13, style="B", gap=1)
    if evaluation.ready and evaluation.is_impact_estimate:
        pdf.write_lines(evaluation.confidence, size=12, gap=2)


def _figures(pdf: ReportDocument, evaluation: PilotEvaluation) -> None:
    pdf.heading(_("The result"))
    label = effect_label(evaluation)
    rows = [[_("Figure"), _("Value")]]
    rows.append([label, wording.es(evaluation.estimate or 0.0)])
    rows.append(
        [
            _("95% confidence interval"),
            (
                f"{wording.es(evaluation.ci_low or 0.0)} {_('to')} "
                f"{wording.es(evaluation.ci_high or 0.0)}"
            ),
        ]
    )
    if evaluation.months is not None:
        rows.append([_("Months’ progress"), wording.months_shown(evaluation.months)])
    if evaluation.difference is not None:
        rows.append([evaluation.difference_label, f"{evaluation.difference:.2f}"])
    _draw_interval(pdf, evaluation)
    _table(pdf, rows, [110, 64])
    if evaluation.ci_low is not None and evaluation.ci_high is not None:
        pdf.write_lines(wording.interval_words(evaluation.ci_low, evaluation.ci_high), size=9.5)


def _security(pdf: ReportDocument, evaluation: PilotEvaluation) -> None:
    pdf.heading(_("How secure the finding is"))
    if evaluation.security is None:
        pdf.write_lines(evaluation.security_missing, size=10)
        return
    pdf.bullets(list(evaluation.security.reasons))


def _groups(pdf: ReportDocument, evaluation: PilotEvaluation) -> None:
    if not evaluation.groups:
        return
    pdf.heading(_("The numbers in each group"))
    rows = [
        [
            _("Group"),
            _("Pupils before"),
            _("Mean before"),
            _("SD before"),
            _("Pupils after"),
            _("Mean after"),
            _("SD after"),
        ]
    ]
    rows += [[group.label, *group_cells(group)] for group in evaluation.groups]
    _table(pdf, rows, [44, 21, 21, 21, 21, 21, 25])


def evaluation_document(evaluation: PilotEvaluation) -> ReportDocument:
    pilot = evaluation.pilot
    pdf = ReportDocument(footer=f"{pilot.school.name}: {pilot.title}")
    pdf.add_page()
    pdf.write_lines(_("Pilot evaluation report"), size=10, style="B", gap=0.5)
    pdf.write_lines(pilot.title, size=20, style="B", gap=1)
    pdf.write_lines(f"{pilot.school.name} (URN {pilot.school.urn})", size=12, gap=1)
    facts = [
        _("Measure: %(measure)s") % {"measure": evaluation.measure.name},
        _("Design: %(design)s") % {"design": pilot.get_design_display()},
        _("Downloaded on %(date)s")
        % {"date": date_format(timezone.localtime(timezone.now()), "j F Y")},
    ]
    for fact in facts:
        pdf.write_lines(fact, size=9.5, gap=0.5)
    pdf.ln(3)
    _headline(pdf, evaluation)
    if not evaluation.ready:
        pdf.heading(_("What is missing"))
        pdf.bullets(list(evaluation.missing))
    else:
        _figures(pdf, evaluation)
        _security(pdf, evaluation)
    if evaluation.fidelity is not None:
        pdf.heading(_("How the pilot was delivered"))
        for sentence in evaluation.fidelity.sentences:
            pdf.write_lines(sentence, size=10)
    if evaluation.ready:
        _groups(pdf, evaluation)
        if evaluation.caveats:
            pdf.heading(_("What to bear in mind"))
            pdf.bullets(list(evaluation.caveats))
        pdf.heading(_("How it was worked out"))
        pdf.write_lines(evaluation.method_words, size=10)
        pdf.set_text_color(*MUTED)
        pdf.write_lines(evaluation.method_name, size=8.5)
        pdf.set_text_color(0, 0, 0)
    return pdf


def evaluation_pdf_bytes(evaluation: PilotEvaluation, *, compress: bool = True) -> bytes:
    """The PDF file. ``compress=False`` leaves the page text readable in the bytes (tests)."""
    pdf = evaluation_document(evaluation)
    pdf.set_compression(compress)
    return bytes(pdf.output())
