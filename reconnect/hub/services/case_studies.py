"""Members' case studies: submitted as drafts, reviewed by coordinators in Wagtail.

A member never publishes. ``case_study_submit`` files a draft ``CaseStudyPage`` under the
case-studies section and starts the Hub's review workflow on it; Wagtail's own workflow
e-mails tell the coordinators (through the queued mailer). A coordinator approves it in the
admin (it goes live) or asks for changes; the member then edits and resubmits it here, or
withdraws it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState, WorkflowState

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.models import (
    CaseStudyPage,
    CaseStudySectionPage,
    InterventionPage,
    Phase,
    Theme,
    Visibility,
)
from reconnect.schools.models import School

# Enough for a school writing up a term's work; few enough that a stolen session cannot
# bury the coordinators' review queue.
SUBMISSIONS_PER_DAY = 10
SLUG_MAX = 80


@dataclass
class CaseStudyDraft:
    """What a member writes; the form's cleaned data, field for field."""

    title: str
    summary: str
    context: str
    what_we_did: str
    evidence_of_impact: str
    what_others_can_take: str
    themes: Iterable[Theme]
    phases: Iterable[Phase] = field(default_factory=list)
    interventions: Iterable[InterventionPage] = field(default_factory=list)
    school: School | None = None
    school_consent: bool = False


class SubmissionStatus(models.TextChoices):
    """Where a submission stands, in the member's words rather than Wagtail's."""

    AWAITING_REVIEW = "awaiting_review", gettext_lazy("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", gettext_lazy("Changes requested")
    APPROVED = "approved", gettext_lazy("Approved, not yet published")
    PUBLISHED = "published", gettext_lazy("Published")
    UNPUBLISHED = "unpublished", gettext_lazy("Taken down by a coordinator")
    # Withdrawn by the member, or the review cancelled by a coordinator: either way it is
    # out of review, and the member may send a new one.
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn from review")


def _check_school(user: Any, school: School | None) -> None:
    if school is not None and not user.memberships.filter(school=school).exists():
        raise ApplicationError(
            _("You can only name a school you belong to. Choose one of your schools."),
            field="school",
        )


class SubmissionLimitError(ApplicationError):
    """The member has submitted as many case studies as a day allows."""


def _check_rate(user: Any) -> None:
    since = timezone.now() - timedelta(days=1)
    recent = AuditEvent.objects.filter(
        actor=user, action=AuditEvent.Action.CASE_STUDY_SUBMITTED, created_at__gte=since
    ).count()
    if recent >= SUBMISSIONS_PER_DAY:
        raise SubmissionLimitError(
            _(
                "You have submitted %(count)d case studies in the last 24 hours, the most we "
                "accept in a day. Please try again tomorrow."
            )
            % {"count": recent}
        )


def _free_slug(section: Page, title: str) -> str:
    base = slugify(title)[:SLUG_MAX].strip("-") or "case-study"
    taken = set(section.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def _apply(page: CaseStudyPage, draft: CaseStudyDraft) -> None:
    page.title = draft.title.strip()
    page.draft_title = page.title
    page.summary = draft.summary.strip()
    page.context = draft.context.strip()
    page.what_we_did = draft.what_we_did.strip()
    page.evidence_of_impact = draft.evidence_of_impact.strip()
    page.what_others_can_take = draft.what_others_can_take.strip()
    page.school = draft.school
    # Consent to be named means nothing without a school to name.
    page.school_consent = bool(draft.school is not None and draft.school_consent)
    page.themes.set(list(draft.themes))
    page.phases.set(list(draft.phases))
    page.interventions.set(list(draft.interventions))


def case_study_submit(
    *, user: Any, data: CaseStudyDraft, request: HttpRequest | None = None
) -> CaseStudyPage:
    """File a member's case study as a draft and send it to the coordinators for review.

    Side effects: a draft CaseStudyPage (members-only by default; the coordinator may make
    it public) with its first revision, a "Hub review" workflow in progress (Wagtail e-mails
    the Coordinators group), and a CASE_STUDY_SUBMITTED audit event.
    Raises ApplicationError when the school is not one of the member's, when the member has
    reached the daily limit, or when the Hub's case-study section is missing.
    """
    _check_school(user, data.school)
    with transaction.atomic():
        _check_rate(user)
        section = CaseStudySectionPage.objects.first()
        if section is None:
            raise ApplicationError(_("Case studies cannot be submitted just now."))
        page = CaseStudyPage(
            slug=_free_slug(section, data.title),
            live=False,
            owner=user,
            submitted_by=user,
            visibility=Visibility.MEMBERS,
        )
        _apply(page, data)
        section.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        workflow = page.get_workflow()
        if workflow is None:
            raise ApplicationError(_("Case studies cannot be submitted just now."))
        workflow.start(page, user)
        audit_record(
            AuditEvent.Action.CASE_STUDY_SUBMITTED,
            request=request,
            actor=user,
            target=page,
            school_urn=data.school.urn if data.school else None,
            detail={"title": page.title},
        )
    return page


def _active_state(page: CaseStudyPage) -> WorkflowState | None:
    return page.workflow_states.active().first()


def changes_requested(page: CaseStudyPage) -> bool:
    """True while a coordinator's "request changes" waits for the member."""
    state = _active_state(page)
    return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES


def case_study_resubmit(
    *, user: Any, page: CaseStudyPage, data: CaseStudyDraft, request: HttpRequest | None = None
) -> CaseStudyPage:
    """Save the member's changes as a new revision and put it back in the review queue.

    Only the submitter may, and only while a coordinator has asked for changes.
    Side effects: a new revision, the workflow resumed at its rejected task (Wagtail
    e-mails the coordinators again), a CASE_STUDY_SUBMITTED audit event marked resubmitted.
    """
    _check_school(user, data.school)
    with transaction.atomic():
        page = CaseStudyPage.objects.select_for_update().get(pk=page.pk)
        state = _active_state(page)
        if (
            page.submitted_by_id != user.pk
            or state is None
            or state.status != WorkflowState.STATUS_NEEDS_CHANGES
        ):
            raise ApplicationError(
                _("Only a case study a coordinator has sent back to you can be changed.")
            )
        _check_rate(user)
        revised = page.get_latest_revision_as_object()
        _apply(revised, data)
        revised.save_revision(user=user, log_action=True)
        state.resume(user=user)
        audit_record(
            AuditEvent.Action.CASE_STUDY_SUBMITTED,
            request=request,
            actor=user,
            target=page,
            school_urn=data.school.urn if data.school else None,
            detail={"title": revised.title, "resubmitted": True},
        )
    return revised


def case_study_withdraw(
    *, user: Any, page: CaseStudyPage, request: HttpRequest | None = None
) -> CaseStudyPage:
    """The submitter takes an unpublished case study out of review.

    Side effects: the workflow is cancelled (the draft stays, for the audit trail and for
    coordinators), a CASE_STUDY_WITHDRAWN audit event.
    """
    with transaction.atomic():
        page = CaseStudyPage.objects.select_for_update().get(pk=page.pk)
        state = _active_state(page)
        if page.submitted_by_id != user.pk or page.live or state is None:
            raise ApplicationError(_("Only a case study still in review can be withdrawn."))
        state.cancel(user=user)
        audit_record(
            AuditEvent.Action.CASE_STUDY_WITHDRAWN,
            request=request,
            actor=user,
            target=page,
            school_urn=page.school.urn if page.school else None,
            detail={"title": page.draft_title},
        )
    return page


# --- Reads ----------------------------------------------------------------------------------
# Kept beside the service because the status words are defined here; ask the owner of
# hub/selectors.py to adopt it if it is ever read elsewhere.


def case_study_submissions(*, user: Any) -> QuerySet[CaseStudyPage]:
    """The member's own submissions, newest first, each with its latest review state.

    One query: the workflow status and the reviewer's last comment come from subqueries.
    """
    page_type = ContentType.objects.get_for_model(Page)
    states = WorkflowState.objects.filter(
        base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-created_at", "-pk")
    comments = (
        TaskState.objects.filter(
            workflow_state__base_content_type=page_type,
            workflow_state__object_id=Cast(OuterRef("pk"), CharField()),
            status=TaskState.STATUS_REJECTED,
        )
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
    )
    return (
        CaseStudyPage.objects.filter(submitted_by=user)
        .annotate(
            review_status=Subquery(states.values("status")[:1]),
            reviewer_comment=Subquery(comments.values("comment")[:1]),
        )
        .order_by("-pk")
    )


def submission_status(page: CaseStudyPage) -> SubmissionStatus:
    """A plain-words state for a page annotated by ``case_study_submissions``."""
    if page.live:
        return SubmissionStatus.PUBLISHED
    review_status = getattr(page, "review_status", None)
    if review_status == WorkflowState.STATUS_IN_PROGRESS:
        return SubmissionStatus.AWAITING_REVIEW
    if review_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return SubmissionStatus.CHANGES_REQUESTED
    if review_status == WorkflowState.STATUS_APPROVED and page.first_published_at is None:
        # Approved with a publishing date still to come.
        return SubmissionStatus.APPROVED
    if page.first_published_at is not None:
        return SubmissionStatus.UNPUBLISHED
    return SubmissionStatus.WITHDRAWN
