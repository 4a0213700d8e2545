"""The action plan of a submitted review: what the school will do about its priorities.

Every member of the school reads the plan; the school lead and the review's contributors
add, change and delete actions (``rules.can_plan_actions``); an action's owner may update
its status and notes (``rules.can_update_action``). Another school's review or action is a
404. The page works without JavaScript (each "add" form posts and redirects back to the
action); with htmx, adding under a priority swaps just that domain's list.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.core.htmx import is_htmx
from reconnect.lab import rules as lab_rules
from reconnect.lab.selectors.pilots import actions_with_pilots
from reconnect.selfeval import rules
from reconnect.selfeval.action_forms import ActionForm, ActionProgressForm
from reconnect.selfeval.models import Action, Review
from reconnect.selfeval.selectors import actions as selectors
from reconnect.selfeval.selectors.reviews import review_for_member
from reconnect.selfeval.services import actions as services

OTHER = "other"  # the "add an action for another domain" form's section
MAX_ID = 2**31 - 1


@dataclass
class AddForm:
    """One "Add an action" form on the plan, and whether it opens (errors, or a signpost
    sent the reader here to fill it in)."""

    form: ActionForm
    is_open: bool = False
    # The target of ``#add-action`` links (helper pages link to …/actions/?domain=…#add-action).
    is_anchor: bool = False


def _review(request: HttpRequest, review_id: int) -> Review:
    if review_id > MAX_ID:
        raise Http404
    review = get_object_or_404(review_for_member(request.user), pk=review_id)
    # The rules read the user's memberships several times a page: once from the database.
    prefetch_related_objects([request.user], "memberships")  # type: ignore[type-var]
    return review


def _plan_url(review: Review, fragment: str = "") -> str:
    url = reverse("selfeval:action-plan", kwargs={"review_id": review.pk})
    return f"{url}#{fragment}" if fragment else url


def _prefill(request: HttpRequest, codes: set[str], intervention_ids: set[int]) -> dict[str, Any]:
    """What a signpost link asked to prefill: ``?domain=<code>&intervention=<page id>``."""
    initial: dict[str, Any] = {}
    code = request.GET.get("domain", "")
    if code in codes:
        initial["domain"] = code
    raw = request.GET.get("intervention", "")
    if raw.isdigit() and int(raw) in intervention_ids:
        initial["intervention"] = int(raw)
    return initial


def _choices(request: HttpRequest, review: Review, plan: selectors.Plan) -> dict[str, Any]:
    return {
        "domains": plan.domains,
        "members": selectors.school_members(review.school_id),
        "interventions": selectors.intervention_choices(request.user),
    }


def _add_forms(
    request: HttpRequest,
    plan: selectors.Plan,
    choices: dict[str, Any],
    *,
    bound: tuple[str, ActionForm] | None = None,
) -> tuple[dict[str, AddForm], AddForm]:
    """An "add" form under each priority, and one for any other domain.

    Exactly one of them is the target of ``#add-action``: the form that failed to save,
    else the one a signpost asked to prefill, else the general one.
    """
    prefill = _prefill(
        request, {d.code for d in plan.domains}, {i.pk for i in choices["interventions"]}
    )
    asked = prefill.get("domain")
    priority_codes = {s.domain.code for s in plan.priorities}
    anchor = OTHER if asked not in priority_codes else asked
    if bound is not None:
        anchor = bound[0]
    forms: dict[str, AddForm] = {}
    for section in plan.priorities:
        code = section.domain.code
        if bound is not None and bound[0] == code:
            forms[code] = AddForm(bound[1], is_open=True, is_anchor=True)
            continue
        initial = prefill if asked == code else {"domain": code}
        form = ActionForm(initial=initial, prefix=f"add-{code}", domain_fixed=True, **choices)
        forms[code] = AddForm(form, is_open=asked == code, is_anchor=anchor == code)
    if bound is not None and bound[0] == OTHER:
        other = AddForm(bound[1], is_open=True, is_anchor=True)
    else:
        elsewhere = asked is not None and asked not in priority_codes
        form = ActionForm(initial=prefill if elsewhere else {}, prefix=f"add-{OTHER}", **choices)
        other = AddForm(form, is_open=elsewhere, is_anchor=anchor == OTHER)
    return forms, other


def _pilot_links(request: HttpRequest, review: Review, plan: selectors.Plan) -> dict[str, Any]:
    """Whether to offer "Start a pilot" by each action, and which actions have a pilot
    already (one query, only for those who may start pilots at the school)."""
    if not lab_rules.can_edit_pilots(request.user, review.school_id):
        return {"may_start_pilot": False, "piloted_actions": set()}
    ids = [item.action.pk for s in (*plan.priorities, *plan.others) for item in s.actions]
    return {
        "may_start_pilot": True,
        "piloted_actions": actions_with_pilots(review.school_id, ids),
    }


def _render_plan(
    request: HttpRequest,
    review: Review,
    plan: selectors.Plan,
    choices: dict[str, Any] | None,
    *,
    bound: tuple[str, ActionForm] | None = None,
) -> HttpResponse:
    can_plan = rules.can_plan_actions(request.user, review)
    forms: dict[str, AddForm] = {}
    other: AddForm | None = None
    if can_plan and choices is not None:
        forms, other = _add_forms(request, plan, choices, bound=bound)
    priority_rows = [(s, forms.get(s.domain.code)) for s in plan.priorities]
    return render(
        request,
        "selfeval/action_plan.html",
        {
            "review": review,
            "plan": plan,
            "counts": plan.counts,
            "priority_rows": priority_rows,
            "other_sections": plan.others,
            "other_form": other,
            "can_plan": can_plan,
            "has_errors": bound is not None,
            **_pilot_links(request, review, plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_plan(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    if not review.is_submitted:
        messages.info(
            request,
            _("The action plan follows the report: submit the review to start planning."),
        )
        return redirect("selfeval:review-detail", review_id=review.pk)
    today = timezone.localdate()
    if request.method == "GET":
        plan = selectors.action_plan(review, today=today)
        can_plan = rules.can_plan_actions(request.user, review)
        choices = _choices(request, review, plan) if can_plan else None
        return _render_plan(request, review, plan, choices)

    if not rules.can_plan_actions(request.user, review):
        raise PermissionDenied
    plan = selectors.action_plan(review, today=today)
    choices = _choices(request, review, plan)
    section = request.POST.get("section", OTHER)
    priority_codes = {s.domain.code for s in plan.priorities}
    if section not in priority_codes:
        section = OTHER
    data = request.POST.copy()
    if section != OTHER:
        # The form under a priority adds to that priority, whatever else was posted.
        data[f"add-{section}-domain"] = section
    form = ActionForm(data, prefix=f"add-{section}", domain_fixed=section != OTHER, **choices)
    action = None
    if form.is_valid():
        cleaned = form.cleaned_data
        try:
            action = services.action_create(
                review=review,
                user=request.user,
                domain=cleaned["domain"],
                title=cleaned["title"],
                owner=cleaned["owner"],
                due_date=cleaned["due_date"],
                status=cleaned["status"],
                notes=cleaned["notes"],
                intervention=cleaned["intervention"],
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
    if action is not None and not (is_htmx(request) and section != OTHER):
        messages.success(request, _("Action added: %(title)s") % {"title": action.title})
        return redirect(_plan_url(review, f"action-{action.pk}"))
    if is_htmx(request) and section != OTHER:
        plan = selectors.action_plan(review, today=today)
        found = plan.section(section)
        if action is not None:
            fresh = ActionForm(
                initial={"domain": section},
                prefix=f"add-{section}",
                domain_fixed=True,
                **choices,
            )
            add = AddForm(fresh, is_open=False, is_anchor=True)
        else:
            add = AddForm(form, is_open=True, is_anchor=True)
        return render(
            request,
            "selfeval/action_plan.html#section",
            {
                "review": review,
                "section": found,
                "add": add,
                "can_plan": True,
                "counts": plan.counts,
                "added": action,
                "htmx": True,
                **_pilot_links(request, review, plan),
            },
        )
    return _render_plan(request, review, plan, choices, bound=(section, form))


def _action(review: Review, action_id: int) -> Action:
    if action_id > MAX_ID:
        raise Http404
    return get_object_or_404(
        Action.objects.filter(review=review).select_related("domain", "owner", "intervention"),
        pk=action_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, review_id: int, action_id: int) -> HttpResponse:
    review = _review(request, review_id)
    action = _action(review, action_id)
    if not rules.can_update_action(request.user, action, review):
        raise PermissionDenied
    full = rules.can_plan_actions(request.user, review)
    form: ActionForm | ActionProgressForm
    if full:
        domains = selectors.version_domains(review)
        form = ActionForm(
            request.POST or None,
            initial=ActionForm.initial_from(action),
            domains=domains,
            members=selectors.school_members(review.school_id),
            interventions=_with_current(
                selectors.intervention_choices(request.user), action.intervention
            ),
        )
    else:
        form = ActionProgressForm(
            request.POST or None, initial={"status": action.status, "notes": action.notes}
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if full:
                services.action_update(
                    action=action,
                    user=request.user,
                    domain=data["domain"],
                    title=data["title"],
                    owner=data["owner"],
                    due_date=data["due_date"],
                    status=data["status"],
                    notes=data["notes"],
                    intervention=data["intervention"],
                )
            else:
                services.action_progress(
                    action=action, user=request.user, status=data["status"], notes=data["notes"]
                )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Action saved: %(title)s") % {"title": action.title})
            return redirect(_plan_url(review, f"action-{action.pk}"))
    return render(
        request,
        "selfeval/action_edit.html",
        {"review": review, "action": action, "form": form, "full": full},
    )


def _with_current(interventions: list[Any], current: Any) -> list[Any]:
    """Keep an action's intervention choosable while editing, even if the Hub has since
    unpublished it (the service only checks an intervention when it changes)."""
    if current is not None and all(i.pk != current.pk for i in interventions):
        return [*interventions, current]
    return interventions


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, review_id: int, action_id: int) -> HttpResponse:
    review = _review(request, review_id)
    action = _action(review, action_id)
    if not rules.can_plan_actions(request.user, review):
        raise PermissionDenied
    if request.method == "POST":
        title = action.title
        services.action_delete(action=action, user=request.user)
        messages.success(request, _("Action deleted: %(title)s") % {"title": title})
        return redirect(_plan_url(review, f"domain-{action.domain.code}"))
    return render(request, "selfeval/action_delete.html", {"review": review, "action": action})
