"""Starting a review, inviting colleagues, answering and submitting.

Permission checks (who is the lead, who was invited) happen in the views through
``rules``; these functions enforce what must hold whoever calls them: one open review per
school, answers only while the review is open, nothing submitted half-answered.
"""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import Membership, School
from reconnect.selfeval.analysis import scoring
from reconnect.selfeval.models import (
    Answer,
    AnswerChange,
    DomainScore,
    Framework,
    Review,
    ReviewContributor,
    ReviewStatus,
    Statement,
)
from reconnect.selfeval.selectors import saving
from reconnect.selfeval.selectors.reviews import latest_published_version, unanswered_statements


def review_start(
    *, school: School, framework: Framework, user: Any, title: str, request: Any = None
) -> Review:
    """Open a new review of ``framework``'s latest published version for ``school``.

    Audited. Raises ApplicationError if the framework has no published version or the
    school already has a review of it in progress.
    """
    version = latest_published_version(framework)
    if version is None:
        raise ApplicationError(_("This framework has no published version yet."))
    title = title.strip() or _("Review of %(date)s") % {
        "date": timezone.localdate().strftime("%B %Y")
    }
    try:
        with transaction.atomic():
            review = Review.objects.create(
                school=school, framework=framework, version=version, title=title, started_by=user
            )
    except IntegrityError as error:
        raise ApplicationError(
            _("Your school already has a review in progress. Finish or submit it first.")
        ) from error
    audit_record(
        "selfeval.review_started",
        request=request,
        actor=user,
        target=review,
        school_urn=school.urn,
        detail={"version": version.pk},
    )
    return review


def contributor_add(*, review: Review, colleague: Any, user: Any, request: Any = None) -> bool:
    """Invite a colleague at the review's school to answer it. Returns False if they
    already were one. Audited; the colleague is e-mailed (after commit, by a task).

    Raises ApplicationError if the review is submitted or the colleague is not a member of
    the school.
    """
    from reconnect.selfeval.emails import send_contributor_invited

    if review.is_submitted:
        raise ApplicationError(_("This review has been submitted; it takes no more answers."))
    if not Membership.objects.filter(user=colleague, school_id=review.school_id).exists():
        raise ApplicationError(_("Only colleagues at your school can help with its review."))
    _contributor, created = ReviewContributor.objects.get_or_create(
        review=review, user=colleague, defaults={"added_by": user}
    )
    if created:
        audit_record(
            "selfeval.contributor_added",
            request=request,
            actor=user,
            target=review,
            school_urn=review.school.urn,
            detail={"user": colleague.pk},
        )
        transaction.on_commit(
            lambda: send_contributor_invited(review=review, colleague=colleague, invited_by=user)
        )
    return created


def contributor_remove(*, review: Review, colleague: Any, user: Any, request: Any = None) -> None:
    """Stop a colleague answering. Their answers stay, with their name. Audited."""
    deleted, _count = ReviewContributor.objects.filter(review=review, user=colleague).delete()
    if deleted:
        audit_record(
            "selfeval.contributor_removed",
            request=request,
            actor=user,
            target=review,
            school_urn=review.school.urn,
            detail={"user": colleague.pk},
        )


@dataclass(frozen=True)
class AnswerSaved:
    answer: Answer
    changed: bool  # False when the save repeated what was already there
    # The answer this save replaced without its author having seen it (a concurrent edit),
    # so the view can say whose answer was overwritten; None otherwise.
    overwritten: AnswerChange | None
    # Every save of the answer, oldest first, with who made it: read under the lock that
    # wrote the newest, so the fragment shown after a save needs no query of its own.
    history: list[AnswerChange]


def answer_save(
    *,
    review: Review,
    statement: Statement,
    user: Any,
    level: int | None,
    evidence: str,
    seen_revision: int | None,
) -> AnswerSaved:
    """Save one statement's answer: the last save wins, and none is lost.

    ``seen_revision`` is the revision the user's form showed (None for "no answer yet").
    A save identical to the stored answer changes nothing. A save over a revision the user
    had not seen still wins, but the replaced answer stays in the history and is returned
    as ``overwritten`` so the user is told. Every save appends an ``AnswerChange``.

    Raises ApplicationError if the statement is not part of the review's version or the
    review has been submitted (checked under the review's row lock, so a save can never
    slip in after the submission computed its scores).
    """
    if statement.domain.version_id != review.version_id:
        raise ApplicationError(_("That statement is not part of this review."))
    evidence = evidence.strip()
    with transaction.atomic():
        # The review's row lock serialises every save of its answers and its submission,
        # so the answer read under it is the latest.
        # (Each of this save's reads runs from SQL compiled once: see ``selectors.saving``.)
        if saving.locked_review_status(review.pk) == ReviewStatus.SUBMITTED:
            raise ApplicationError(_("This review was submitted, so it can no longer be changed."))
        now = timezone.now()
        answer = saving.locked_answer(review, statement)
        if answer is None:
            answer = Answer.objects.create(
                review=review,
                statement=statement,
                level=level,
                evidence=evidence,
                revision=1,
                updated_by=user,
                updated_at=now,
            )
            change = AnswerChange.objects.create(
                answer=answer,
                revision=1,
                level=level,
                evidence=evidence,
                changed_by=user,
                changed_at=now,
            )
            return AnswerSaved(answer=answer, changed=True, overwritten=None, history=[change])
        history = saving.answer_changes(answer)
        if answer.level == level and answer.evidence == evidence:
            return AnswerSaved(answer=answer, changed=False, overwritten=None, history=history)
        unseen = seen_revision != answer.revision
        overwritten = (
            next((c for c in history if c.revision == answer.revision), None) if unseen else None
        )
        previous_revision = answer.revision
        answer.level = level
        answer.evidence = evidence
        answer.revision = previous_revision + 1
        answer.updated_by = user
        answer.updated_at = now
        answer.save(update_fields=["level", "evidence", "revision", "updated_by", "updated_at"])
        history.append(
            AnswerChange.objects.create(
                answer=answer,
                revision=answer.revision,
                level=level,
                evidence=evidence,
                changed_by=user,
                changed_at=now,
                overwrote_revision=previous_revision if unseen else None,
            )
        )
    return AnswerSaved(answer=answer, changed=True, overwritten=overwritten, history=history)


class UnansweredStatementsError(ApplicationError):
    """Submitting was refused: these statements have no level yet."""

    def __init__(self, statements: list[Statement]) -> None:
        super().__init__(
            ngettext(
                "%(count)d statement still needs an answer before you can submit.",
                "%(count)d statements still need an answer before you can submit.",
                len(statements),
            )
            % {"count": len(statements)}
        )
        self.statements = statements


def review_submit(*, review: Review, user: Any, request: Any = None) -> Review:
    """Lock the review, store its domain and overall scores and make it the school's latest.

    Audited; queues the recalculation of the network benchmark for the school's phase.
    Raises UnansweredStatementsError listing every statement without a level, or
    ApplicationError if it was already submitted.
    """
    from reconnect.selfeval.tasks import benchmark_refresh_task

    with transaction.atomic():
        locked = Review.objects.select_for_update().select_related("school").get(pk=review.pk)
        if locked.is_submitted:
            raise ApplicationError(_("This review has already been submitted."))
        missing = unanswered_statements(locked)
        if missing:
            raise UnansweredStatementsError(missing)
        levels: dict[int, list[int]] = {}
        for domain_id, level in Answer.objects.filter(review=locked).values_list(
            "statement__domain_id", "level"
        ):
            if level is not None:  # none is, after the check above; this tells mypy
                levels.setdefault(domain_id, []).append(level)
        scores = []
        for domain in locked.version.domains.order_by("sort_order", "pk"):
            score = scoring.mean_level(levels.get(domain.pk, []))
            if score is not None:  # a domain with no statements has no score
                scores.append(
                    DomainScore(review=locked, domain=domain, code=domain.code, score=score)
                )
        DomainScore.objects.bulk_create(scores)
        # Clear the old latest first: the database allows one per school and framework.
        Review.objects.filter(
            school_id=locked.school_id, framework_id=locked.framework_id, is_latest=True
        ).update(is_latest=False)
        locked.status = ReviewStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = user
        locked.overall_score = scoring.overall([float(s.score) for s in scores])
        locked.is_latest = True
        locked.save(
            update_fields=["status", "submitted_at", "submitted_by", "overall_score", "is_latest"]
        )
        audit_record(
            "selfeval.review_submitted",
            request=request,
            actor=user,
            target=locked,
            school_urn=locked.school.urn,
        )
        framework_id, phase = locked.framework_id, locked.school.phase
        transaction.on_commit(
            lambda: benchmark_refresh_task.enqueue(framework_id=framework_id, phase=phase)
        )
    return locked
