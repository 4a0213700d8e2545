"""Sharing a completed pilot as a Hub case study: the form, prefilled from the pilot.

The school's leads and data leads (``rules.can_edit_pilots``) share its pilots: staff get
a 403, anyone outside the school a 404. The page is the Hub's own case-study form, with
the four sections drafted from the plan, the implementation log and the evaluation
(``services.sharing``); the member may change every word before sending it for review.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.forms import CaseStudySubmissionForm
from reconnect.hub.services.case_studies import CaseStudyDraft, SubmissionLimitError
from reconnect.lab import rules
from reconnect.lab.models import Pilot
from reconnect.lab.selectors import pilots as selectors
from reconnect.lab.selectors.evaluation import pilot_evaluation
from reconnect.lab.services import sharing

PILOT = "lab/<int:urn>/pilots/<int:pilot_id>/"


def _detail_url(pilot: Pilot) -> str:
    return reverse("lab:pilot-detail", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})


def _initial(draft: CaseStudyDraft) -> dict[str, Any]:
    return {
        "title": draft.title,
        "summary": draft.summary,
        "school": draft.school.pk if draft.school else None,
        "school_consent": draft.school_consent,
        "themes": [theme.pk for theme in draft.themes],
        "phases": [phase.pk for phase in draft.phases],
        "interventions": [intervention.pk for intervention in draft.interventions],
        "context": draft.context,
        "what_we_did": draft.what_we_did,
        "evidence_of_impact": draft.evidence_of_impact,
        "what_others_can_take": draft.what_others_can_take,
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def pilot_share(request: HttpRequest, urn: int, pilot_id: int) -> HttpResponse:
    pilot = selectors.pilot_for(request.user, urn, pilot_id)
    if not rules.can_edit_pilots(request.user, pilot.school_id):
        raise PermissionDenied
    try:
        evaluation = sharing.share_check(pilot, pilot_evaluation(pilot))
    except ApplicationError as error:
        messages.info(request, error.message)
        return redirect(_detail_url(pilot))
    form = CaseStudySubmissionForm(
        request.POST or None,
        user=request.user,
        initial=_initial(sharing.case_study_draft_for(pilot, evaluation)),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            page = sharing.pilot_share(
                pilot=pilot, user=request.user, data=form.draft(), request=request
            )
        except SubmissionLimitError as error:
            form.add_error(None, error.message)
            status = 429
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. “%(title)s” has been sent to the network coordinators, who "
                    "will review it before it is published on the Hub."
                )
                % {"title": page.title},
            )
            return redirect(_detail_url(pilot))
    return render(
        request,
        "lab/sharing/form.html",
        {"school": pilot.school, "pilot": pilot, "form": form},
        status=status,
    )


URLS: list[URLPattern] = [
    path(f"{PILOT}share/", pilot_share, name="pilot-share"),
]
