"""Members submit case studies here; coordinators review them in Wagtail's admin.

The member's side of the review workflow: submit, see each submission's state in plain
words, change and resubmit one a coordinator sent back, or withdraw one still in review.
Another member's submission is a 404, as if it did not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.hub import rules
from reconnect.hub.forms import CaseStudySubmissionForm
from reconnect.hub.models import CaseStudyPage
from reconnect.hub.services import case_studies
from reconnect.hub.services.case_studies import SubmissionLimitError, SubmissionStatus

PAGE_SIZE = 25


# The largest primary key either database can hold: a bigger number in the URL is simply
# not a page (on SQLite and PostgreSQL alike it would otherwise overflow into a 500).
MAX_PAGE_ID = 2**31 - 1


def _own_submission(request: HttpRequest, page_id: int) -> CaseStudyPage:
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = get_object_or_404(CaseStudyPage, pk=page_id)
    if not rules.is_submitter(request.user, page):
        raise Http404
    return page


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_study_submit(request: HttpRequest) -> HttpResponse:
    form = CaseStudySubmissionForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            page = case_studies.case_study_submit(
                user=request.user, data=form.draft(), request=request
            )
        except SubmissionLimitError as error:
            form.add_error(None, error.message)
            status = 429
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. “%(title)s” has been sent to the network coordinators, who "
                    "will review it before it is published."
                )
                % {"title": page.title},
            )
            return redirect("hub:case-study-submissions")
    return render(
        request,
        "hub/submissions/form.html",
        {"form": form, "editing": None},
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def case_study_submission_list(request: HttpRequest) -> HttpResponse:
    submissions = case_studies.case_study_submissions(user=request.user)
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "page": submission,
            "status": case_studies.submission_status(submission),
        }
        for submission in page.object_list
    ]
    return render(
        request,
        "hub/submissions/list.html",
        {"page": page, "rows": rows, "Status": SubmissionStatus},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_study_resubmit(request: HttpRequest, page_id: int) -> HttpResponse:
    submission = _own_submission(request, page_id)
    if not case_studies.changes_requested(submission):
        messages.info(request, _("Only a case study a coordinator has sent back can be changed."))
        return redirect("hub:case-study-submissions")
    latest = submission.get_latest_revision_as_object()
    form = CaseStudySubmissionForm(
        request.POST or None,
        user=request.user,
        initial=CaseStudySubmissionForm.initial_from(latest),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            revised = case_studies.case_study_resubmit(
                user=request.user, page=submission, data=form.draft(), request=request
            )
        except SubmissionLimitError as error:
            form.add_error(None, error.message)
            status = 429
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("Thank you. Your changes to “%(title)s” have been sent for review again.")
                % {"title": revised.title},
            )
            return redirect("hub:case-study-submissions")
    return render(
        request,
        "hub/submissions/form.html",
        {"form": form, "editing": latest},
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def case_study_withdraw(request: HttpRequest, page_id: int) -> HttpResponse:
    submission = _own_submission(request, page_id)
    try:
        case_studies.case_study_withdraw(user=request.user, page=submission, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("“%(title)s” has been withdrawn. Coordinators will not review it.")
            % {"title": submission.draft_title},
        )
    return redirect("hub:case-study-submissions")
