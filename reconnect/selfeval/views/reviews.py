"""Completing a review: the list, the framework, starting, answering, inviting, submitting.

Every view reaches a review through ``selectors.reviews.review_for_member``, so another
school's review is a 404, as if it did not exist; then ``rules`` decide (403), then a form,
then a service. Every member of the school may read a review; its lead and the colleagues
they invited answer it; only the lead invites, removes and submits.

Answers save as you go: each statement is its own form. Without JavaScript a save POSTs
and comes back to the statement; with htmx, choosing a level or pausing in the evidence
saves and swaps just the statement's state (its revision, who changed it, its history)
and a polite status, never the radios or the text box the person may still be typing in.
"""

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.htmx import is_htmx
from reconnect.schools.models import Membership, School
from reconnect.schools.roles import SchoolRole
from reconnect.selfeval import rules
from reconnect.selfeval.forms import AnswerForm, ContributorForm, ReviewStartForm, suggested_title
from reconnect.selfeval.models import (
    Answer,
    AnswerChange,
    Domain,
    Framework,
    FrameworkVersion,
    Level,
    Review,
    Statement,
)
from reconnect.selfeval.selectors import reviews as selectors
from reconnect.selfeval.selectors import saving
from reconnect.selfeval.services import reviews as services

LIST_TEMPLATE = "selfeval/review_list.html"
DETAIL_TEMPLATE = "selfeval/review_detail.html"
DOMAIN_TEMPLATE = "selfeval/review_domain.html"
SUBMIT_TEMPLATE = "selfeval/review_submit.html"

# The largest primary key either database holds: a bigger number in the URL is simply not a
# review (SQLite would otherwise overflow into a 500).
MAX_ID = 2**31 - 1
RECENT_CHANGES = 8
# Where a no-JavaScript save leaves its "Saved" notice for the statement it returns to.
SAVED_NOTICE = "selfeval.saved"


# --- Shared helpers ---------------------------------------------------------------------------


def _member(request: HttpRequest) -> Any:
    """The signed-in user with their memberships loaded once, so ``rules`` read no more."""
    user: Any = request.user
    prefetch_related_objects(
        [user],
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("school").order_by("school__name"),
        ),
    )
    return user


def _review(request: HttpRequest, review_id: int) -> Review:
    """One of the user's schools' reviews, or 404 (another school's is never confirmed)."""
    if review_id > MAX_ID:
        raise Http404
    return get_object_or_404(selectors.review_for_member(request.user), pk=review_id)


def _content(review: Review) -> FrameworkVersion:
    return selectors.version_with_content(review.version_id).get()


def _numbers(version: FrameworkVersion) -> dict[int, str]:
    """Each statement's number as people say it: "3.2" is the third domain's second."""
    return {
        statement.pk: f"{d}.{s}"
        for d, domain in enumerate(version.domains.all(), start=1)
        for s, statement in enumerate(domain.statements.all(), start=1)
    }


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": date_format(local, "j F Y"),
        "time": time_format(local, "H:i"),
    }


def _level_words(level: int | None) -> str:
    return str(Level(level).label) if level is not None else _("no level")


def _nearest_level(score: float | None) -> str:
    """The words of the level nearest a score: 2.5 and above reads as Established."""
    if score is None:
        return ""
    return str(Level(min(4, max(1, math.floor(score + 0.5)))).label)


def _time_needed(statements: int) -> str:
    """About two minutes a statement, rounded to what a head plans around."""
    minutes = statements * 2
    if minutes < 60:
        rounded = max(5, 5 * round(minutes / 5))
        return ngettext("about %(n)d minute", "about %(n)d minutes", rounded) % {"n": rounded}
    halves = round(minutes / 30) / 2
    if halves == int(halves):
        hours = int(halves)
        return ngettext("about %(n)d hour", "about %(n)d hours", hours) % {"n": hours}
    return _("about %(n)s hours") % {"n": f"{halves:.1f}"}


@dataclass(frozen=True)
class Notice:
    """What the status line under a statement says after a save."""

    kind: str  # "saved", "replaced" or "error"
    text: str


def _replaced(overwritten: AnswerChange | None, user: Any) -> Notice | None:
    """The notice for a save that replaced a colleague's answer its author had not seen."""
    if overwritten is None or overwritten.changed_by_id == user.pk:
        return None
    name = str(overwritten.changed_by) if overwritten.changed_by else _("a former colleague")
    return Notice(
        "replaced",
        _(
            "Saved. You replaced %(name)s’s answer (%(level)s, saved %(when)s); "
            "it is kept in the history."
        )
        % {
            "name": name,
            "level": _level_words(overwritten.level),
            "when": _when(overwritten.changed_at),
        },
    )


# --- The list of reviews ----------------------------------------------------------------------


@dataclass
class SchoolReviews:
    school: School
    is_lead: bool
    open_reviews: list[Review] = field(default_factory=list)
    submitted: list[Review] = field(default_factory=list)
    start_form: ReviewStartForm | None = None


def _list_context(request: HttpRequest, bound: ReviewStartForm | None = None) -> dict[str, Any]:
    user = _member(request)
    memberships = list(user.memberships.all())
    frameworks = list(selectors.frameworks_with_published_versions())
    reviews = list(
        selectors.reviews_of_my_schools(user)
        .annotate(answered=Count("answers", filter=Q(answers__level__isnull=False)))
        .order_by("-submitted_at", "-created_at")
    )
    totals = dict(
        Statement.objects.filter(domain__version_id__in={r.version_id for r in reviews})
        .values_list("domain__version_id")
        .annotate(n=Count("pk"))
        .values_list("domain__version_id", "n")
    )
    schools = {
        m.school_id: SchoolReviews(school=m.school, is_lead=m.role == SchoolRole.SCHOOL_LEAD)
        for m in memberships
    }
    for review in reviews:
        entry = schools[review.school_id]
        if review.is_submitted:
            review.level_words = _nearest_level(review.overall_score)  # type: ignore[attr-defined]
            entry.submitted.append(review)
        else:
            review.statement_total = totals.get(review.version_id, 0)  # type: ignore[attr-defined]
            entry.open_reviews.append(review)
    led = [entry.school for entry in schools.values() if entry.is_lead]
    title = suggested_title(timezone.localdate())
    reconnect = next((f for f in frameworks if f.slug == selectors.RECONNECT_FRAMEWORK), None)
    default_framework = reconnect or (frameworks[0] if frameworks else None)
    for entry in schools.values():
        busy = {r.framework_id for r in entry.open_reviews}
        free = [f for f in frameworks if f.pk not in busy]
        if not entry.is_lead or not free:
            continue
        if bound is not None and bound.data.get("school") == str(entry.school.pk):
            entry.start_form = bound
            continue
        first = default_framework if default_framework in free else free[0]
        entry.start_form = ReviewStartForm(
            schools=led,
            frameworks=free,
            initial={"school": entry.school.pk, "framework": first.pk, "title": title},
            auto_id=f"start-{entry.school.pk}-%s",
        )
    version = selectors.latest_published_version(default_framework) if default_framework else None
    size = None
    if version is not None:
        size = Statement.objects.filter(domain__version=version).aggregate(
            statements=Count("pk"), domains=Count("domain", distinct=True)
        )
        size["time"] = _time_needed(size["statements"])
    return {
        "schools": list(schools.values()),
        "framework": default_framework,
        "size": size,
        "shared": list(selectors.reports_shared_with(user)),
        "can_see_network": rules.can_see_network_view(user),
        "start_errors": bound if bound is not None and bound.errors else None,
    }


@login_required
@never_cache
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    return render(request, LIST_TEMPLATE, _list_context(request))


@login_required
@require_POST
def review_start(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    led = [m.school for m in user.memberships.all() if m.role == SchoolRole.SCHOOL_LEAD]
    if not led:
        return HttpResponse(status=403)
    frameworks = list(selectors.frameworks_with_published_versions())
    school_id = request.POST.get("school", "")
    form = ReviewStartForm(
        request.POST,
        schools=led,
        frameworks=frameworks,
        auto_id=f"start-{school_id}-%s" if school_id.isdigit() else "start-%s",
    )
    if form.is_valid():
        try:
            review = services.review_start(
                school=form.cleaned_data["school"],
                framework=form.cleaned_data["framework"],
                user=user,
                title=form.cleaned_data["title"],
                request=request,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("You started “%(title)s”. Invite colleagues to help you answer it.")
                % {"title": review.title},
            )
            return redirect("selfeval:review-detail", review_id=review.pk)
    return render(request, LIST_TEMPLATE, _list_context(request, bound=form), status=400)


# --- The framework, for anyone ----------------------------------------------------------------


@require_GET
def framework_detail(request: HttpRequest) -> HttpResponse:
    framework = get_object_or_404(Framework, slug=selectors.RECONNECT_FRAMEWORK)
    latest = selectors.latest_published_version(framework)
    if latest is None:
        raise Http404
    version = selectors.version_with_content(latest.pk).get()
    return render(
        request,
        "selfeval/framework_detail.html",
        {
            "framework": framework,
            "version": version,
            "levels": Level,
            "can_review": request.user.is_authenticated,
        },
    )


# --- One review -------------------------------------------------------------------------------


def _colleagues_to_invite(review: Review) -> list[Any]:
    """Active members of the school who are neither contributors nor leads (who answer
    anyway), by name."""
    taken = {c.user_id for c in review.contributors.all()}
    members = (
        Membership.objects.filter(school_id=review.school_id, user__is_active=True)
        .exclude(role=SchoolRole.SCHOOL_LEAD)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    return [m.user for m in members if m.user_id not in taken]


@dataclass(frozen=True)
class ChangeRow:
    change: AnswerChange
    number: str
    url: str


def _recent_changes(review: Review, numbers: dict[int, str]) -> list[ChangeRow]:
    """The latest saves across the review, newest first, each linked to its statement."""
    changes = (
        AnswerChange.objects.filter(answer__review=review)
        .select_related("changed_by", "answer__statement__domain")
        .order_by("-changed_at", "-pk")[:RECENT_CHANGES]
    )
    rows = []
    for change in changes:
        statement = change.answer.statement
        url = reverse("selfeval:review-domain", args=[review.pk, statement.domain.code])
        rows.append(
            ChangeRow(
                change=change, number=numbers[statement.pk], url=f"{url}#statement-{statement.pk}"
            )
        )
    return rows


def _detail_context(
    request: HttpRequest, review: Review, invite: ContributorForm | None = None
) -> dict[str, Any]:
    user = _member(request)
    version = _content(review)
    progress = selectors.progress(version, selectors.answers_by_statement(review))
    is_lead = rules.can_manage_review(user, review)
    if is_lead and not review.is_submitted and invite is None:
        invite = ContributorForm(colleagues=_colleagues_to_invite(review), auto_id="invite-%s")
    domains = version.domains.all()
    answered = sum(row.answered for row in progress)
    total = sum(row.total for row in progress)
    first_todo = next((row for row in progress if not row.complete), None)
    return {
        "review": review,
        "version": version,
        "progress": progress,
        "answered": answered,
        "total": total,
        "remaining": total - answered,
        "first_domain": first_todo.domain if first_todo else (domains[0] if domains else None),
        "is_lead": is_lead,
        "can_answer": rules.can_answer(user, review),
        "contributors": list(review.contributors.all()),
        "invite": invite if is_lead else None,
        "changes": _recent_changes(review, _numbers(version)),
    }


@login_required
@never_cache
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, review))


# --- Answering, one domain at a time ----------------------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    """One save in a statement's history, in the words the page shows."""

    level: str  # the level's name, or "No level"
    by: str  # "by Sam Staff, 15 October 2025 at 10:30"
    replaced: bool  # it replaced an answer its author had not seen
    evidence: str


def _history_lines(changes: list[AnswerChange]) -> list[HistoryLine]:
    """The history newest first, worded here rather than in the template: a history grows
    with every save and each of its lines took the template several translations and date
    formats; here a day is formatted once and the words are looked up once."""
    former = _("a former colleague")
    no_level = _("No level")
    labels = {level.value: str(level.label) for level in Level}
    days: dict[datetime.date, str] = {}
    lines = []
    for change in reversed(changes):
        local = timezone.localtime(change.changed_at)
        day = days.get(local.date())
        if day is None:
            day = days[local.date()] = date_format(local, "j F Y")
        name = str(change.changed_by) if change.changed_by_id else former
        lines.append(
            HistoryLine(
                level=labels[change.level] if change.level else no_level,
                by=_("by %(name)s, %(date)s at %(time)s")
                % {"name": name, "date": day, "time": time_format(local, "H:i")},
                replaced=bool(change.overwrote_revision),
                evidence=change.evidence,
            )
        )
    return lines


@dataclass
class StatementItem:
    """One statement on the domain page, with its answer, history and form."""

    statement: Statement
    number: str
    answer: Answer | None
    history: list[HistoryLine]  # newest first
    form: AnswerForm | None
    seen_revision: int | None
    notice: Notice | None = None

    @property
    def chosen(self) -> int | None:
        """The level the radios show: what was posted, after an error, or the answer's."""
        if self.form is not None and self.form.is_bound:
            value = self.form.data.get("level")
            return int(value) if value in {"1", "2", "3", "4"} else None
        return self.answer.level if self.answer else None

    @property
    def evidence(self) -> str:
        if self.form is not None and self.form.is_bound:
            return str(self.form.data.get("evidence", ""))
        return self.answer.evidence if self.answer else ""

    @property
    def levels(self) -> list[dict[str, Any]]:
        chosen = self.chosen
        return [
            {
                "value": level.value,
                "label": level.label,
                "descriptor": self.statement.descriptor(level.value),
                "checked": level.value == chosen,
            }
            for level in Level
        ]


def _statement_item(
    statement: Statement,
    *,
    number: str,
    answer: Answer | None,
    history: list[AnswerChange],
    editable: bool,
    form: AnswerForm | None = None,
    notice: Notice | None = None,
    seen_revision: int | None = None,
) -> StatementItem:
    if editable and form is None:
        form = AnswerForm(auto_id=f"statement-{statement.pk}-%s")
    if seen_revision is None and answer is not None and (form is None or not form.is_bound):
        seen_revision = answer.revision
    return StatementItem(
        statement=statement,
        number=number,
        answer=answer,
        history=_history_lines(history),
        form=form if editable else None,
        seen_revision=seen_revision,
        notice=notice,
    )


def _domain_or_404(version: FrameworkVersion, code: str) -> tuple[int, Domain]:
    for position, domain in enumerate(version.domains.all()):
        if domain.code == code:
            return position, domain
    raise Http404


def _domain_context(
    request: HttpRequest,
    review: Review,
    code: str,
    *,
    failed: tuple[int, AnswerForm, Notice | None] | None = None,
) -> dict[str, Any]:
    """The domain page; ``failed`` is a save that did not go through (statement, form,
    notice), shown in place of that statement's fresh form."""
    user = _member(request)
    version = _content(review)
    position, domain = _domain_or_404(version, code)
    domains = list(version.domains.all())
    answers = selectors.answers_by_statement(review)
    history = selectors.answer_history(review)
    progress = selectors.progress(version, answers)
    numbers = _numbers(version)
    editable = rules.can_answer(user, review)
    flash = request.session.pop(SAVED_NOTICE, None)
    items = []
    for statement in domain.statements.all():
        form, notice, seen = None, None, None
        if failed is not None and failed[0] == statement.pk:
            form, notice = failed[1], failed[2]
            seen = _posted_revision(form)
        elif flash and flash.get("review") == review.pk and flash.get("statement") == statement.pk:
            notice = Notice(flash["kind"], flash["text"])
        items.append(
            _statement_item(
                statement,
                number=numbers[statement.pk],
                answer=answers.get(statement.pk),
                history=history.get(statement.pk, []),
                editable=editable,
                form=form,
                notice=notice,
                seen_revision=seen,
            )
        )
    row = progress[position]
    return {
        "review": review,
        "domain": domain,
        "domain_number": position + 1,
        "items": items,
        "editable": editable,
        "domain_progress": row,
        "progress": progress,
        "answered": sum(r.answered for r in progress),
        "total": sum(r.total for r in progress),
        "previous": domains[position - 1] if position > 0 else None,
        "next": domains[position + 1] if position + 1 < len(domains) else None,
        "failed_form": failed[1] if failed is not None else None,
        "failed_notice": failed[2] if failed is not None else None,
        "failed_statement": failed[0] if failed is not None else None,
        "is_lead": rules.can_manage_review(user, review),
    }


@login_required
@never_cache
@require_GET
def review_domain(request: HttpRequest, review_id: int, code: str) -> HttpResponse:
    review = _review(request, review_id)
    return render(request, DOMAIN_TEMPLATE, _domain_context(request, review, code))


def _progress_now(review: Review, domain: Domain) -> dict[str, Any]:
    """The domain page's progress line after a save, swapped in beside the statement."""
    now = selectors.progress_after_save(review, domain)
    return {
        "domain_progress": now.domain,
        "answered": now.answered,
        "total": now.total,
        "oob": True,
    }


@login_required
@never_cache
@require_POST
def answer_save(request: HttpRequest, review_id: int, statement_id: int) -> HttpResponse:
    if review_id > MAX_ID or statement_id > MAX_ID:
        raise Http404
    # The review with the user's role and invitation, in one query: a save is the page's most
    # frequent request, and it needs none of the review's relations.
    review = selectors.review_for_answering(request.user, review_id)
    if review is None:
        raise Http404
    statement = saving.statement_of_version(statement_id, review.version_id)
    if statement is None:
        raise Http404
    # The lead or an invited colleague. A submitted review still lets them through to the
    # service, which says plainly that it was submitted (a colleague's page may be older).
    if not rules.may_answer(review.viewer_role, invited=review.viewer_invited):  # type: ignore[attr-defined]
        return HttpResponse(status=403)
    user: Any = request.user
    form = AnswerForm(
        request.POST,
        # Read only for a save that posts nothing, the one case where it matters.
        has_answer=lambda: _answer(review, statement) is not None,
        auto_id=f"statement-{statement.pk}-%s",
    )
    htmx = is_htmx(request)
    if not form.is_valid():
        notice = Notice("error", _("Not saved: %(problem)s.") % {"problem": _problem(form)})
        return _save_failed(request, review, statement, form, notice, status=400, htmx=htmx)
    try:
        saved = services.answer_save(
            review=review,
            statement=statement,
            user=user,
            level=form.cleaned_data["level"],
            evidence=form.cleaned_data["evidence"],
            seen_revision=form.cleaned_data["seen_revision"],
        )
    except ApplicationError as error:
        notice = Notice("error", _("Not saved: %(problem)s") % {"problem": _lower(error.message)})
        return _save_failed(request, review, statement, form, notice, status=409, htmx=htmx)
    notice = _replaced(saved.overwritten, user) or Notice("saved", _("Saved."))
    _known_author(saved.answer, user, saved.history)
    if htmx:
        item = _statement_item(
            statement,
            number="",
            answer=saved.answer,
            history=saved.history,
            editable=True,
            notice=notice,
        )
        context = {"item": item, "review": review, **_progress_now(review, statement.domain)}
        return render(request, f"{DOMAIN_TEMPLATE}#answer_saved", context)
    request.session[SAVED_NOTICE] = {
        "review": review.pk,
        "statement": statement.pk,
        "kind": notice.kind,
        "text": notice.text,
    }
    url = reverse(
        "selfeval:review-domain", kwargs={"review_id": review.pk, "code": statement.domain.code}
    )
    return redirect(f"{url}#statement-{statement.pk}")


def _known_author(answer: Answer, user: Any, history: list[AnswerChange]) -> None:
    """Give the answer its last author from what the save already read (the saver, or a
    change's author read with the history), so "Last changed by" needs no query."""
    if Answer.updated_by.is_cached(answer) or answer.updated_by_id is None:
        return
    if answer.updated_by_id == user.pk:
        Answer.updated_by.field.set_cached_value(answer, user)
        return
    for change in history:
        if change.changed_by_id == answer.updated_by_id and change.changed_by is not None:
            Answer.updated_by.field.set_cached_value(answer, change.changed_by)
            return


def _answer(review: Review, statement: Statement) -> Answer | None:
    # Unique per review and statement: no ordering, so none of the model ordering's joins.
    return Answer.objects.filter(review=review, statement=statement).order_by().first()


def _posted_revision(form: AnswerForm) -> int | None:
    """The revision a failed form was drawn from, kept so the next save still knows it."""
    raw = str(form.data.get("seen_revision", ""))
    return int(raw) if raw.isdigit() and int(raw) <= MAX_ID else None


def _problem(form: AnswerForm) -> str:
    """The first error, as the status line's sentence (errors are written as instructions)."""
    for errors in form.errors.values():
        for error in errors:
            return _lower(str(error))
    return _("check your answer")


def _lower(sentence: str) -> str:
    """A sentence continued after "Not saved:"."""
    return sentence[:1].lower() + sentence[1:]


def _save_failed(
    request: HttpRequest,
    review: Review,
    statement: Statement,
    form: AnswerForm,
    notice: Notice,
    *,
    status: int,
    htmx: bool,
) -> HttpResponse:
    if htmx:
        answer = _answer(review, statement)
        item = _statement_item(
            statement,
            number="",
            answer=answer,
            history=list(
                AnswerChange.objects.filter(answer=answer)
                .select_related("changed_by")
                .order_by("revision")
            )
            if answer
            else [],
            editable=True,
            form=form,
            notice=notice,
            # Keep what the form saw: a later save must still be recognised as overwriting.
            seen_revision=_posted_revision(form),
        )
        return render(
            request,
            f"{DOMAIN_TEMPLATE}#answer_saved",
            {"item": item, "review": review},
            status=status,
        )
    # The whole page: the review with the relations it shows (the save read it bare).
    context = _domain_context(
        request,
        _review(request, review.pk),
        statement.domain.code,
        failed=(statement.pk, form, notice),
    )
    return render(request, DOMAIN_TEMPLATE, context, status=status)


# --- Contributors -----------------------------------------------------------------------------


@login_required
@require_POST
def contributor_add(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    user = _member(request)
    if not rules.can_manage_review(user, review):
        return HttpResponse(status=403)
    form = ContributorForm(
        request.POST, colleagues=_colleagues_to_invite(review), auto_id="invite-%s"
    )
    if form.is_valid():
        colleague = form.cleaned_data["colleague"]
        try:
            services.contributor_add(review=review, colleague=colleague, user=user, request=request)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s can now answer this review. We have emailed them a link to it.")
                % {"name": colleague},
            )
        return redirect(reverse("selfeval:review-detail", args=[review.pk]) + "#contributors")
    context = _detail_context(request, review, invite=form)
    return render(request, DETAIL_TEMPLATE, context, status=400)


@login_required
@require_POST
def contributor_remove(request: HttpRequest, review_id: int, user_id: int) -> HttpResponse:
    review = _review(request, review_id)
    user = _member(request)
    if not rules.can_manage_review(user, review):
        return HttpResponse(status=403)
    contributor = next((c for c in review.contributors.all() if c.user_id == user_id), None)
    if contributor is None:
        raise Http404
    services.contributor_remove(
        review=review, colleague=contributor.user, user=user, request=request
    )
    messages.success(
        request,
        _("%(name)s can no longer answer this review. Their answers stay, with their name.")
        % {"name": contributor.user},
    )
    return redirect(reverse("selfeval:review-detail", args=[review.pk]) + "#contributors")


# --- Submitting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnansweredDomain:
    domain: Domain
    number: int
    statements: list[tuple[str, Statement]]


def _group_unanswered(
    version: FrameworkVersion, missing: list[Statement]
) -> list[UnansweredDomain]:
    numbers = _numbers(version)
    missing_ids = {s.pk for s in missing}
    groups = []
    for position, domain in enumerate(version.domains.all(), start=1):
        rows = [(numbers[s.pk], s) for s in domain.statements.all() if s.pk in missing_ids]
        if rows:
            groups.append(UnansweredDomain(domain=domain, number=position, statements=rows))
    return groups


def _submit_context(
    review: Review, missing: list[Statement], error: str | None = None
) -> dict[str, Any]:
    version = _content(review)
    return {
        "review": review,
        "unanswered": _group_unanswered(version, missing),
        "missing": len(missing),
        "total": len(_numbers(version)),
        "error": error,
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def review_submit(request: HttpRequest, review_id: int) -> HttpResponse:
    review = _review(request, review_id)
    user = _member(request)
    if not rules.can_manage_review(user, review):
        return HttpResponse(status=403)
    if review.is_submitted:
        messages.info(request, _("This review has already been submitted."))
        return redirect("selfeval:report-detail", review_id=review.pk)
    if request.method == "GET":
        missing = selectors.unanswered_statements(review)
        return render(request, SUBMIT_TEMPLATE, _submit_context(review, missing))
    try:
        services.review_submit(review=review, user=user, request=request)
    except services.UnansweredStatementsError as error:
        # Counted here rather than in the service's message, which is not plural-aware.
        count = len(error.statements)
        message = ngettext(
            "%(count)d statement still needs an answer before you can submit.",
            "%(count)d statements still need an answer before you can submit.",
            count,
        ) % {"count": count}
        context = _submit_context(review, error.statements, error=message)
        return render(request, SUBMIT_TEMPLATE, context, status=400)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("selfeval:review-detail", review_id=review.pk)
    messages.success(
        request,
        _("You submitted “%(title)s”. Here is your report.") % {"title": review.title},
    )
    return redirect("selfeval:report-detail", review_id=review.pk)
