"""A submitted review's report: the page, its CSV and its PDF.

All three fetch the review through ``reports_visible_to``: the school's own members, and
whoever a share still in force reaches. Anyone else gets a 404, as if the review did not
exist. Members of the school who open the report of a review still in progress are sent
to the review itself.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from reconnect.core.audit import audit_record
from reconnect.core.htmx import is_htmx
from reconnect.selfeval import rules
from reconnect.selfeval.exports import words
from reconnect.selfeval.exports.chart import svg_chart
from reconnect.selfeval.exports.csv import report_csv_lines
from reconnect.selfeval.exports.pdf import report_pdf_bytes
from reconnect.selfeval.models import Review, ReviewStatus
from reconnect.selfeval.selectors.reports import Report, active_shares, report_for, share_reaching
from reconnect.selfeval.selectors.reviews import reports_visible_to, review_for_member

# The largest primary key either database holds: a bigger id is simply not a review.
MAX_ID = 2**31 - 1


def visible_report(request: HttpRequest, review_id: int) -> Review:
    """The submitted review if this user may read its report; otherwise 404."""
    if review_id > MAX_ID:
        raise Http404
    review = reports_visible_to(request.user).filter(pk=review_id).first()
    if review is None:
        raise Http404
    return review


def _filename(review: Review, extension: str) -> str:
    """ASCII only, from numbers: no school or review name can break the header."""
    submitted = timezone.localdate(review.submitted_at) if review.submitted_at else None
    return f"self-evaluation-{review.school.urn}-{submitted:%Y-%m-%d}-{review.pk}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _signposts(request: HttpRequest, report: Report) -> list[Any]:
    if not report.priorities:
        return []
    from reconnect.selfeval.selectors.signposts import signposts_for_priorities

    return list(
        signposts_for_priorities(
            user=request.user,
            review=report.review,
            domains=report.priorities,
            benchmarked_at=report.benchmarked_at,
        )
    )


def _rows(report: Report) -> list[dict[str, Any]]:
    """Each domain's figures as the page writes them."""
    return [
        {
            "row": row,
            "score": words.one_decimal(row.score) if row.score is not None else "",
            "change": words.change_text(row, report),
            "benchmark": words.benchmark_cells(row),
        }
        for row in report.domains
    ]


@login_required
@require_http_methods(["GET"])
def report_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    if review_id > MAX_ID:
        raise Http404
    review = reports_visible_to(request.user).filter(pk=review_id).first()
    if review is None:
        in_progress = review_for_member(request.user).filter(
            pk=review_id, status=ReviewStatus.IN_PROGRESS
        )
        if in_progress.exists():
            return redirect("selfeval:review-detail", review_id=review_id)
        raise Http404
    # The statements are the appendix's, which the page loads on demand (report_statements).
    report = report_for(review, statements=False)
    shared_via = share_reaching(request.user, review)
    own = shared_via is None
    can_share = own and rules.can_manage_review(request.user, review)
    overall = report.overall
    context = {
        "review": review,
        "school": review.school,
        "report": report,
        "rows": _rows(report),
        "overall_score": words.out_of_four(overall.score) if overall.score is not None else "",
        "overall_number": words.one_decimal(overall.score) if overall.score is not None else "",
        "overall_change": words.change_text(overall, report),
        "overall_benchmark": words.benchmark_cells(overall),
        "overall_position": words.position_words(overall, report),
        "strengths": [words.summary(d.title, report.row(d), report) for d in report.strengths],
        "priorities": [words.summary(d.title, report.row(d), report) for d in report.priorities],
        "chart": svg_chart(report),
        "benchmark_note": words.benchmark_note(report),
        "suppressed_words": words.suppressed_words(),
        "group": words.schools_of_phase(report),
        "shared_via": shared_via,
        "own": own,
        "can_share": can_share,
        "shares": active_shares(review) if can_share else [],
        "signposts": _signposts(request, report) if own else [],
    }
    return render(request, "selfeval/report.html", context)


@login_required
@require_http_methods(["GET"])
def report_statements(request: HttpRequest, review_id: int) -> HttpResponse:
    """The report's appendix: every statement with its rating, evidence and who changed it.

    Its own page, linked from the report, and the fragment htmx puts in the report's place
    for it: 56 statements are most of a report's weight, and most readers never open them.
    """
    review = visible_report(request, review_id)
    report = report_for(review)
    template = "selfeval/report_statements.html"
    if is_htmx(request):
        template += "#appendix"
    return render(request, template, {"review": review, "school": review.school, "report": report})


@login_required
@require_http_methods(["GET"])
def report_csv(request: HttpRequest, review_id: int) -> HttpResponse:
    review = visible_report(request, review_id)
    report = report_for(review)
    audit_record(
        "selfeval.report_downloaded",
        request=request,
        target=review,
        school_urn=review.school.urn,
        detail={"format": "csv"},
    )
    response = HttpResponse(
        "".join(report_csv_lines(report)).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, _filename(review, "csv"))


@login_required
@require_http_methods(["GET"])
def report_pdf(request: HttpRequest, review_id: int) -> HttpResponse:
    review = visible_report(request, review_id)
    report = report_for(review)
    audit_record(
        "selfeval.report_downloaded",
        request=request,
        target=review,
        school_urn=review.school.urn,
        detail={"format": "pdf"},
    )
    response = HttpResponse(report_pdf_bytes(report), content_type="application/pdf")
    return _attachment(response, _filename(review, "pdf"))
