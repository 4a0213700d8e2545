"""Who can help with a theme: the schools with experience of it that someone will talk about.

Read by "Who can help me?" (``views.helpers``) and by a board post's matches
(``selectors.board``). Ranking is ``analysis.matching``'s; this module gathers, from the
database, only what a school has made visible to the network:

- **Self-evaluation strength**, exactly as the self-evaluation's "peers strong in"
  (``selfeval.selectors.signposts.peers_strong_in``) treats it as shareable: the school's
  latest submitted review (``Review.is_latest``, which only a submitted review can be)
  scores a domain linked to the theme at Established or above (``STRONG_FROM``), the school
  is open, and it has an active member open to contact. As there, the score itself is never
  shown, only that the school rates itself strong; drafts and superseded reviews never
  count. Reports shared with one school or trust (``ReportShare``) are not used: they were
  shared with someone else. Unlike "peers strong in", a school of another phase may be
  listed (phase only adds to the score), since a board post names the phases it concerns.
- **Completed Lab pilots** whose theme, or whose Hub intervention's themes, include the
  theme: named as "completed a pilot of <intervention>, <school year>", never with a figure
  (running, draft and withdrawn pilots never count).
- **Case studies** that are live, visible to the reader and name the school with its
  consent (``CaseStudyPage.named_school``).
- **Open board posts**: offers (and, for an offer's matches, requests) tagged with the theme.
- **Members' themes**: a member open to contact who lists the theme in their profile.

Only schools that are open and have at least one active member open to contact are ever
candidates, and contact goes only to those members: a member who is not open to contact is
never listed, and a school whose only such member opts out disappears.

**Cost.** One query per kind of evidence (each filtered by theme and by "has a member open
to contact" in the database), one for the candidates' names and places, one for the asker's
neighbouring boroughs, and one for the context figures of the asker's phase, cached per
school (``DISTANCES_CACHE_SECONDS``) as the self-evaluation caches its peers. Only the page
of schools shown is then loaded as rows, with its contacts in one prefetch: the page costs
the same number of queries for one school as for thirty, at London scale as in a test.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from reconnect.accounts.models import User
from reconnect.hub.models import CaseStudyPage, Theme
from reconnect.hub.selectors import hub_pages_visible_to
from reconnect.lab.models import Pilot, PilotStatus
from reconnect.network.analysis.matching import (
    Asker,
    Candidate,
    Evidence,
    EvidenceKind,
    Place,
    Ranked,
    academic_year,
    rank,
)
from reconnect.network.models import BoardKind, BoardPost
from reconnect.schools.analysis.similarity import FEATURES, most_similar_in
from reconnect.schools.models import LocalAuthority, Membership, School
from reconnect.schools.selectors import _CONTEXT_COLUMNS
from reconnect.selfeval.models import STRONG_FROM, DomainScore

# How long an asker's distances to the schools of its phase are kept at most (a change to
# the asker's own figures makes a new key at once; other schools' changes wait this long).
DISTANCES_CACHE_SECONDS = 60 * 60
# A school of the asker's phase this close on context is called "like yours".
LIKE_YOURS_DISTANCE = 1.0
# Members without a school who list the theme, shown after the schools.
MEMBERS_LIMIT = 10

HELPER_KINDS = frozenset(
    {
        EvidenceKind.STRENGTH,
        EvidenceKind.PILOT,
        EvidenceKind.CASE_STUDY,
        EvidenceKind.OFFER,
        EvidenceKind.INTEREST,
    }
)


# --- Who may be contacted ------------------------------------------------------------------


def contactable_memberships() -> QuerySet[Membership]:
    """Memberships of active members who are open to contact."""
    return Membership.objects.filter(user__is_active=True, user__open_to_contact=True)


def _has_contact(school_field: str) -> Exists:
    return Exists(contactable_memberships().filter(school_id=OuterRef(school_field)))


def contacts_of(school_id: int, *, exclude_user: Any = None) -> list[Any]:
    """A school's members open to contact, by name (without ``exclude_user``)."""
    members = (
        contactable_memberships()
        .filter(school_id=school_id, school__is_open=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    excluded = getattr(exclude_user, "pk", exclude_user)
    return [m.user for m in members if m.user_id != excluded]


# --- The asker ------------------------------------------------------------------------------


def first_school_of(user: Any) -> School | None:
    """The school a member joined first: whose point of view "like yours" takes."""
    if not (user.is_authenticated and user.is_active):
        return None
    membership = (
        user.memberships.select_related("school__local_authority").order_by("created_at", "pk")
    ).first()
    return membership.school if membership is not None else None


def asker_for(school: School | None, *, phases_wanted: Iterable[str] = ()) -> Asker:
    """The ranking's point of view: ``school``'s place and phase, or evidence only."""
    if school is None:
        return Asker(phases_wanted=frozenset(phases_wanted))
    neighbours = LocalAuthority.neighbours.through.objects.filter(
        from_localauthority_id=school.local_authority_id
    ).values_list("to_localauthority_id", flat=True)
    return Asker(
        key=school.pk,
        phase=school.phase,
        authority=school.local_authority_id,
        neighbours=frozenset(neighbours),
        phases_wanted=frozenset(phases_wanted),
    )


def school_distances(school: School) -> dict[int, float]:
    """Context distance from ``school`` to every comparable open school of its phase.

    Standardising needs the whole phase's figures (up to 1,700 schools in London), so the
    answer is cached per school; its key holds when the school's own figures last changed."""
    stamp = school.updated_at.timestamp() if school.updated_at is not None else 0
    key = f"network:helpers:distances:v1:{school.pk}:{school.phase}:{stamp:.6f}"
    cached: dict[int, float] | None = cache.get(key)
    if cached is not None:
        return cached
    phase = (
        School.objects.filter(phase=school.phase)
        .filter(Q(is_open=True) | Q(pk=school.pk))
        .annotate(**_CONTEXT_COLUMNS)
        .values_list("pk", *_CONTEXT_COLUMNS)
        .order_by()
    )
    sql, params = phase.query.sql_with_params()
    with connections[phase.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = np.array(cursor.fetchall(), dtype=np.float64).reshape(-1, 1 + len(FEATURES))
    keys = rows[:, 0].astype(np.int64)
    matches = most_similar_in(school.pk, keys, rows[:, 1:], count=len(keys), max_reasons=0)
    distances = {m.key: m.distance for m in matches}
    cache.set(key, distances, DISTANCES_CACHE_SECONDS)
    return distances


# --- Evidence, one query per kind ------------------------------------------------------------


def gather_evidence(
    *,
    user: Any,
    theme_ids: Collection[int],
    kinds: Collection[EvidenceKind],
    exclude_school_id: int | None = None,
) -> dict[int, list[Evidence]]:
    """Per school id, what it has made visible about any of ``theme_ids``, of ``kinds``."""
    found: dict[int, list[Evidence]] = defaultdict(list)
    if not theme_ids:
        return found
    ids = list(theme_ids)

    def add(school_id: int, item: Evidence) -> None:
        if school_id == exclude_school_id:
            return
        items = found[school_id]
        if item not in items:
            items.append(item)

    if EvidenceKind.STRENGTH in kinds:
        strong = (
            DomainScore.objects.filter(
                review__is_latest=True,
                score__gte=STRONG_FROM,
                domain__themes__in=ids,
                review__school__is_open=True,
            )
            .filter(_has_contact("review__school_id"))
            .values_list("review__school_id", "domain__title")
            .order_by("review__school_id", "domain__sort_order", "domain__title")
        )
        for school_id, title in strong:
            add(school_id, Evidence(EvidenceKind.STRENGTH, title))

    if EvidenceKind.PILOT in kinds:
        pilots = (
            Pilot.objects.filter(status=PilotStatus.COMPLETED, school__is_open=True)
            .filter(Q(theme_id__in=ids) | Q(intervention__themes__in=ids))
            .filter(_has_contact("school_id"))
            .values_list(
                "pk",
                "school_id",
                "intervention_id",
                "intervention__title",
                "theme__name",
                "completed_at",
            )
            .order_by("-completed_at", "-pk")
        )
        seen: set[int] = set()
        for pk, school_id, intervention_id, intervention, theme, completed in pilots:
            if pk in seen:  # one row per matching theme of its intervention
                continue
            seen.add(pk)
            # A pilot's own title is the school's words: only the Hub's names are shown.
            # ``ref`` is the intervention's page, 0 when the pilot named none.
            add(
                school_id,
                Evidence(
                    EvidenceKind.PILOT,
                    intervention or theme or "",
                    detail=academic_year(completed),
                    ref=intervention_id or 0,
                ),
            )

    if EvidenceKind.CASE_STUDY in kinds:
        studies = (
            hub_pages_visible_to(user, CaseStudyPage.objects.all())
            .filter(
                themes__in=ids,
                school__isnull=False,
                school_consent=True,
                school__is_open=True,
            )
            .filter(_has_contact("school_id"))
            .values_list("pk", "school_id", "title")
            .order_by("-first_published_at", "-pk")
        )
        for pk, school_id, title in studies:
            add(school_id, Evidence(EvidenceKind.CASE_STUDY, title, ref=pk))

    if EvidenceKind.OFFER in kinds:
        _add_posts(add, EvidenceKind.OFFER, BoardKind.OFFER, ids)
    if EvidenceKind.REQUEST in kinds:
        _add_posts(add, EvidenceKind.REQUEST, BoardKind.REQUEST, ids)

    if EvidenceKind.INTEREST in kinds:
        interested = (
            contactable_memberships()
            .filter(user__themes__in=ids, school__is_open=True)
            .values_list("school_id", "user__first_name", "user__last_name", "user__themes__name")
            .order_by("user__last_name", "user__first_name", "user__themes__position")
        )
        for school_id, first, last, theme in interested:
            name = f"{first} {last}".strip()
            add(school_id, Evidence(EvidenceKind.INTEREST, name, detail=theme))
    return found


def _add_posts(add: Any, kind: EvidenceKind, board_kind: str, theme_ids: list[int]) -> None:
    posts = (
        BoardPost.objects.filter(
            kind=board_kind,
            closed_at__isnull=True,
            themes__in=theme_ids,
            school__is_open=True,
        )
        .filter(_has_contact("school_id"))
        .values_list("pk", "school_id", "title")
        .order_by("-created_at", "-pk")
    )
    for pk, school_id, title in posts:
        add(school_id, Evidence(kind, title, ref=pk))


# --- Ranking ------------------------------------------------------------------------------


def rank_schools(
    *,
    user: Any,
    theme_ids: Collection[int],
    kinds: Collection[EvidenceKind],
    asker: Asker,
    asker_school: School | None,
) -> list[Ranked]:
    """Every school with evidence and a contact, best first (never the asker's school)."""
    evidence = gather_evidence(
        user=user, theme_ids=theme_ids, kinds=kinds, exclude_school_id=asker.key
    )
    if not evidence:
        return []
    rows = School.objects.filter(pk__in=list(evidence)).values_list(
        "pk", "name", "phase", "local_authority_id"
    )
    distances = school_distances(asker_school) if asker_school is not None else {}
    candidates = [
        Candidate(
            key=pk,
            name=name,
            phase=phase,
            authority=authority,
            evidence=tuple(evidence[pk]),
            distance=distances.get(pk) if asker_school and phase == asker_school.phase else None,
        )
        for pk, name, phase, authority in rows
    ]
    return rank(asker, candidates)


# --- What a page shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    text: str
    url: str = ""


@dataclass(frozen=True)
class HelperSchool:
    """One ranked school as a page shows it: the reasons in words and who to contact."""

    school: School
    ranked: Ranked
    reasons: list[Reason]
    contacts: list[Any]


def evidence_reason(item: Evidence) -> Reason:
    if item.kind == EvidenceKind.PILOT:
        names = {"name": item.label, "year": item.detail}
        if item.ref and item.detail:
            text = _("Completed a pilot of %(name)s, %(year)s") % names
        elif item.ref:
            text = _("Completed a pilot of %(name)s") % names
        elif item.detail:
            text = _("Completed a pilot on %(name)s, %(year)s") % names
        else:
            text = _("Completed a pilot on %(name)s") % names
        return Reason(text)
    if item.kind == EvidenceKind.STRENGTH:
        return Reason(_("Strong in %(domain)s in its self-evaluation") % {"domain": item.label})
    if item.kind == EvidenceKind.CASE_STUDY:
        return Reason(_("Published a case study: %(title)s") % {"title": item.label})
    if item.kind == EvidenceKind.OFFER:
        return Reason(
            _("Offers help on the board: %(title)s") % {"title": item.label},
            reverse("network:board-post", kwargs={"post_id": item.ref}),
        )
    if item.kind == EvidenceKind.REQUEST:
        return Reason(
            _("Is looking for help on the board: %(title)s") % {"title": item.label},
            reverse("network:board-post", kwargs={"post_id": item.ref}),
        )
    return Reason(_("%(name)s works on %(theme)s") % {"name": item.label, "theme": item.detail})


def _context_reasons(ranked: Ranked, school: School) -> list[Reason]:
    reasons = []
    if ranked.place == Place.SAME:
        reasons.append(Reason(_("Same borough: %(la)s") % {"la": school.local_authority.name}))
    elif ranked.place == Place.NEIGHBOUR:
        reasons.append(
            Reason(_("Neighbouring borough: %(la)s") % {"la": school.local_authority.name})
        )
    if ranked.phase_wanted:
        reasons.append(Reason(_("Phase: %(phase)s") % {"phase": school.get_phase_display()}))
    distance = ranked.candidate.distance
    if distance is not None and distance <= LIKE_YOURS_DISTANCE:
        reasons.append(Reason(_("A school like yours on context")))
    return reasons


def helper_schools(ranked: Sequence[Ranked], *, exclude_user: Any = None) -> list[HelperSchool]:
    """The ranked schools as rows with their borough and contacts: two queries."""
    if not ranked:
        return []
    members = (
        contactable_memberships()
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    schools = (
        School.objects.filter(pk__in=[r.key for r in ranked])
        .select_related("local_authority")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="open_memberships"))
        .in_bulk()
    )
    excluded = getattr(exclude_user, "pk", exclude_user)
    rows = []
    for item in ranked:
        school = schools.get(item.key)
        if school is None:
            continue
        contacts = [m.user for m in school.open_memberships if m.user_id != excluded]
        if not contacts:
            continue
        reasons = [evidence_reason(e) for e in item.evidence] + _context_reasons(item, school)
        rows.append(HelperSchool(school=school, ranked=item, reasons=reasons, contacts=contacts))
    return rows


def helpers_ranked(*, user: Any, theme: Theme) -> tuple[School | None, list[Ranked]]:
    """ "Who can help me?" for ``theme``: the asker's first school and the ranked schools."""
    school = first_school_of(user)
    asker = asker_for(school)
    ranked = rank_schools(
        user=user, theme_ids=[theme.pk], kinds=HELPER_KINDS, asker=asker, asker_school=school
    )
    return school, ranked


def members_without_school(*, user: Any, theme: Theme) -> list[Any]:
    """Members open to contact with no school (system leaders, partners) who list the theme."""
    return list(
        User.objects.filter(
            is_active=True, open_to_contact=True, themes=theme, memberships__isnull=True
        )
        .exclude(pk=user.pk)
        .order_by("last_name", "first_name", "pk")[:MEMBERS_LIMIT]
    )


def themes_for_picker() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "name")
