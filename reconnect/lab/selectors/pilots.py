"""Reading pilots: the school a request may reach, a pilot with everything its page shows,
the Lab home's lists, the choices a pilot's form offers and the log's summaries.

``school_for`` and ``pilot_for`` answer 404, never 403, to anyone who may not read the
school's pilots, so nobody outside a school learns whether it has any. Each read costs a
fixed number of queries, whatever the number of pilots, milestones or log entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404

from reconnect.hub.models import InterventionPage, Theme
from reconnect.hub.selectors import interventions_visible_to
from reconnect.lab import rules
from reconnect.lab.models import Fidelity, LogEntry, Milestone, Phase, Pilot, PilotStatus
from reconnect.schools.models import Membership, School
from reconnect.selfeval.models import Action
from reconnect.spectrum.models import SavedCohort, StaffCohortGrant

# The largest id either database holds: a bigger one is simply not there.
MAX_ID = 2**31 - 1


def _memberships(user: Any) -> None:
    # The rules read the user's memberships several times a page: once from the database.
    if user.is_authenticated:
        prefetch_related_objects([user], "memberships")


def school_for(user: Any, urn: int) -> School:
    """The school with this URN, if ``user`` may read its pilots; else 404."""
    if urn > MAX_ID:
        raise Http404
    _memberships(user)
    school = School.objects.filter(urn=urn).first()
    if school is None or not rules.can_read_pilots(user, school.pk):
        raise Http404
    return school


def _pilot_queryset() -> QuerySet[Pilot]:
    return Pilot.objects.select_related(
        "school", "theme", "priority__domain", "target_group", "intervention", "created_by"
    )


def pilot_for(user: Any, urn: int, pilot_id: int) -> Pilot:
    """The pilot ``pilot_id`` of the school ``urn``, with its links, milestones, measures
    and log loaded, if ``user`` may read it; else 404 (also for another school's pilot)."""
    if urn > MAX_ID or pilot_id > MAX_ID:
        raise Http404
    _memberships(user)
    pilot = (
        _pilot_queryset()
        .filter(school__urn=urn, pk=pilot_id)
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            "measures",
            Prefetch("log", queryset=LogEntry.objects.select_related("author")),
        )
        .first()
    )
    if pilot is None or not rules.can_read_pilot(user, pilot):
        raise Http404
    return pilot


def child_for(pilot: Pilot, name: str, child_id: int) -> Any:
    """A milestone or measure of ``pilot`` from its prefetched list; 404 if not its own."""
    for child in getattr(pilot, name).all():
        if child.pk == child_id:
            return child
    raise Http404


def cohort_access_granted(user: Any, school: School) -> bool:
    """Whether a lead granted ``user`` the school's cohort views (one query; staff only)."""
    if rules.can_edit_pilots(user, school.pk) or not rules.can_read_pilots(user, school.pk):
        return False
    return StaffCohortGrant.objects.filter(school=school, user_id=user.pk).exists()


# --- Lists --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabSchool:
    """One of the user's schools on the Lab home, with its pilots."""

    school: School
    may_edit: bool
    pilots: list[Pilot] = field(default_factory=list)


def _with_progress(pilots: QuerySet[Pilot]) -> QuerySet[Pilot]:
    return pilots.annotate(
        milestones_total=Count("milestones", distinct=True),
        milestones_done=Count(
            "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
        ),
    )


def lab_schools(user: Any) -> list[LabSchool]:
    """The user's schools, by name, each with its pilots newest first: two queries."""
    if not (user.is_authenticated and user.is_active):
        return []
    memberships = list(
        Membership.objects.filter(user=user).select_related("school").order_by("school__name")
    )
    if not memberships:
        return []
    pilots = _with_progress(
        Pilot.objects.filter(school_id__in=[m.school_id for m in memberships]).select_related(
            "intervention"
        )
    ).order_by("-created_at", "-pk")
    by_school: dict[int, list[Pilot]] = {}
    for pilot in pilots:
        by_school.setdefault(pilot.school_id, []).append(pilot)
    return [
        LabSchool(
            school=m.school,
            may_edit=m.role in rules.EDIT_ROLES,
            pilots=by_school.get(m.school_id, []),
        )
        for m in memberships
    ]


def network_pilots() -> QuerySet[Pilot]:
    """Running and completed pilots across the network, for coordinators: one query."""
    return (
        Pilot.objects.filter(status__in=rules.NETWORK_STATUSES)
        .select_related("school", "intervention", "theme")
        .order_by("school__name", "-created_at", "-pk")
    )


def actions_with_pilots(school_id: int, action_ids: Iterable[int]) -> set[int]:
    """Which of these self-evaluation actions a pilot of the school answers: one query."""
    ids = list(action_ids)
    if not ids:
        return set()
    return set(
        Pilot.objects.filter(school_id=school_id, priority_id__in=ids)
        .values_list("priority_id", flat=True)
        .distinct()
    )


# --- A pilot's page -----------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseStep:
    """One EEF phase on the timeline, with its milestones."""

    phase: str
    label: str
    milestones: list[Milestone]
    is_current: bool
    is_past: bool

    @property
    def done(self) -> int:
        return sum(1 for m in self.milestones if m.done_on is not None)


def timeline(pilot: Pilot) -> list[PhaseStep]:
    """The four phases in order, each with its milestones (from the prefetched list)."""
    order = list(Phase.values)
    current = order.index(pilot.phase)
    grouped: dict[str, list[Milestone]] = {phase: [] for phase in order}
    for milestone in pilot.milestones.all():
        grouped.setdefault(milestone.phase, []).append(milestone)
    return [
        PhaseStep(
            phase=phase,
            label=str(Phase(phase).label),
            milestones=grouped[phase],
            is_current=index == current,
            is_past=index < current,
        )
        for index, phase in enumerate(order)
    ]


@dataclass(frozen=True)
class FidelityCount:
    label: str
    count: int


@dataclass(frozen=True)
class LogSummary:
    """Dosage and fidelity over the whole log."""

    entries: int
    sessions_planned: int
    sessions_delivered: int
    # Delivered as a share of planned, over the entries that give both (None: none do).
    delivered_share: float | None
    average_pupils: float | None
    fidelity: list[FidelityCount]
    # As planned or mostly, as a share of the entries that say how it went.
    faithful_share: float | None


def log_summary(entries: Sequence[LogEntry]) -> LogSummary:
    """Dosage and fidelity from the log's entries (already loaded; no query)."""
    both = [
        e for e in entries if e.sessions_planned is not None and e.sessions_delivered is not None
    ]
    planned_both = sum(e.sessions_planned or 0 for e in both)
    delivered_both = sum(e.sessions_delivered or 0 for e in both)
    present = [e.pupils_present for e in entries if e.pupils_present is not None]
    rated = Counter(e.fidelity for e in entries if e.fidelity)
    rated_total = sum(rated.values())
    faithful = rated[Fidelity.AS_PLANNED] + rated[Fidelity.MOSTLY]
    return LogSummary(
        entries=len(entries),
        sessions_planned=sum(e.sessions_planned or 0 for e in entries),
        sessions_delivered=sum(e.sessions_delivered or 0 for e in entries),
        delivered_share=delivered_both / planned_both if planned_both else None,
        average_pupils=sum(present) / len(present) if present else None,
        fidelity=[
            FidelityCount(label=str(label), count=rated[value])
            for value, label in Fidelity.choices
            if rated[value]
        ],
        faithful_share=faithful / rated_total if rated_total else None,
    )


# --- The form's choices -------------------------------------------------------------------


@dataclass(frozen=True)
class PilotChoices:
    """What a pilot of ``school`` may link to, for this user: one query per list."""

    themes: list[Theme]
    priorities: list[Action]
    target_groups: list[SavedCohort] | None  # None: the user may not see the school's groups
    interventions: list[InterventionPage]


def pilot_choices(user: Any, school: School, *, granted: bool = False) -> PilotChoices:
    groups: list[SavedCohort] | None = None
    if rules.can_see_target_group(user, school.pk, granted=granted):
        groups = list(SavedCohort.objects.filter(school=school).order_by("name"))
    return PilotChoices(
        themes=list(Theme.objects.order_by("position", "name")),
        priorities=list(
            Action.objects.filter(school=school)
            .select_related("domain")
            .order_by("domain__sort_order", "title", "pk")
        ),
        target_groups=groups,
        interventions=list(
            interventions_visible_to(user).filter(live=True).order_by("title").only("pk", "title")
        ),
    )


def status_counts(pilots: Iterable[Pilot]) -> dict[str, int]:
    """How many pilots have each status (for the Lab home's summary line)."""
    counts = Counter(p.status for p in pilots)
    return {status: counts[status] for status in PilotStatus.values}
