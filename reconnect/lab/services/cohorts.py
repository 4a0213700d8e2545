"""Writing Lab cohorts: opening them, applications, pairing rules, proposing and confirming trios.

Every function checks what must hold whoever calls it (the view, a task, a command): the
cohort is at the right stage, the pilot belongs to the applying school, a move keeps the
coordinator's pairing rules. Permission to call them is the caller's job
(``reconnect.lab.rules``: coordinators manage cohorts, school leads apply).

The trio builder (``reconnect.lab.analysis.trios``) is pure: ``proposal_inputs`` turns the
cohort's applications into its dataclasses, ``trios_propose`` runs it and stores the groups
as PROPOSED trios, never touching the confirmed ones.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.lab import audit_actions
from reconnect.lab.analysis.trios import (
    Applicant,
    Constraints,
    Options,
    TrioGroup,
    TrioInfeasibleError,
    TrioPlan,
    build_trios,
    weights,
)
from reconnect.lab.analysis.trios.london import LONDON_NEIGHBOURS
from reconnect.lab.analysis.trios.scoring import group_lead, pair_reason
from reconnect.lab.models import (
    Application,
    ApplicationStatus,
    CohortStatus,
    LabCohort,
    PairingConstraint,
    PairingRule,
    Pilot,
    PilotStatus,
    Trio,
    TrioMember,
    TrioStatus,
)
from reconnect.lab.models.trios import ProposalStatus
from reconnect.lab.services.text import typed_text
from reconnect.schools.models import School
from reconnect.selfeval.models import DomainScore
from reconnect.selfeval.models.reviews import ReviewStatus

NAME_MAX = 120
DESCRIPTION_MAX = 2000
STATEMENT_MAX = 2000
REASON_MAX = 300
# Above this many applicants the builder runs as a background task: the search may take
# its whole time limit, longer than a page should wait.
INLINE_LIMIT = 150
INLINE_SECONDS = 10.0
TASK_SECONDS = 120.0
# A background proposal not finished after this long is taken to have died with its worker.
PROPOSAL_STALE = datetime.timedelta(minutes=15)
# A group of four is the largest the builder makes; a move may not make a bigger one.
LARGEST_GROUP = 4

# A cohort moves one way, one step at a time.
NEXT_STATUS: dict[str, str] = {
    CohortStatus.OPEN: CohortStatus.FORMING,
    CohortStatus.FORMING: CohortStatus.RUNNING,
    CohortStatus.RUNNING: CohortStatus.CLOSED,
}
# Trios are proposed and changed while applications are open or trios are forming.
PROPOSING = frozenset({CohortStatus.OPEN, CohortStatus.FORMING})


@dataclass(frozen=True)
class CohortPlan:
    name: str
    description: str = ""
    applications_close_on: datetime.date | None = None


def _checked(plan: CohortPlan, *, cohort: LabCohort | None = None) -> dict[str, Any]:
    name = typed_text(
        plan.name, limit=NAME_MAX, field="name", missing=_("Enter a name for the cohort.")
    )
    taken = LabCohort.objects.filter(name__iexact=name)
    if cohort is not None:
        taken = taken.exclude(pk=cohort.pk)
    if taken.exists():
        raise ApplicationError(_("A cohort with this name already exists."), field="name")
    return {
        "name": name,
        "description": typed_text(plan.description, limit=DESCRIPTION_MAX, field="description"),
        "applications_close_on": plan.applications_close_on,
    }


# --- Cohorts ------------------------------------------------------------------------------


def cohort_open(*, user: Any, plan: CohortPlan, request: HttpRequest | None = None) -> LabCohort:
    """Open a cohort for applications.

    Side effects: the ``LabCohort`` row (status OPEN) and a ``lab.cohort.opened`` audit record.
    Raises ``ApplicationError`` for a missing, too long or already used name.
    """
    fields = _checked(plan)
    with transaction.atomic():
        cohort = LabCohort.objects.create(created_by=user, **fields)
        audit_record(
            audit_actions.COHORT_OPENED,
            request=request,
            actor=user,
            target=cohort,
            detail={"name": cohort.name},
        )
    return cohort


def cohort_update(
    *, cohort: LabCohort, user: Any, plan: CohortPlan, request: HttpRequest | None = None
) -> LabCohort:
    """Change a cohort's name, description and closing date.

    Side effects: saves the cohort; a ``lab.cohort.updated`` audit record. Raises
    ``ApplicationError`` as ``cohort_open`` does, and for a closed cohort.
    """
    if cohort.status == CohortStatus.CLOSED:
        raise ApplicationError(_("This cohort is closed: it can no longer be changed."))
    fields = _checked(plan, cohort=cohort)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(cohort, name, value)
        cohort.save(update_fields=[*fields])
        audit_record(audit_actions.COHORT_UPDATED, request=request, actor=user, target=cohort)
    return cohort


def cohort_status_set(
    *, cohort: LabCohort, user: Any, status: str, request: HttpRequest | None = None
) -> LabCohort:
    """Move a cohort on one step: open → forming → running → closed.

    Side effects: saves the status; a ``lab.cohort.status_changed`` audit record (detail:
    from, to). Raises ``ApplicationError`` for any other move.
    """
    previous = cohort.status
    if NEXT_STATUS.get(previous) != status:
        raise ApplicationError(
            _("A cohort moves on one step at a time: open, forming trios, running, closed.")
        )
    with transaction.atomic():
        cohort.status = status
        cohort.save(update_fields=["status"])
        audit_record(
            audit_actions.COHORT_STATUS_CHANGED,
            request=request,
            actor=user,
            target=cohort,
            detail={"from": previous, "to": status},
        )
    return cohort


# --- Applications -------------------------------------------------------------------------


def application_submit(
    *,
    cohort: LabCohort,
    school: School,
    pilot: Pilot,
    user: Any,
    statement: str = "",
    request: HttpRequest | None = None,
) -> Application:
    """Apply to ``cohort`` for ``school`` with one of its pilots.

    Side effects: the ``Application`` row (SUBMITTED) and a ``lab.application.submitted``
    audit record (detail: cohort, pilot). Raises ``ApplicationError`` when the cohort is not
    open, the pilot is another school's or withdrawn, or the school has a live application.
    """
    if cohort.status != CohortStatus.OPEN:
        raise ApplicationError(_("This cohort is not open for applications."))
    if pilot.school_id != school.pk:
        raise ApplicationError(_("Choose one of your school’s pilots."), field="pilot")
    if pilot.status == PilotStatus.WITHDRAWN:
        raise ApplicationError(
            _("This pilot is withdrawn: choose another, or take it up again first."),
            field="pilot",
        )
    statement = typed_text(statement, limit=STATEMENT_MAX, field="statement")
    already = _("Your school has already applied to this cohort.")
    live = Application.objects.filter(cohort=cohort, school=school).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    if live.exists():
        raise ApplicationError(already)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort, school=school, pilot=pilot, statement=statement, submitted_by=user
            )
            audit_record(
                audit_actions.APPLICATION_SUBMITTED,
                request=request,
                actor=user,
                target=application,
                school_urn=school.urn,
                detail={"cohort": cohort.pk, "pilot": pilot.pk},
            )
    except IntegrityError:
        # Two submissions at once: the partial unique constraint lets one through.
        raise ApplicationError(already) from None
    return application


def application_withdraw(
    *, application: Application, user: Any, request: HttpRequest | None = None
) -> Application:
    """Withdraw a school's application while its trio is not confirmed.

    Side effects: status WITHDRAWN; the school leaves its proposed trio (its ``TrioMember``
    row is deleted); a ``lab.application.withdrawn`` audit record. Raises
    ``ApplicationError`` when it is already withdrawn or placed in a confirmed trio.
    """
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ApplicationError(_("This application is already withdrawn."))
    if application.status == ApplicationStatus.PLACED:
        raise ApplicationError(
            _("Your school is in a confirmed trio: ask the network coordinator to withdraw.")
        )
    with transaction.atomic():
        application.status = ApplicationStatus.WITHDRAWN
        application.save(update_fields=["status"])
        TrioMember.objects.filter(
            cohort_id=application.cohort_id,
            school_id=application.school_id,
            trio__status=TrioStatus.PROPOSED,
        ).delete()
        audit_record(
            audit_actions.APPLICATION_WITHDRAWN,
            request=request,
            actor=user,
            target=application,
            school_urn=application.school.urn,
            detail={"cohort": application.cohort_id},
        )
    return application


# --- Pairing rules ------------------------------------------------------------------------


def pairing_add(
    *,
    cohort: LabCohort,
    first: School,
    second: School,
    rule: str,
    user: Any,
    reason: str = "",
    request: HttpRequest | None = None,
) -> PairingConstraint:
    """Keep two applicant schools together or apart when trios are proposed.

    Side effects: the ``PairingConstraint`` row, stored with the smaller school id first; a
    ``lab.pairing.added`` audit record. Raises ``ApplicationError`` for the same school
    twice, an unknown rule, a closed cohort or a pair that already has a rule.
    """
    if cohort.status not in PROPOSING:
        raise ApplicationError(_("Pairing rules can be set only before trios run."))
    if rule not in PairingRule.values:
        raise ApplicationError(_("Choose whether to keep them together or apart."), field="rule")
    if first.pk == second.pk:
        raise ApplicationError(_("Choose two different schools."), field="second")
    low, high = sorted((first, second), key=lambda s: s.pk)
    reason = typed_text(reason, limit=REASON_MAX, field="reason")
    exists = _("These two schools already have a pairing rule: remove it first.")
    if PairingConstraint.objects.filter(cohort=cohort, first=low, second=high).exists():
        raise ApplicationError(exists)
    try:
        with transaction.atomic():
            pairing = PairingConstraint.objects.create(
                cohort=cohort, first=low, second=high, rule=rule, reason=reason
            )
            audit_record(
                audit_actions.PAIRING_ADDED,
                request=request,
                actor=user,
                target=pairing,
                detail={"cohort": cohort.pk, "first": low.pk, "second": high.pk, "rule": rule},
            )
    except IntegrityError:
        raise ApplicationError(exists) from None
    return pairing


def pairing_remove(
    *, pairing: PairingConstraint, user: Any, request: HttpRequest | None = None
) -> None:
    """Remove a pairing rule. Side effects: deletes the row; a ``lab.pairing.removed`` record."""
    detail = {
        "cohort": pairing.cohort_id,
        "first": pairing.first_id,
        "second": pairing.second_id,
        "rule": pairing.rule,
    }
    with transaction.atomic():
        audit_record(
            audit_actions.PAIRING_REMOVED,
            request=request,
            actor=user,
            target=pairing,
            detail=detail,
        )
        pairing.delete()


# --- Proposing trios ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalInputs:
    """What the builder is given for a cohort, built from its applications."""

    applicants: tuple[Applicant, ...]
    constraints: Constraints


def _waiting(cohort: LabCohort) -> QuerySet[Application]:
    """Submitted applications whose school is not yet in a confirmed trio."""
    confirmed = TrioMember.objects.filter(cohort=cohort, trio__status=TrioStatus.CONFIRMED).values(
        "school_id"
    )
    return Application.objects.filter(cohort=cohort, status=ApplicationStatus.SUBMITTED).exclude(
        school_id__in=confirmed
    )


def _to_place(cohort: LabCohort) -> list[Application]:
    """The waiting applications with what the builder reads, oldest first."""
    return list(
        _waiting(cohort)
        .select_related("school__local_authority", "pilot__theme", "pilot__priority__domain")
        .prefetch_related("pilot__intervention__themes")
        .order_by("submitted_at", "pk")
    )


def _strengths(school_ids: Iterable[int]) -> dict[int, dict[str, float]]:
    """Each school's domain scores from its latest submitted self-evaluation (one query);
    with several frameworks, the most recently submitted score of a domain code wins."""
    found: dict[int, dict[str, float]] = {}
    scores = (
        DomainScore.objects.filter(
            review__school_id__in=list(school_ids),
            review__is_latest=True,
            review__status=ReviewStatus.SUBMITTED,
        )
        .order_by("review__submitted_at", "pk")
        .values_list("review__school_id", "code", "score")
    )
    for school_id, code, score in scores:
        found.setdefault(school_id, {})[code] = float(score)
    return found


def _applicant(application: Application, strengths: dict[str, float]) -> Applicant:
    pilot = application.pilot
    challenges: set[str] = set()
    if pilot.theme is not None:
        challenges.add(pilot.theme.slug)
    if pilot.priority is not None:
        challenges.add(pilot.priority.domain.code)
    intervention = pilot.intervention
    themes = (
        frozenset(theme.slug for theme in intervention.themes.all())
        if intervention is not None
        else frozenset()
    )
    school = application.school
    return Applicant(
        id=str(school.pk),
        borough=school.local_authority.code if school.local_authority is not None else 0,
        challenges=frozenset(challenges),
        intervention=str(intervention.pk) if intervention is not None else None,
        themes=themes,
        strengths=strengths,
        name=school.name,
    )


def proposal_inputs(cohort: LabCohort, applications: Sequence[Application]) -> ProposalInputs:
    """The builder's applicants (in the applications' order) and the cohort's pairing rules
    between them; a rule naming a school not to be placed is left out."""
    strengths = _strengths(a.school_id for a in applications)
    applicants = tuple(_applicant(a, strengths.get(a.school_id, {})) for a in applications)
    ids = {a.id for a in applicants}
    together: list[tuple[str, str]] = []
    apart: list[tuple[str, str]] = []
    for pairing in PairingConstraint.objects.filter(cohort=cohort).order_by("pk"):
        pair = (str(pairing.first_id), str(pairing.second_id))
        if pair[0] in ids and pair[1] in ids:
            (together if pairing.rule == PairingRule.MUST_PAIR else apart).append(pair)
    return ProposalInputs(applicants, Constraints(tuple(together), tuple(apart)))


def _reasons(group: TrioGroup) -> dict[str, Any]:
    """A group's reasons as JSON: school ids, never names, so a renamed school reads right."""
    lead = group.lead
    return {
        "pairs": [
            {
                "first": int(p.first),
                "second": int(p.second),
                "score": p.score,
                "shared_challenges": list(p.shared_challenges),
                "related_challenge": p.related_challenge,
                "same_intervention": p.same_intervention,
                "related_intervention": p.related_intervention,
                "travel": p.travel,
            }
            for p in group.pairs
        ],
        "lead": (
            None
            if lead is None
            else {
                "school": int(lead.school),
                "helps": int(lead.helps),
                "domain": lead.domain,
                "score": lead.score,
                "helped_score": lead.helped_score,
            }
        ),
    }


def _free_names(cohort: LabCohort, count: int) -> list[str]:
    taken = set(
        Trio.objects.filter(cohort=cohort, status=TrioStatus.CONFIRMED).values_list(
            "name", flat=True
        )
    )
    names: list[str] = []
    number = 1
    while len(names) < count:
        name = _("Trio %(number)s") % {"number": number}
        if name not in taken:
            names.append(name)
        number += 1
    return names


def _by_id(applicants: Sequence[Applicant]) -> dict[str, Applicant]:
    # The builder describes pairs by label; ids are what the reasons keep.
    return {a.id: a for a in applicants}


def _group_with_ids(group: TrioGroup, applicants: Sequence[Applicant]) -> TrioGroup:
    """The builder's group re-described with ids in its reasons (it names schools by label)."""
    chosen = [_by_id(applicants)[school_id] for school_id in group.schools]
    return _describe(chosen, score=group.score)


def _describe(chosen: Sequence[Applicant], *, score: int | None = None) -> TrioGroup:
    # Named by id, so the reasons keep ids (the builder names schools by label).
    plain = [dataclasses.replace(a, name=a.id) for a in chosen]
    pairs = tuple(
        pair_reason(plain[i], plain[j], LONDON_NEIGHBOURS)
        for i in range(len(plain))
        for j in range(i + 1, len(plain))
    )
    lead = group_lead(plain)
    if score is None:
        score = sum(p.score for p in pairs) + (weights.LEAD_BONUS if lead is not None else 0)
    return TrioGroup(tuple(a.id for a in plain), score, pairs, lead)


def _summary(plan: TrioPlan, schools: int) -> str:
    if plan.status == "OPTIMAL":
        return _(
            "%(schools)s schools in %(groups)s groups, scoring %(score)s: "
            "no grouping that meets your rules scores higher."
        ) % {"schools": schools, "groups": len(plan.groups), "score": plan.objective}
    return _(
        "%(schools)s schools in %(groups)s groups, scoring %(score)s: "
        "no grouping could score more than %(gap)s%% higher."
    ) % {
        "schools": schools,
        "groups": len(plan.groups),
        "score": plan.objective,
        "gap": f"{plan.gap * 100:.0f}",
    }


def _propose_now(
    cohort: LabCohort, *, user: Any, seconds: float, request: HttpRequest | None
) -> list[Trio]:
    applications = _to_place(cohort)
    inputs = proposal_inputs(cohort, applications)
    try:
        plan = build_trios(
            inputs.applicants,
            neighbours=LONDON_NEIGHBOURS,
            constraints=inputs.constraints,
            options=Options(time_limit=seconds),
        )
    except TrioInfeasibleError as error:
        raise ApplicationError(str(error)) from None
    by_school = {a.school_id: a for a in applications}
    with transaction.atomic():
        Trio.objects.filter(cohort=cohort, status=TrioStatus.PROPOSED).delete()
        names = _free_names(cohort, len(plan.groups))
        trios = Trio.objects.bulk_create(
            Trio(
                cohort=cohort,
                name=name,
                score=group.score,
                reasons=_reasons(_group_with_ids(group, inputs.applicants)),
            )
            for name, group in zip(names, plan.groups, strict=True)
        )
        TrioMember.objects.bulk_create(
            TrioMember(
                trio=trio,
                cohort=cohort,
                school_id=int(school_id),
                application=by_school[int(school_id)],
            )
            for trio, group in zip(trios, plan.groups, strict=True)
            for school_id in group.schools
        )
        cohort.proposal_status = ProposalStatus.DONE
        cohort.proposal_message = _summary(plan, len(applications))
        cohort.proposal_updated_at = timezone.now()
        cohort.save(update_fields=["proposal_status", "proposal_message", "proposal_updated_at"])
        audit_record(
            audit_actions.TRIOS_PROPOSED,
            request=request,
            actor=user,
            target=cohort,
            detail={
                "schools": len(applications),
                "trios": len(trios),
                "score": plan.objective,
                "status": plan.status,
            },
        )
    return trios


def proposal_busy(cohort: LabCohort) -> bool:
    """Whether a background proposal is queued or running, and recently: a worker that died
    mid-run must not keep the cohort waiting for good."""
    if cohort.proposal_status not in (ProposalStatus.QUEUED, ProposalStatus.RUNNING):
        return False
    updated = cohort.proposal_updated_at
    return updated is None or timezone.now() - updated < PROPOSAL_STALE


def trios_propose(
    *, cohort: LabCohort, user: Any, request: HttpRequest | None = None
) -> list[Trio] | None:
    """Ask the trio builder for trios of the cohort's applicants not yet in a confirmed trio.

    Up to ``INLINE_LIMIT`` applicants, runs now and returns the new trios; more, queues
    ``trios_propose_task`` (after commit), sets the cohort's ``proposal_status`` to QUEUED
    and returns None. Side effects of a run: the cohort's PROPOSED trios (and their members)
    are replaced by the builder's groups, each with its score and reasons; CONFIRMED trios
    are never touched; the cohort's proposal status becomes DONE with a summary; a
    ``lab.trios.proposed`` audit record. Raises ``ApplicationError`` when the cohort is past
    forming, fewer than two schools are to be placed, or the pairing rules cannot be met
    (the builder's message, naming the schools); the proposed trios are then left as they
    were.
    """
    if cohort.status not in PROPOSING:
        raise ApplicationError(_("Trios can be proposed only while the cohort is forming."))
    waiting = _waiting(cohort).count()
    if waiting < 2:
        raise ApplicationError(_("At least two schools must be waiting for a trio."))
    if proposal_busy(cohort):
        raise ApplicationError(_("Trios are being proposed already: wait for them."))
    if waiting <= INLINE_LIMIT:
        return _propose_now(cohort, user=user, seconds=INLINE_SECONDS, request=request)

    from reconnect.lab.tasks import trios_propose_task  # the task module imports us

    cohort.proposal_status = ProposalStatus.QUEUED
    cohort.proposal_message = ""
    cohort.proposal_updated_at = timezone.now()
    cohort.save(update_fields=["proposal_status", "proposal_message", "proposal_updated_at"])
    cohort_id, user_id = cohort.pk, getattr(user, "pk", None)
    transaction.on_commit(lambda: trios_propose_task.enqueue(cohort_id=cohort_id, user_id=user_id))
    return None


def trios_propose_run(*, cohort_id: int, user: Any = None) -> str:
    """The background run of a queued proposal; returns the cohort's proposal status.

    Side effects: as ``trios_propose``'s run; the status goes RUNNING, then DONE, or FAILED
    with the builder's message in ``proposal_message`` (nothing else changes then).
    """
    cohort = LabCohort.objects.filter(pk=cohort_id).first()
    if cohort is None or cohort.proposal_status != ProposalStatus.QUEUED:
        return "" if cohort is None else str(cohort.proposal_status)
    LabCohort.objects.filter(pk=cohort_id).update(
        proposal_status=ProposalStatus.RUNNING, proposal_updated_at=timezone.now()
    )
    try:
        _propose_now(cohort, user=user, seconds=TASK_SECONDS, request=None)
    except ApplicationError as error:
        _failed(cohort_id, error.message)
        return str(ProposalStatus.FAILED)
    except Exception:
        _failed(cohort_id, _("The trio builder stopped with an error. Propose trios again."))
        raise
    return str(ProposalStatus.DONE)


def _failed(cohort_id: int, message: str) -> None:
    LabCohort.objects.filter(pk=cohort_id).update(
        proposal_status=ProposalStatus.FAILED,
        proposal_message=message,
        proposal_updated_at=timezone.now(),
    )


# --- Adjusting and confirming -------------------------------------------------------------


def _rules_between(cohort: LabCohort, school_ids: Iterable[int]) -> list[PairingConstraint]:
    ids = list(school_ids)
    return list(
        PairingConstraint.objects.filter(cohort=cohort, first_id__in=ids, second_id__in=ids)
    )


def _rescore(trio: Trio) -> None:
    """A trio's score and reasons, worked out again for its members now (after a move)."""
    members = list(trio.members.select_related("application").order_by("pk"))
    applications = [m.application for m in members if m.application is not None]
    if len(applications) < 2:
        trio.score, trio.reasons = None, {"pairs": [], "lead": None}
    else:
        prefetched = list(
            Application.objects.filter(pk__in=[a.pk for a in applications])
            .select_related("school__local_authority", "pilot__theme", "pilot__priority__domain")
            .prefetch_related("pilot__intervention__themes")
            .order_by("pk")
        )
        order = {a.pk: i for i, a in enumerate(applications)}
        prefetched.sort(key=lambda a: order[a.pk])
        strengths = _strengths(a.school_id for a in prefetched)
        group = _describe([_applicant(a, strengths.get(a.school_id, {})) for a in prefetched])
        trio.score, trio.reasons = group.score, _reasons(group)
    trio.save(update_fields=["score", "reasons"])


def trio_member_move(
    *, member: TrioMember, to_trio: Trio, user: Any, request: HttpRequest | None = None
) -> TrioMember:
    """Move a school from its proposed trio to another proposed trio of the same cohort.

    Side effects: the member's trio changes; both trios' scores and reasons are worked out
    again (an emptied trio is deleted); a ``lab.trio.member_moved`` audit record. Raises
    ``ApplicationError`` when either trio is confirmed or of another cohort, the target
    already has four schools, or the move breaks a pairing rule (must not pair with a
    school in the target; must pair with one it leaves).
    """
    from_trio = member.trio
    if to_trio.cohort_id != from_trio.cohort_id:
        raise ApplicationError(_("Choose a trio of the same cohort."), field="to_trio")
    if to_trio.pk == from_trio.pk:
        raise ApplicationError(_("The school is already in this trio."), field="to_trio")
    if TrioStatus.CONFIRMED in (from_trio.status, to_trio.status):
        raise ApplicationError(_("A confirmed trio cannot be changed."), field="to_trio")
    cohort = from_trio.cohort
    if cohort.status not in PROPOSING:
        raise ApplicationError(_("Trios can be changed only while the cohort is forming."))
    staying = list(to_trio.members.values_list("school_id", flat=True))
    if len(staying) >= LARGEST_GROUP:
        raise ApplicationError(
            _("%(trio)s already has four schools: move one out first.") % {"trio": to_trio.name},
            field="to_trio",
        )
    leaving = [
        s for s in from_trio.members.values_list("school_id", flat=True) if s != member.school_id
    ]
    for rule in _rules_between(cohort, [member.school_id, *staying, *leaving]):
        pair = {rule.first_id, rule.second_id}
        if member.school_id not in pair:
            continue
        (other_id,) = pair - {member.school_id}
        other = School.objects.get(pk=other_id)
        if rule.rule == PairingRule.MUST_NOT_PAIR and other_id in staying:
            raise ApplicationError(
                _("%(school)s must not be in the same trio as %(other)s.")
                % {"school": member.school.name, "other": other.name},
                field="to_trio",
            )
        if rule.rule == PairingRule.MUST_PAIR and other_id in leaving:
            raise ApplicationError(
                _("%(school)s must be in the same trio as %(other)s.")
                % {"school": member.school.name, "other": other.name},
                field="to_trio",
            )
    with transaction.atomic():
        member.trio = to_trio
        member.save(update_fields=["trio"])
        _rescore(to_trio)
        if from_trio.members.exists():
            _rescore(from_trio)
        else:
            from_trio.delete()
        audit_record(
            audit_actions.TRIO_MEMBER_MOVED,
            request=request,
            actor=user,
            target=member,
            school_urn=member.school.urn,
            detail={"cohort": cohort.pk, "from": from_trio.name, "to": to_trio.name},
        )
    return member


def _confirm(trio: Trio, *, user: Any, request: HttpRequest | None) -> None:
    members = list(trio.members.all())
    if len(members) < 2:
        raise ApplicationError(
            _("%(trio)s has fewer than two schools: move a school into it first.")
            % {"trio": trio.name}
        )
    trio.status = TrioStatus.CONFIRMED
    trio.confirmed_at = timezone.now()
    trio.confirmed_by = user if getattr(user, "is_authenticated", False) else None
    trio.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    application_ids = [m.application_id for m in members if m.application_id is not None]
    Application.objects.filter(pk__in=application_ids).update(status=ApplicationStatus.PLACED)
    Pilot.objects.filter(applications__pk__in=application_ids).update(trio=trio)
    audit_record(
        audit_actions.TRIO_CONFIRMED,
        request=request,
        actor=user,
        target=trio,
        detail={"cohort": trio.cohort_id, "schools": sorted(m.school_id for m in members)},
    )


def trio_confirm(*, trio: Trio, user: Any, request: HttpRequest | None = None) -> Trio:
    """Confirm a proposed trio.

    Side effects: the trio becomes CONFIRMED (with when and by whom); its members'
    applications become PLACED and each member's pilot (the one it applied with) is linked
    to the trio; a ``lab.trio.confirmed`` audit record. Raises ``ApplicationError`` for a
    trio already confirmed, one of fewer than two schools, or a cohort past forming.
    """
    if trio.status == TrioStatus.CONFIRMED:
        raise ApplicationError(_("This trio is already confirmed."))
    if trio.cohort.status not in PROPOSING:
        raise ApplicationError(_("Trios can be confirmed only while the cohort is forming."))
    with transaction.atomic():
        _confirm(trio, user=user, request=request)
    return trio


def trios_confirm_all(
    *, cohort: LabCohort, user: Any, request: HttpRequest | None = None
) -> list[Trio]:
    """Confirm every proposed trio of the cohort, all or none.

    Side effects: as ``trio_confirm`` for each. Raises ``ApplicationError`` when there is no
    proposed trio, or as ``trio_confirm`` (then nothing is confirmed).
    """
    if cohort.status not in PROPOSING:
        raise ApplicationError(_("Trios can be confirmed only while the cohort is forming."))
    trios = list(
        Trio.objects.filter(cohort=cohort, status=TrioStatus.PROPOSED)
        .select_related("cohort")
        .prefetch_related("members")
    )
    if not trios:
        raise ApplicationError(_("There are no proposed trios to confirm."))
    with transaction.atomic():
        for trio in trios:
            _confirm(trio, user=user, request=request)
    return trios
