"""Writing a school's pilots: the plan, its timeline, its log, its measures and its status.

Every function checks what must hold whoever calls it (the view, the API, a command): the
linked action, target group and intervention belong to the pilot's school or are live, the
dates run forwards, a status moves only along the allowed transitions. Permission to call
them is the caller's job (``reconnect.lab.rules``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import InterventionPage, Theme
from reconnect.lab import audit_actions
from reconnect.lab.models import (
    Design,
    Fidelity,
    LogEntry,
    MeasureKind,
    Milestone,
    OutcomeMeasure,
    Phase,
    Pilot,
    PilotStatus,
)
from reconnect.lab.services.text import typed_text
from reconnect.schools.models import School
from reconnect.selfeval.models import Action
from reconnect.spectrum.models import SavedCohort

TITLE_MAX = 200
CHALLENGE_MAX = 2000
TEXT_MAX = 1000
CRITERIA_MAX = 2000
NOTES_MAX = 2000
MEASURE_NAME_MAX = 120
UNIT_MAX = 40
MILESTONE_MAX = 200
# More pupils than any school has: a typo, not a plan.
PUPILS_MAX = 5000
SESSIONS_MAX = 500

# The first milestones of every pilot, in plain English, one list per EEF phase (Explore,
# Prepare, Deliver, Sustain). The school ticks them off, deletes or adds its own.
DEFAULT_MILESTONES: dict[str, tuple[Promise, ...]] = {
    Phase.EXPLORE: (
        gettext_lazy("Agree the problem with staff and name the pupils it affects"),
        gettext_lazy("Look at what the evidence says and choose an approach that fits"),
    ),
    Phase.PREPARE: (
        gettext_lazy("Write down who delivers what, how often and for how long"),
        gettext_lazy("Train the staff who will deliver it"),
        gettext_lazy("Take the baseline measure before delivery starts"),
    ),
    Phase.DELIVER: (
        gettext_lazy("Start delivery and keep the implementation log every week"),
        gettext_lazy("Check half way through that delivery is as planned, and adjust"),
    ),
    Phase.SUSTAIN: (
        gettext_lazy("Take the outcome measure and look at the result with staff"),
        gettext_lazy("Decide whether to stop, adapt or extend the approach"),
        gettext_lazy("Share what you learned with the network"),
    ),
}

# A score's range when the school does not give one: the scales' own.
DEFAULT_BOUNDS: dict[str, tuple[float, float]] = {
    MeasureKind.WEMWBS: (14, 70),
    MeasureKind.SWEMWBS: (7, 35),
    MeasureKind.ATTENDANCE: (0, 100),
}

# Where a status may go next. A completed pilot is the school's evidence and stays so; a
# withdrawn one may be taken up again as a draft.
TRANSITIONS: dict[str, frozenset[str]] = {
    PilotStatus.DRAFT: frozenset({PilotStatus.RUNNING, PilotStatus.WITHDRAWN}),
    PilotStatus.RUNNING: frozenset({PilotStatus.COMPLETED, PilotStatus.WITHDRAWN}),
    PilotStatus.COMPLETED: frozenset(),
    PilotStatus.WITHDRAWN: frozenset({PilotStatus.DRAFT}),
}

# Only these may be deleted: a running or completed pilot is withdrawn, not erased.
DELETABLE = frozenset({PilotStatus.DRAFT, PilotStatus.WITHDRAWN})


@dataclass(frozen=True)
class PilotPlan:
    """Everything a school writes about its pilot; the links are objects, already chosen."""

    title: str
    challenge: str
    design: str
    theme: Theme | None = None
    priority: Action | None = None
    target_group: SavedCohort | None = None
    intervention: InterventionPage | None = None
    target_pupils: str = ""
    comparison: str = ""
    success_criteria: str = ""
    planned_intervention: int | None = None
    planned_comparison: int | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


def _pupils(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if value < 1 or value > PUPILS_MAX:
        raise ApplicationError(
            _("Enter a number of pupils between 1 and %(max)s.") % {"max": PUPILS_MAX},
            field=field,
        )
    return value


def _checked(school: School, plan: PilotPlan) -> dict[str, Any]:
    """The plan's fields, cleaned, after checking every link belongs to the school."""
    if plan.design not in Design.values:
        raise ApplicationError(_("Choose how the pilot will compare."), field="design")
    if plan.priority is not None and plan.priority.school_id != school.pk:
        raise ApplicationError(
            _("Choose an action from your school’s action plan."), field="priority"
        )
    if plan.target_group is not None and plan.target_group.school_id != school.pk:
        raise ApplicationError(
            _("Choose one of your school’s target groups."), field="target_group"
        )
    if plan.intervention is not None and not plan.intervention.live:
        raise ApplicationError(
            _("Choose an intervention that is published in the Knowledge Hub."),
            field="intervention",
        )
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise ApplicationError(
            _("The end date must be the same as or after the start date."), field="ends_on"
        )
    single = plan.design == Design.SINGLE_GROUP
    planned_comparison = _pupils(plan.planned_comparison, "planned_comparison")
    if single and planned_comparison is not None:
        raise ApplicationError(
            _("A one-group pilot has no comparison group: leave its number empty."),
            field="planned_comparison",
        )
    return {
        "title": typed_text(
            plan.title, limit=TITLE_MAX, field="title", missing=_("Enter a name for the pilot.")
        ),
        "challenge": typed_text(
            plan.challenge,
            limit=CHALLENGE_MAX,
            field="challenge",
            missing=_("Describe the challenge the pilot answers."),
        ),
        "design": plan.design,
        "theme": plan.theme,
        "priority": plan.priority,
        "target_group": plan.target_group,
        "intervention": plan.intervention,
        "target_pupils": typed_text(plan.target_pupils, limit=TEXT_MAX, field="target_pupils"),
        "comparison": typed_text(plan.comparison, limit=TEXT_MAX, field="comparison"),
        "success_criteria": typed_text(
            plan.success_criteria, limit=CRITERIA_MAX, field="success_criteria"
        ),
        "planned_intervention": _pupils(plan.planned_intervention, "planned_intervention"),
        "planned_comparison": planned_comparison,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
    }


def pilot_create(
    *, school: School, user: Any, plan: PilotPlan, request: HttpRequest | None = None
) -> Pilot:
    """Start a pilot at ``school`` as a draft in the Explore phase.

    Side effects: the ``Pilot`` row, its default milestones (``DEFAULT_MILESTONES``, in
    phase order) and a ``lab.pilot.created`` audit record (detail: design, intervention id).
    Raises ``ApplicationError`` (with the field) for a missing or too long title or
    challenge, an unknown design, an action or target group of another school, an
    unpublished intervention, an end before the start, impossible pupil numbers, or a
    comparison number on a one-group design.
    """
    fields = _checked(school, plan)
    with transaction.atomic():
        pilot = Pilot.objects.create(school=school, created_by=user, **fields)
        Milestone.objects.bulk_create(
            Milestone(pilot=pilot, phase=phase, title=str(title))
            for phase, titles in DEFAULT_MILESTONES.items()
            for title in titles
        )
        audit_record(
            audit_actions.PILOT_CREATED,
            request=request,
            actor=user,
            target=pilot,
            school_urn=school.urn,
            detail={"design": pilot.design, "intervention": pilot.intervention_id},
        )
    return pilot


def pilot_update(*, pilot: Pilot, user: Any, plan: PilotPlan) -> Pilot:
    """Change the plan of a pilot. Side effect: the row. Raises ``ApplicationError`` as
    ``pilot_create`` does, and for a completed or withdrawn pilot (its plan is the record
    of what was done)."""
    if pilot.status in (PilotStatus.COMPLETED, PilotStatus.WITHDRAWN):
        raise ApplicationError(
            _("A %(status)s pilot cannot be changed.")
            % {"status": pilot.get_status_display().lower()}
        )
    fields = _checked(pilot.school, plan)
    for name, value in fields.items():
        setattr(pilot, name, value)
    pilot.save(update_fields=[*fields, "updated_at"])
    return pilot


def pilot_status_set(
    *, pilot: Pilot, user: Any, status: str, request: HttpRequest | None = None
) -> Pilot:
    """Move a pilot along draft → running → completed, or withdraw it (and back to draft).

    Side effects: the row (``completed_at`` set on completion) and a
    ``lab.pilot.status_changed`` audit record (detail: from, to). Raises
    ``ApplicationError`` for a move ``TRANSITIONS`` does not allow.
    """
    previous = pilot.status
    if status not in TRANSITIONS.get(previous, frozenset()):
        raise ApplicationError(
            _("A %(before)s pilot cannot become %(after)s.")
            % {
                "before": PilotStatus(previous).label.lower(),
                "after": PilotStatus(status).label.lower()
                if status in PilotStatus.values
                else status,
            },
            field="status",
        )
    with transaction.atomic():
        pilot.status = status
        pilot.completed_at = timezone.now() if status == PilotStatus.COMPLETED else None
        pilot.save(update_fields=["status", "completed_at", "updated_at"])
        audit_record(
            audit_actions.PILOT_STATUS_CHANGED,
            request=request,
            actor=user,
            target=pilot,
            school_urn=pilot.school.urn,
            detail={"from": previous, "to": status},
        )
    return pilot


def pilot_phase_set(*, pilot: Pilot, user: Any, phase: str) -> Pilot:
    """Say which EEF phase the pilot is in. Side effect: the row. Raises
    ``ApplicationError`` for an unknown phase, or a completed or withdrawn pilot."""
    if phase not in Phase.values:
        raise ApplicationError(_("Choose one of the four phases."), field="phase")
    if pilot.status in (PilotStatus.COMPLETED, PilotStatus.WITHDRAWN):
        raise ApplicationError(
            _("A %(status)s pilot cannot change phase.")
            % {"status": pilot.get_status_display().lower()}
        )
    pilot.phase = phase
    pilot.save(update_fields=["phase", "updated_at"])
    return pilot


def pilot_delete(*, pilot: Pilot, user: Any, request: HttpRequest | None = None) -> None:
    """Delete a draft or withdrawn pilot with its milestones, log and measures.

    Side effect: a ``lab.pilot.deleted`` audit record (detail: title, status). Raises
    ``ApplicationError`` for a running or completed pilot (withdraw it first; a completed
    one stays) or one that has outcome data or a Lab cohort application.
    """
    if pilot.status not in DELETABLE:
        raise ApplicationError(
            _("Only a draft or withdrawn pilot can be deleted. Withdraw it first.")
            if pilot.status == PilotStatus.RUNNING
            else _("A completed pilot is your school’s evidence: it cannot be deleted.")
        )
    if pilot.imports.exists() or pilot.applications.exists():
        raise ApplicationError(
            _("This pilot has outcome data or a Lab application, so it cannot be deleted.")
        )
    target = Pilot(pk=pilot.pk)
    detail = {"title": pilot.title, "status": pilot.status}
    school_urn = pilot.school.urn
    with transaction.atomic():
        pilot.delete()
        audit_record(
            audit_actions.PILOT_DELETED,
            request=request,
            actor=user,
            target=target,
            school_urn=school_urn,
            detail=detail,
        )


# --- Outcome measures ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeasurePlan:
    kind: str
    name: str
    unit: str = ""
    higher_is_better: bool = True
    is_primary: bool = False
    lowest: float | None = None
    highest: float | None = None


def _measure_fields(plan: MeasurePlan) -> dict[str, Any]:
    if plan.kind not in MeasureKind.values:
        raise ApplicationError(_("Choose what kind of measure it is."), field="kind")
    lowest, highest = plan.lowest, plan.highest
    if lowest is None and highest is None and plan.kind in DEFAULT_BOUNDS:
        lowest, highest = DEFAULT_BOUNDS[plan.kind]
    if lowest is not None and highest is not None and lowest >= highest:
        raise ApplicationError(
            _("The highest possible score must be more than the lowest."), field="highest"
        )
    return {
        "kind": plan.kind,
        "name": typed_text(
            plan.name,
            limit=MEASURE_NAME_MAX,
            field="name",
            missing=_("Enter a name for the measure."),
        ),
        "unit": typed_text(plan.unit, limit=UNIT_MAX, field="unit"),
        "higher_is_better": plan.higher_is_better,
        "is_primary": plan.is_primary,
        "lowest": lowest,
        "highest": highest,
    }


def _save_measure(measure: OutcomeMeasure, fields: Mapping[str, Any]) -> OutcomeMeasure:
    for name, value in fields.items():
        setattr(measure, name, value)
    try:
        with transaction.atomic():
            if measure.is_primary:
                # One primary measure per pilot: the new one takes over.
                measure.pilot.measures.exclude(pk=measure.pk).filter(is_primary=True).update(
                    is_primary=False
                )
            measure.save()
    except IntegrityError:
        raise ApplicationError(
            _("The pilot already has a measure called “%(name)s”.") % {"name": measure.name},
            field="name",
        ) from None
    return measure


def measure_add(*, pilot: Pilot, plan: MeasurePlan) -> OutcomeMeasure:
    """Add an outcome measure. A pilot's first measure is its primary one, whatever was
    asked; a measure marked primary takes over from the previous one. WEMWBS, SWEMWBS
    and attendance get their scale's range when none is given.

    Side effect: the row (and the previous primary measure's flag). Raises
    ``ApplicationError`` for an unknown kind, a missing or repeated name, or a range whose
    highest is not above its lowest.
    """
    fields = _measure_fields(plan)
    if not pilot.measures.exists():
        fields["is_primary"] = True
    return _save_measure(OutcomeMeasure(pilot=pilot), fields)


def measure_update(*, measure: OutcomeMeasure, plan: MeasurePlan) -> OutcomeMeasure:
    """Change a measure. Side effects and errors as ``measure_add``; a primary measure
    stays primary until another is marked so (a pilot always keeps one)."""
    fields = _measure_fields(plan)
    if measure.is_primary:
        fields["is_primary"] = True
    return _save_measure(measure, fields)


def measure_delete(*, measure: OutcomeMeasure) -> None:
    """Delete a measure that has no outcome data yet; if it was primary, the next one
    becomes primary. Raises ``ApplicationError`` when outcome data exists for it."""
    if measure.records.exists() or measure.summaries.exists() or measure.imports.exists():
        raise ApplicationError(
            _("“%(name)s” has outcome data, so it cannot be deleted.") % {"name": measure.name}
        )
    pilot = measure.pilot
    with transaction.atomic():
        was_primary = measure.is_primary
        measure.delete()
        if was_primary:
            following = pilot.measures.order_by("pk").first()
            if following is not None:
                following.is_primary = True
                following.save(update_fields=["is_primary"])


# --- Milestones ---------------------------------------------------------------------------


def milestone_add(
    *, pilot: Pilot, phase: str, title: str, due_on: datetime.date | None = None
) -> Milestone:
    """Add a milestone to a phase. Side effect: the row. Raises ``ApplicationError`` for
    an unknown phase or a missing or too long title."""
    if phase not in Phase.values:
        raise ApplicationError(_("Choose one of the four phases."), field="phase")
    title = typed_text(
        title, limit=MILESTONE_MAX, field="title", missing=_("Enter what needs to happen.")
    )
    return Milestone.objects.create(pilot=pilot, phase=phase, title=title, due_on=due_on)


def milestone_complete(
    *, milestone: Milestone, done: bool = True, done_on: datetime.date | None = None
) -> Milestone:
    """Tick a milestone off (on ``done_on``, today by default), or untick it with
    ``done=False``. Side effect: the row."""
    milestone.done_on = (done_on or timezone.localdate()) if done else None
    milestone.save(update_fields=["done_on"])
    return milestone


def milestone_delete(*, milestone: Milestone) -> None:
    """Delete a milestone. Side effect: the row is gone."""
    milestone.delete()


# --- Implementation log -------------------------------------------------------------------


@dataclass(frozen=True)
class LogPlan:
    happened_on: datetime.date
    sessions_planned: int | None = None
    sessions_delivered: int | None = None
    pupils_present: int | None = None
    fidelity: str = ""
    notes: str = ""


def log_entry_add(
    *, pilot: Pilot, user: Any, entry: LogPlan, today: datetime.date | None = None
) -> LogEntry:
    """Add an entry to the implementation log.

    Side effect: the row. Raises ``ApplicationError`` for a date in the future, more
    sessions delivered than planned, more pupils or sessions than make sense, an unknown
    fidelity, too long notes, or an entry that records nothing at all.
    """
    today = today or timezone.localdate()
    if entry.happened_on > today:
        raise ApplicationError(_("The date must be today or in the past."), field="happened_on")
    for field, value in (
        ("sessions_planned", entry.sessions_planned),
        ("sessions_delivered", entry.sessions_delivered),
    ):
        if value is not None and value > SESSIONS_MAX:
            raise ApplicationError(
                _("Enter %(max)s sessions or fewer.") % {"max": SESSIONS_MAX}, field=field
            )
    if entry.pupils_present is not None and entry.pupils_present > PUPILS_MAX:
        raise ApplicationError(
            _("Enter %(max)s pupils or fewer.") % {"max": PUPILS_MAX}, field="pupils_present"
        )
    if (
        entry.sessions_planned is not None
        and entry.sessions_delivered is not None
        and entry.sessions_delivered > entry.sessions_planned
    ):
        raise ApplicationError(
            _("Sessions delivered cannot be more than sessions planned."),
            field="sessions_delivered",
        )
    if entry.fidelity and entry.fidelity not in Fidelity.values:
        raise ApplicationError(_("Choose how closely it followed the plan."), field="fidelity")
    notes = typed_text(entry.notes, limit=NOTES_MAX, field="notes")
    if (
        entry.sessions_planned is None
        and entry.sessions_delivered is None
        and entry.pupils_present is None
        and not entry.fidelity
        and not notes
    ):
        raise ApplicationError(_("Enter the sessions, the pupils present, how it went or a note."))
    return LogEntry.objects.create(
        pilot=pilot,
        happened_on=entry.happened_on,
        sessions_planned=entry.sessions_planned,
        sessions_delivered=entry.sessions_delivered,
        pupils_present=entry.pupils_present,
        fidelity=entry.fidelity,
        notes=notes,
        author=user,
    )
