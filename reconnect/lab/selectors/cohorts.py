"""Reading Lab cohorts: the list a user sees, a cohort's page for its coordinator and for an
applicant school, the choices of the apply form and the trios' reasons in words.

``cohort_for`` answers 404 to anyone who may not see the cohort: a cohort open for
applications is seen by every signed-in user, any other by coordinators and by members of
the schools that applied to it. Each read costs a fixed number of queries, whatever the
number of applications, trios or pairing rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from reconnect.hub.models import Theme
from reconnect.lab import rules
from reconnect.lab.models import (
    Application,
    ApplicationStatus,
    CohortStatus,
    LabCohort,
    PairingConstraint,
    Pilot,
    PilotStatus,
    Trio,
    TrioMember,
    TrioStatus,
)
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.selfeval.models import Domain

MAX_ID = 2**31 - 1


def _memberships(user: Any) -> None:
    if user.is_authenticated:
        prefetch_related_objects([user], "memberships")


def _school_ids(user: Any, *, leads_only: bool = False) -> list[int]:
    if not (user.is_authenticated and user.is_active):
        return []
    return [
        m.school_id
        for m in user.memberships.all()
        if not leads_only or m.role == SchoolRole.SCHOOL_LEAD
    ]


def _visible(user: Any) -> QuerySet[LabCohort]:
    cohorts = LabCohort.objects.all()
    if rules.can_manage_cohorts(user):
        return cohorts
    applied = Application.objects.filter(school_id__in=_school_ids(user)).values("cohort_id")
    return cohorts.filter(Q(status=CohortStatus.OPEN) | Q(pk__in=applied))


def cohort_list(user: Any) -> list[LabCohort]:
    """The cohorts ``user`` sees, newest first, each with ``live_count`` (applications not
    withdrawn): two queries."""
    _memberships(user)
    return list(
        _visible(user).annotate(
            live_count=Count(
                "applications", filter=~Q(applications__status=ApplicationStatus.WITHDRAWN)
            )
        )
    )


def cohort_for(user: Any, cohort_id: int) -> LabCohort:
    """The cohort, if ``user`` may see it; else 404."""
    if cohort_id > MAX_ID:
        raise Http404
    _memberships(user)
    cohort = _visible(user).filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort


# --- Applying -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplyChoice:
    """A school the user leads that has not applied yet, with the pilots it may apply with."""

    school: School
    pilots: list[Pilot]


def apply_choices(user: Any, cohort: LabCohort) -> list[ApplyChoice]:
    """The user's led schools without a live application to ``cohort``, by name, each with
    its pilots that are not withdrawn (newest first): two queries."""
    _memberships(user)
    led = _school_ids(user, leads_only=True)
    if not led:
        return []
    applied = Application.objects.filter(cohort=cohort).exclude(status=ApplicationStatus.WITHDRAWN)
    schools = list(
        School.objects.filter(pk__in=led)
        .exclude(pk__in=applied.values("school_id"))
        .order_by("name")
    )
    if not schools:
        return []
    pilots: dict[int, list[Pilot]] = {}
    for pilot in (
        Pilot.objects.filter(school__in=schools)
        .exclude(status=PilotStatus.WITHDRAWN)
        .order_by("-created_at", "-pk")
    ):
        pilots.setdefault(pilot.school_id, []).append(pilot)
    return [ApplyChoice(school, pilots.get(school.pk, [])) for school in schools]


def application_for(user: Any, cohort: LabCohort, application_id: int) -> Application:
    """An application to ``cohort`` that ``user`` may withdraw (a lead of its school); 404
    otherwise, also for another school's application."""
    if application_id > MAX_ID:
        raise Http404
    _memberships(user)
    application = (
        Application.objects.filter(cohort=cohort, pk=application_id)
        .select_related("school", "cohort")
        .first()
    )
    if application is None or not rules.can_apply(user, application.school_id):
        raise Http404
    return application


# --- A school's view of a cohort ----------------------------------------------------------


@dataclass(frozen=True)
class OwnApplication:
    """One of the user's schools' applications, with its confirmed trio's schools if any."""

    application: Application
    may_withdraw: bool
    trio: Trio | None = None
    partners: list[School] = field(default_factory=list)


def own_applications(user: Any, cohort: LabCohort) -> list[OwnApplication]:
    """The applications of the user's schools to ``cohort`` (withdrawn ones included), oldest
    first, each with its confirmed trio and that trio's schools: two queries."""
    _memberships(user)
    ids = _school_ids(user)
    if not ids:
        return []
    applications = list(
        Application.objects.filter(cohort=cohort, school_id__in=ids)
        .select_related("school", "pilot")
        .order_by("submitted_at", "pk")
    )
    if not applications:
        return []
    memberships = (
        TrioMember.objects.filter(
            cohort=cohort,
            school_id__in=[a.school_id for a in applications],
            trio__status=TrioStatus.CONFIRMED,
        )
        .select_related("trio")
        .prefetch_related(
            Prefetch("trio__members", queryset=TrioMember.objects.select_related("school"))
        )
    )
    trios = {m.school_id: m.trio for m in memberships}
    found: list[OwnApplication] = []
    for application in applications:
        trio = trios.get(application.school_id)
        found.append(
            OwnApplication(
                application=application,
                may_withdraw=application.status == ApplicationStatus.SUBMITTED
                and rules.can_apply(user, application.school_id),
                trio=trio,
                partners=[m.school for m in trio.members.all()] if trio is not None else [],
            )
        )
    return found


# --- The coordinator's view of a cohort ---------------------------------------------------


@dataclass(frozen=True)
class TrioView:
    """A trio with its members and its reasons in words."""

    trio: Trio
    members: list[TrioMember]
    reasons: list[str]

    @property
    def is_confirmed(self) -> bool:
        return self.trio.status == TrioStatus.CONFIRMED


@dataclass(frozen=True)
class CohortWorkspace:
    """Everything the coordinator's cohort page shows."""

    applications: list[Application]
    pairings: list[PairingConstraint]
    trios: list[TrioView]
    applicants: list[School]  # live applicants, by name: the pairing form's choices

    @property
    def proposed(self) -> list[TrioView]:
        return [t for t in self.trios if not t.is_confirmed]

    @property
    def waiting(self) -> list[Application]:
        """Submitted applications whose school is in no trio yet."""
        placed = {m.school_id for t in self.trios for m in t.members}
        return [
            a
            for a in self.applications
            if a.status == ApplicationStatus.SUBMITTED and a.school_id not in placed
        ]


TRAVEL_WORDS = {
    "same borough": lambda: _("same borough"),
    "neighbouring boroughs": lambda: _("neighbouring boroughs"),
    "far": lambda: _("further apart"),
}


def _challenge_names(keys: Iterable[str]) -> dict[str, str]:
    """Challenge keys (Hub theme slugs, self-evaluation domain codes) to names: two queries."""
    wanted = set(keys)
    if not wanted:
        return {}
    names = dict(Domain.objects.filter(code__in=wanted).values_list("code", "title"))
    names.update(Theme.objects.filter(slug__in=wanted).values_list("slug", "name"))
    return names


def _keys(reasons: Any) -> set[str]:
    if not isinstance(reasons, Mapping):
        return set()
    keys = {k for p in reasons.get("pairs", []) for k in p.get("shared_challenges", [])}
    if reasons.get("lead"):
        keys.add(reasons["lead"]["domain"])
    return keys


def reasons_in_words(
    reasons: Any, schools: Mapping[int, str], challenges: Mapping[str, str]
) -> list[str]:
    """A trio's stored reasons as sentences: one per pair, then its lead if it has one."""
    if not isinstance(reasons, Mapping):
        return []
    words: list[str] = []
    for pair in reasons.get("pairs", []):
        parts: list[str] = []
        shared = [challenges.get(k, k) for k in pair.get("shared_challenges", [])]
        if shared:
            parts.append(_("shared challenge: %(names)s") % {"names": ", ".join(shared)})
        elif pair.get("related_challenge"):
            parts.append(_("related challenges"))
        if pair.get("same_intervention"):
            parts.append(_("same intervention"))
        elif pair.get("related_intervention"):
            parts.append(_("related interventions"))
        parts.append(str(TRAVEL_WORDS.get(pair.get("travel", "far"), TRAVEL_WORDS["far"])()))
        words.append(
            _("%(first)s and %(second)s: %(reasons)s")
            % {
                "first": schools.get(pair["first"], "?"),
                "second": schools.get(pair["second"], "?"),
                "reasons": "; ".join(parts),
            }
        )
    lead = reasons.get("lead")
    if lead:
        words.append(
            _("%(school)s is stronger in %(domain)s: %(score)s against %(other)s’s %(helped)s")
            % {
                "school": schools.get(lead["school"], "?"),
                "domain": challenges.get(lead["domain"], lead["domain"]),
                "score": f"{lead['score']:g}",
                "other": schools.get(lead["helps"], "?"),
                "helped": f"{lead['helped_score']:g}",
            }
        )
    return words


def cohort_workspace(cohort: LabCohort) -> CohortWorkspace:
    """The cohort's applications, pairing rules and trios with their members and reasons:
    six queries, whatever their numbers."""
    applications = list(
        Application.objects.filter(cohort=cohort)
        .select_related(
            "school__local_authority", "pilot__theme", "pilot__intervention", "submitted_by"
        )
        .order_by("school__name", "pk")
    )
    pairings = list(
        PairingConstraint.objects.filter(cohort=cohort)
        .select_related("first", "second")
        .order_by("first__name", "second__name", "pk")
    )
    trios = list(
        Trio.objects.filter(cohort=cohort).prefetch_related(
            Prefetch(
                "members",
                queryset=TrioMember.objects.select_related("school").order_by("school__name"),
            )
        )
    )
    names = {a.school_id: a.school.name for a in applications}
    for trio in trios:
        names.update({m.school_id: m.school.name for m in trio.members.all()})
    keys: set[str] = set()
    for trio in trios:
        keys |= _keys(trio.reasons)
    challenges = _challenge_names(keys)
    views = [
        TrioView(
            trio=trio,
            members=list(trio.members.all()),
            reasons=reasons_in_words(trio.reasons, names, challenges),
        )
        for trio in sorted(trios, key=lambda t: (t.status != TrioStatus.CONFIRMED, t.pk))
    ]
    applicants = sorted(
        {
            a.school_id: a.school for a in applications if a.status != ApplicationStatus.WITHDRAWN
        }.values(),
        key=lambda s: s.name,
    )
    return CohortWorkspace(applications, pairings, views, applicants)


def trio_for(cohort: LabCohort, trio_id: int) -> Trio:
    """A trio of ``cohort`` (404 for another cohort's), with its cohort."""
    trio = Trio.objects.filter(cohort=cohort, pk=min(trio_id, MAX_ID)).first()
    if trio is None:
        raise Http404
    trio.cohort = cohort
    return trio


def member_for(cohort: LabCohort, member_id: int) -> TrioMember:
    """A trio member of ``cohort`` (404 for another cohort's), with its trio and school."""
    member = (
        TrioMember.objects.filter(cohort=cohort, pk=min(member_id, MAX_ID))
        .select_related("trio", "school")
        .first()
    )
    if member is None:
        raise Http404
    member.trio.cohort = cohort
    return member


def pairing_for(cohort: LabCohort, pairing_id: int) -> PairingConstraint:
    pairing = PairingConstraint.objects.filter(cohort=cohort, pk=min(pairing_id, MAX_ID)).first()
    if pairing is None:
        raise Http404
    return pairing


def led_school_ids(user: Any) -> list[int]:
    """The schools ``user`` leads (and so may apply for), from the prefetched memberships."""
    _memberships(user)
    return _school_ids(user, leads_only=True)
