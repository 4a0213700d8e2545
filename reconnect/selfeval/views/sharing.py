"""The school lead shares a submitted report with the trust or a named school, and withdraws it.

Both views fetch the review among the user's own schools' reviews (anyone else: 404, even
someone the report is shared with), then require the school lead (403 for colleagues).
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.schools.selectors import school_similar
from reconnect.selfeval import rules
from reconnect.selfeval.models import ReportShare, Review
from reconnect.selfeval.selectors.reports import active_shares
from reconnect.selfeval.selectors.reviews import review_for_member
from reconnect.selfeval.services.sharing import report_share, report_share_withdraw
from reconnect.selfeval.views.report import MAX_ID

TRUST = "trust"
OTHER = "other"
SIMILAR_COUNT = 6
# Schools like yours change only when schools' context figures do (an import, a few times a
# year), but ranking a London phase takes a good part of a page's time: keep the answer.
SIMILAR_CACHE_SECONDS = 60 * 60


def similar_schools(school: School) -> list[School]:
    """The schools most like ``school`` (``schools.selectors.school_similar``), nearest
    first, with their boroughs: ranked once an hour, then read by URN (one query)."""
    key = f"selfeval:share-similar:v1:{school.pk}:{school.phase}:{SIMILAR_COUNT}"
    urns: list[int] | None = cache.get(key)
    if urns is None:
        found = [match.school for match in school_similar(school=school, count=SIMILAR_COUNT)]
        cache.set(key, [s.urn for s in found], SIMILAR_CACHE_SECONDS)
        return found
    by_urn = School.objects.select_related("local_authority").in_bulk(urns, field_name="urn")
    return [by_urn[urn] for urn in urns if urn in by_urn]


class ShareForm(forms.Form):
    """Who to share with: the trust, a school like ours, or another school by its URN."""

    audience = forms.ChoiceField(
        label=gettext_lazy("Who do you want to share this report with?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose who to share the report with.")},
    )
    urn = forms.IntegerField(
        label=gettext_lazy("The school's URN"),
        help_text=gettext_lazy(
            "For another school: its 6-digit unique reference number, for example 100000."
        ),
        required=False,
        min_value=100000,
        max_value=999999,
        error_messages={
            "invalid": gettext_lazy("Enter a URN of 6 digits, for example 100000."),
            "min_value": gettext_lazy("Enter a URN of 6 digits, for example 100000."),
            "max_value": gettext_lazy("Enter a URN of 6 digits, for example 100000."),
        },
    )

    def __init__(self, *args: Any, review: Review, similar: list[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review = review
        choices: list[tuple[str, str]] = []
        trust = review.school.trust
        if trust is not None:
            choices.append((TRUST, trust.name))
        choices += [
            (str(school.urn), f"{school.name} ({school.local_authority.name})")
            for school in similar
        ]
        choices.append((OTHER, _("Another school, by its URN")))
        audience = self.fields["audience"]
        if isinstance(audience, forms.ChoiceField):  # it is; this tells mypy
            audience.choices = choices
        self.similar = similar

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        audience = data.get("audience")
        if audience == OTHER:
            urn = data.get("urn")
            if urn is None:
                if "urn" not in self.errors:
                    self.add_error("urn", _("Enter the URN of the school to share with."))
                return data
            school = School.objects.filter(urn=urn).first()
            if school is None:
                self.add_error(
                    "urn", _("No school in Reconnect has the URN %(urn)s.") % {"urn": urn}
                )
                return data
            data["school"] = school
        elif audience and audience != TRUST:
            data["school"] = next(s for s in self.similar if str(s.urn) == audience)
        return data

    def audience_kwargs(self) -> dict[str, Any]:
        if self.cleaned_data["audience"] == TRUST:
            return {"trust": self.review.school.trust}
        return {"school": self.cleaned_data["school"]}


def _own_review_to_manage(request: HttpRequest, review_id: int) -> Review:
    """Scoped fetch (404 for other schools), then the lead's permission (403)."""
    if review_id > MAX_ID:
        raise Http404
    review = get_object_or_404(
        review_for_member(request.user).select_related("school__trust"), pk=review_id
    )
    if not rules.can_manage_review(request.user, review):
        raise PermissionDenied
    return review


@login_required
@require_http_methods(["GET", "POST"])
def share_create(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _own_review_to_manage(request, review_id)
    if not review.is_submitted:
        messages.info(request, _("You can share the report once the review is submitted."))
        return redirect("selfeval:review-detail", review_id=review.pk)
    similar = similar_schools(review.school)
    data = request.POST if request.method == "POST" else None
    form = ShareForm(data, review=review, similar=similar)
    if request.method == "POST" and form.is_valid():
        try:
            share, created = report_share(
                review=review, user=request.user, request=request, **form.audience_kwargs()
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            name = (share.trust or share.school).name  # type: ignore[union-attr]
            if created:
                messages.success(
                    request,
                    _("The report is now shared with %(name)s. We have e-mailed them.")
                    % {"name": name},
                )
            else:
                messages.info(
                    request, _("The report was already shared with %(name)s.") % {"name": name}
                )
            return redirect("selfeval:report-detail", review_id=review.pk)
    return render(
        request,
        "selfeval/report_share.html",
        {
            "review": review,
            "form": form,
            "shares": active_shares(review),
            "first_similar": str(similar[0].urn) if similar else "",
        },
    )


@login_required
@require_http_methods(["POST"])
def share_withdraw(request: HttpRequest, review_id: int, share_id: int) -> HttpResponse:
    review = _own_review_to_manage(request, review_id)
    if share_id > MAX_ID:
        raise Http404
    share = get_object_or_404(
        ReportShare.objects.select_related("trust", "school", "review__school"),
        pk=share_id,
        review=review,
    )
    report_share_withdraw(share=share, user=request.user, request=request)
    name = (share.trust or share.school).name  # type: ignore[union-attr]
    messages.success(request, _("The report is no longer shared with %(name)s.") % {"name": name})
    return redirect("selfeval:report-detail", review_id=review.pk)
