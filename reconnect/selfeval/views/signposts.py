"""Signposts for one domain of a submitted review: everything to read, try and ask about.

Only members of the review's school see it (another school, a share's audience or a review
still in progress gets a 404): it lists the school's own answers, and the peers are chosen
for this school.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from reconnect.selfeval import rules
from reconnect.selfeval.models import ReviewStatus
from reconnect.selfeval.selectors.reports import level_words
from reconnect.selfeval.selectors.reviews import review_for_member
from reconnect.selfeval.selectors.signposts import (
    domain_for_review,
    domain_score,
    signposts_for_domain,
    statement_standings,
)

# The largest primary key either database holds: a bigger id is simply not a review.
MAX_ID = 2**31 - 1


def _add_to_plan(plan_url: str, code: str, intervention_id: int) -> str:
    params: dict[str, str | int] = {"domain": code, "intervention": intervention_id}
    query = urlencode(params)
    return f"{plan_url}?{query}#add-action"


@login_required
@require_safe
def signpost_detail(request: HttpRequest, review_id: int, code: str) -> HttpResponse:
    if review_id > MAX_ID:
        raise Http404
    review = get_object_or_404(
        review_for_member(request.user).filter(status=ReviewStatus.SUBMITTED), pk=review_id
    )
    domain = get_object_or_404(domain_for_review(review, code))
    score = domain_score(review, domain)
    signposts = signposts_for_domain(user=request.user, review=review, domain=domain)
    can_plan = rules.can_plan_actions(request.user, review)
    plan_url = reverse("selfeval:action-plan", args=[review.pk])
    return render(
        request,
        "selfeval/signpost_detail.html",
        {
            "review": review,
            "domain": domain,
            "themes": list(domain.themes.all()),
            "score": score,
            "score_words": level_words(score) if score is not None else "",
            "standings": statement_standings(review, domain),
            "signposts": signposts,
            # Each intervention with the link that opens the action plan's form filled in
            # with it (for those who may plan actions).
            "interventions": [
                (page, _add_to_plan(plan_url, domain.code, page.pk) if can_plan else "")
                for page in signposts.interventions.items
            ],
            "can_plan": can_plan,
            "plan_url": f"{plan_url}?{urlencode({'domain': domain.code})}#add-action",
        },
    )
