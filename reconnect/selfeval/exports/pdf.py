"""The report as an A4 PDF, drawn with fpdf2 (pure Python: nothing to install on a server).

What a head hands to governors: the school, the dates, the overall score, the bar chart
(the same geometry as the page's SVG, with the network's middle half and median), the
table, strengths and priorities, what the network figures mean, and every statement's
answer in an appendix.

Text uses the PDF core font Helvetica, which covers Windows-1252 (accents, curly quotes,
dashes, the euro). Any other character is transliterated (``Łukasiewicz`` prints as
``Lukasiewicz``) rather than lost or allowed to crash the download: embedding a font
covering every script would make each file several hundred kilobytes.
"""

import unicodedata
from collections.abc import Sequence

from anyascii import anyascii
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from reconnect.selfeval.exports import chart, words
from reconnect.selfeval.models import Level
from reconnect.selfeval.selectors.reports import Report, ScoreRow

ENCODING = "cp1252"
FONT = "Helvetica"
MARGIN = 18.0
NAVY = (29, 53, 87)
TEAL = (14, 107, 111)
BAND = (200, 227, 227)
GRID = (150, 150, 150)
MUTED = (80, 80, 80)
TRACK = (235, 238, 241)


def pdf_text(text: object) -> str:
    """``text`` in characters Helvetica can draw: kept where Windows-1252 has them,
    transliterated otherwise."""
    value = unicodedata.normalize("NFC", str(text))
    out = []
    for char in value:
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            out.append(anyascii(char))
        else:
            out.append(char)
    return "".join(out)


def _date(value: object) -> str:
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "j F Y")  # type: ignore[arg-type]


class ReportDocument(FPDF):
    def __init__(self, footer: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.footer_text = pdf_text(footer)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(self.footer_text)
        self.set_creator("Reconnect")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        page = pdf_text(_("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"})
        self.cell(0, 5, f"{self.footer_text}   {page}", align="R")
        self.set_text_color(0, 0, 0)

    # --- text --------------------------------------------------------------------------

    def write_lines(
        self, text: object, *, size: float = 10, style: str = "", gap: float = 1.5
    ) -> None:
        self.set_font(FONT, style=style, size=size)
        self.multi_cell(
            0, size * 0.45, pdf_text(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(gap)

    def heading(self, text: object, *, size: float = 14) -> None:
        # A heading is never the last thing on a page.
        if self.will_page_break(size * 0.45 + 20):
            self.add_page()
        self.ln(2)
        self.write_lines(text, size=size, style="B", gap=1)

    def bullets(self, items: Sequence[str]) -> None:
        self.set_font(FONT, size=10)
        for item in items:
            self.set_x(MARGIN)
            self.cell(5, 4.5, "-")
            self.multi_cell(0, 4.5, pdf_text(item), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1)
        self.ln(1)


# --- the chart ------------------------------------------------------------------------------

ROW_H = 9.5
LEGEND_H = 14.0
AXIS_H = 9.0


def _legend(pdf: ReportDocument, report: Report, top: float) -> None:
    pdf.set_font(FONT, size=8)
    x = MARGIN
    y = top + 2

    def label(at: float, text: str) -> float:
        pdf.set_xy(at, y - 0.5)
        pdf.cell(0, 4, pdf_text(text))
        return at + pdf.get_string_width(pdf_text(text)) + 8

    pdf.set_fill_color(*NAVY)
    pdf.rect(x, y + 0.5, 8, 2.5, style="F")
    x = label(x + 10, _("Your score"))
    if any(not row.benchmark.suppressed for row in report.domains):
        pdf.set_fill_color(*BAND)
        pdf.set_draw_color(*TEAL)
        pdf.set_line_width(0.2)
        pdf.rect(x, y, 8, 3.5, style="DF")
        x = label(x + 10, _("Middle half of %(group)s") % {"group": words.schools_of_phase(report)})
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.6)
        pdf.line(x + 2, y - 0.5, x + 2, y + 4)
        x = label(x + 5, _("Median"))
    if report.previous is not None:
        _diamond(pdf, x + 2, y + 1.75)
        label(x + 5, _("Previous review"))


def _diamond(pdf: ReportDocument, x: float, y: float, r: float = 1.7) -> None:
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.4)
    pdf.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], style="DF")


def draw_chart(pdf: ReportDocument, report: Report) -> None:
    """The heading, legend and bars, on one page (a new one if they would not fit)."""
    rows = [row for row in report.domains if row.score is not None]
    height = LEGEND_H + len(rows) * ROW_H + AXIS_H
    if pdf.will_page_break(height + 16):
        pdf.add_page()
    pdf.heading(_("Scores by domain"))
    top = pdf.get_y()
    _legend(pdf, report, top)
    left, width = MARGIN, pdf.epw
    plot_top = top + LEGEND_H
    plot_bottom = plot_top + len(rows) * ROW_H

    def x_of(score: float) -> float:
        return left + chart.fraction(score) * width

    # The scale: a dashed line at each level, its number and words beneath.
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    pdf.set_font(FONT, size=7.5)
    for tick in chart.ticks():
        x = left + tick.fraction * width
        pdf.set_dash_pattern(dash=0.8, gap=0.8)
        pdf.line(x, plot_top - 1, x, plot_bottom)
        pdf.set_dash_pattern()
        text = pdf_text(f"{tick.number} {tick.label}")
        text_width = pdf.get_string_width(text)
        at = {1: x, 4: x - text_width}.get(tick.number, x - text_width / 2)
        pdf.set_xy(at, plot_bottom + 1)
        pdf.cell(text_width, 4, text)

    for index, row in enumerate(rows):
        y = plot_top + index * ROW_H
        if row.score is None:  # filtered above; this tells mypy
            continue
        pdf.set_font(FONT, size=9)
        pdf.set_xy(left, y)
        pdf.cell(width - 12, 4, pdf_text(row.domain.title))
        pdf.set_font(FONT, style="B", size=9)
        pdf.set_xy(left + width - 12, y)
        pdf.cell(12, 4, words.one_decimal(row.score), align="R")
        pdf.set_fill_color(*TRACK)
        pdf.rect(left, y + 4.5, width, 3, style="F")
        spread = row.benchmark.spread
        if spread is not None:
            pdf.set_fill_color(*BAND)
            pdf.set_draw_color(*TEAL)
            pdf.set_line_width(0.2)
            band_x = x_of(spread.lower_quartile)
            pdf.rect(band_x, y + 3.8, max(x_of(spread.upper_quartile) - band_x, 0.4), 4.4, "DF")
        pdf.set_fill_color(*NAVY)
        pdf.rect(left, y + 4.5, max(x_of(row.score) - left, 0.3), 3, style="F")
        if spread is not None:
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.6)
            median = x_of(spread.median)
            pdf.line(median, y + 3.3, median, y + 8.7)
        if row.previous_score is not None:
            _diamond(pdf, x_of(row.previous_score), y + 6)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(MARGIN, plot_bottom + AXIS_H)
    if any(row.benchmark.suppressed for row in rows):
        pdf.write_lines(
            _("A row without a band has no comparison yet: fewer than 5 schools."), size=8
        )


# --- the table --------------------------------------------------------------------------------


def draw_table(pdf: ReportDocument, report: Report) -> None:
    has_previous = report.previous is not None
    headings = [_("Domain"), _("Score"), _("Level")]
    widths = [50, 12, 46]
    if has_previous:
        headings.append(_("Change"))
        widths.append(14)
    headings += [_("Network median"), _("Middle half"), _("Schools")]
    widths += [16, 20, 16]
    if not has_previous:
        widths[0] += 14
    pdf.set_font(FONT, size=8.5)
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=4.2,
        padding=1.2,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        header = table.row()
        for heading in headings:
            header.cell(pdf_text(heading))
        entries: list[tuple[str, ScoreRow]] = [(row.domain.title, row) for row in report.domains]
        entries.append((_("Overall"), report.overall))
        for title, score_row in entries:
            cells = table.row()
            cells.cell(pdf_text(title))
            cells.cell(words.one_decimal(score_row.score) if score_row.score is not None else "")
            cells.cell(pdf_text(score_row.level_words))
            if has_previous:
                cells.cell(pdf_text(words.change_text(score_row, report)))
            benchmark = words.benchmark_cells(score_row)
            if benchmark.suppressed:
                cells.cell(pdf_text(_("Fewer than 5 schools: no comparison yet")), colspan=3)
            else:
                cells.cell(benchmark.median)
                cells.cell(pdf_text(benchmark.middle_half))
                cells.cell(benchmark.schools)
    pdf.ln(3)


# --- the document --------------------------------------------------------------------------


def _cover(pdf: ReportDocument, report: Report) -> None:
    review = report.review
    school = review.school
    pdf.write_lines(_("Self-evaluation report"), size=10, style="B", gap=0.5)
    pdf.write_lines(review.title, size=20, style="B", gap=1)
    pdf.write_lines(f"{school.name} (URN {school.urn})", size=12, gap=2)
    version = review.version
    facts = [
        _("Framework: %(framework)s, version %(number)s")
        % {"framework": version.framework.name, "number": version.number},
        _("Submitted on %(date)s by %(name)s")
        % {
            "date": _date(review.submitted_at),
            "name": review.submitted_by.display_name
            if review.submitted_by
            else _("a former member"),
        },
    ]
    if report.previous is not None:
        facts.append(
            _("Compared with the previous review, “%(title)s”, submitted on %(date)s")
            % {"title": report.previous.title, "date": _date(report.previous.submitted_at)}
        )
    facts.append(_("Downloaded on %(date)s") % {"date": _date(timezone.now())})
    for fact in facts:
        pdf.write_lines(fact, size=9.5, gap=0.5)
    pdf.ln(3)
    overall = report.overall
    if overall.score is not None:
        pdf.write_lines(_("Overall score"), size=11, style="B", gap=0.5)
        pdf.write_lines(
            f"{words.out_of_four(overall.score)}, {overall.level_words}", size=16, style="B", gap=1
        )
        line = words.position_words(overall, report)
        change = words.change_text(overall, report)
        if change:
            line += "; " + _("change since the previous review: %(change)s") % {"change": change}
        pdf.write_lines(line[:1].upper() + line[1:], size=10, gap=2)


def report_document(report: Report) -> ReportDocument:
    review = report.review
    pdf = ReportDocument(footer=f"{review.school.name}: {review.title}")
    pdf.add_page()
    _cover(pdf, report)

    pdf.heading(_("Strengths"))
    strengths = [words.summary(d.title, report.row(d), report) for d in report.strengths]
    pdf.bullets(strengths or [_("No domain scored Established (3.0) or above.")])
    pdf.heading(_("Priorities"))
    priorities = [words.summary(d.title, report.row(d), report) for d in report.priorities]
    pdf.bullets(priorities or [_("Every domain scored Established (3.0) or above.")])

    draw_chart(pdf, report)
    draw_table(pdf, report)
    pdf.write_lines(_("About the network figures"), size=10, style="B", gap=0.5)
    pdf.write_lines(words.benchmark_note(report), size=9)

    pdf.add_page()
    pdf.write_lines(_("Appendix: every statement"), size=16, style="B", gap=2)
    for row in report.domains:
        pdf.heading(row.domain.title, size=12)
        for item in row.statements:
            if pdf.will_page_break(18):
                pdf.add_page()
            pdf.write_lines(item.statement.text, size=9.5, style="B", gap=0.3)
            level = Level(item.level).label if item.level is not None else _("Not answered")
            pdf.write_lines(_("Rating: %(level)s") % {"level": level}, size=9, gap=0.3)
            answer = item.answer
            if answer is not None and answer.evidence:
                pdf.write_lines(
                    _("Evidence: %(evidence)s") % {"evidence": answer.evidence}, size=9, gap=0.3
                )
            if answer is not None:
                who = answer.updated_by.display_name if answer.updated_by else _("a former member")
                pdf.set_text_color(*MUTED)
                pdf.write_lines(
                    _("Last changed by %(name)s on %(date)s")
                    % {"name": who, "date": _date(answer.updated_at)},
                    size=8,
                    gap=2.5,
                )
                pdf.set_text_color(0, 0, 0)
    return pdf


def report_pdf_bytes(report: Report, *, compress: bool = True) -> bytes:
    """The PDF file. ``compress=False`` leaves the page text readable in the bytes (tests)."""
    pdf = report_document(report)
    pdf.set_compression(compress)
    return bytes(pdf.output())
