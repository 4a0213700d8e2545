"""The report's CSV and PDF: exact rows, safe cells and headers, audited, readable PDFs."""

import csv
import io
import re

import pytest
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.selfeval.exports.pdf import pdf_text, report_pdf_bytes
from reconnect.selfeval.models import Answer
from reconnect.selfeval.selectors.reports import report_for
from reconnect.selfeval.tests.factories import published_framework, submitted_review

pytestmark = pytest.mark.django_db

SCHOOL_A_LEVELS = {
    "attendance": [2, 2, 3, 2],
    "belonging": [3, 3, 4, 4],
    "transition": [1, 2, 2, 2],
}


@pytest.fixture
def review_a(school_a, head_at_school_a):
    version = published_framework()
    for default in (2, 2, 3, 3):
        submitted_review(SchoolFactory(), version, default=default)
    review = submitted_review(school_a, version, levels=SCHOOL_A_LEVELS, user=head_at_school_a)
    Answer.objects.filter(review=review, statement__code="attendance-1").update(
        evidence='=HYPERLINK("http://evil.example","Click")'
    )
    return review


def _rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    decoded = text.decode("utf-8")
    assert decoded.startswith("\ufeff")
    return list(csv.reader(io.StringIO(decoded[1:])))


def _score_row(kind, code, title, score, level, median):
    """A score row up to its benchmark, with no previous review, among 5 schools."""
    return [kind, code, title, "", "", score, level, "", "", median, "2.00", "3.00", "5"]


def test_the_csv_has_a_row_per_domain_then_per_statement(client, review_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(reverse("selfeval:report-csv", args=[review_a.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    submitted = review_a.submitted_at.astimezone().date()
    assert response["Content-Disposition"] == (
        f'attachment; filename="self-evaluation-900001-{submitted:%Y-%m-%d}-{review_a.pk}.csv"'
    )
    rows = _rows(response)
    assert rows[0][:14] == [
        "Row",
        "Domain code",
        "Domain",
        "Statement code",
        "Statement",
        "Score (1 to 4)",
        "Level",
        "Previous score",
        "Change",
        "Network median",
        "Network lower quartile",
        "Network upper quartile",
        "Schools in comparison",
        "Comparison note",
    ]
    between = "between %s and %s"
    assert [row[:13] for row in rows[1:5]] == [
        _score_row(
            "Domain",
            "attendance",
            "Attendance",
            "2.25",
            between % ("Emerging", "Established"),
            "2.25",
        ),
        _score_row(
            "Domain",
            "belonging",
            "Belonging",
            "3.50",
            between % ("Established", "Embedded"),
            "3.00",
        ),
        _score_row(
            "Domain", "transition", "Transition", "1.75", between % ("Not yet", "Emerging"), "2.00"
        ),
        _score_row("Overall", "", "Overall", "2.50", between % ("Emerging", "Established"), "2.50"),
    ]
    statements = rows[5:]
    assert len(statements) == 12
    assert [(row[0], row[3], row[5], row[6]) for row in statements[:4]] == [
        ("Statement", "attendance-1", "2", "Emerging"),
        ("Statement", "attendance-2", "2", "Emerging"),
        ("Statement", "attendance-3", "3", "Established"),
        ("Statement", "attendance-4", "2", "Emerging"),
    ]
    # A formula typed as evidence reaches the spreadsheet as text.
    assert statements[0][14] == '\'=HYPERLINK("http://evil.example","Click")'
    assert statements[0][15] == "Harriet Head"
    event = AuditEvent.objects.get(action="selfeval.report_downloaded")
    assert (event.actor, event.school_urn, event.detail) == (
        head_at_school_a,
        900001,
        {"format": "csv"},
    )


def test_a_suppressed_benchmark_is_blank_with_a_note_in_the_csv(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    rows = _rows(client.get(reverse("selfeval:report-csv", args=[review.pk])))

    assert rows[1][9:14] == ["", "", "", "1", "Suppressed: fewer than 5 schools"]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def test_the_pdf_download_is_an_audited_attachment(client, review_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(reverse("selfeval:report-pdf", args=[review_a.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    submitted = review_a.submitted_at.astimezone().date()
    assert response["Content-Disposition"] == (
        f'attachment; filename="self-evaluation-900001-{submitted:%Y-%m-%d}-{review_a.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.get(action="selfeval.report_downloaded").detail == {"format": "pdf"}


def test_the_pdf_holds_the_school_the_scores_and_the_appendix(review_a):
    pdf = report_pdf_bytes(report_for(review_a), compress=False)

    assert pdf.startswith(b"%PDF-")
    # The summary, chart and table fit on one page; the appendix of 12 statements on a second.
    assert _pages(pdf) == 2
    assert b"/Count 2\n" in pdf
    for text in (
        b"Demo School A \\(URN 900001\\)",
        b"2.5 out of 4, between Emerging and Established",
        b"Transition: 1.8 out of 4, between Not yet and Emerging; below the middle half of",
        b"Appendix: every statement",
        b"Page 1 of ",
    ):
        assert text in pdf, text


def test_a_long_framework_runs_to_more_pages(school_a, head_at_school_a):
    codes = [f"domain-{n}" for n in range(11)]
    version = published_framework(domains=[(c, []) for c in codes], statements_per_domain=7)
    review = submitted_review(school_a, version, default=2, user=head_at_school_a)
    Answer.objects.filter(review=review).update(evidence="Minutes of the meeting. " * 12)

    pdf = report_pdf_bytes(report_for(review), compress=False)

    assert _pages(pdf) == 11
    assert b"/Count 11\n" in pdf
    assert b"Page 11 of " in pdf


def test_names_outside_latin_1_do_not_break_the_pdf(school_a, head_at_school_a):
    school_a.name = "Zoë Łukasiewicz Academy"
    school_a.save()
    head_at_school_a.first_name, head_at_school_a.last_name = "Zoë", "Łukasiewicz"
    head_at_school_a.save()
    review = submitted_review(
        school_a, published_framework(), user=head_at_school_a, title="“Spring” review – 2026 🌱"
    )
    Answer.objects.filter(review=review).update(evidence="Ωmega plan — see “notes” … ✓")

    pdf = report_pdf_bytes(report_for(review), compress=False)

    assert pdf.startswith(b"%PDF-")
    # Windows-1252 keeps ë, curly quotes and dashes; Ł and Ω are transliterated.
    assert "Zoë Lukasiewicz Academy".encode("cp1252") in pdf
    assert "“Spring” review – 2026".encode("cp1252") in pdf
    assert "Evidence: Omega plan — see “notes” … ".encode("cp1252") in pdf


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë Łukasiewicz", "Zoë Lukasiewicz"),
        ("“quoted” – dash", "“quoted” – dash"),
        ("Zoe\u0308", "Zoë"),  # a decomposed ë is composed first, not dropped
        ("Ωμέγα", "Omega"),
        ("Plan 🌱", "Plan :seedling:"),
    ],
)
def test_pdf_text_keeps_windows_1252_and_transliterates_the_rest(text, expected):
    assert pdf_text(text) == expected
