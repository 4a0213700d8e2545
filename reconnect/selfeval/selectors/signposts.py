"""Signposts from a report: for each priority, what the Hub offers and who has done it well.

For a domain a school rated itself weak in, the signposts are the Hub's interventions
tagged with any of the domain's themes (ranked as the Hub's explorer ranks them: impact,
then evidence, then cost), the newest thematic review of those themes, the newest case
studies, and peers: other schools of the same phase that rate themselves Established or
Embedded in the domain and have a member open to contact, most similar schools first.

Everything is read for all the domains at once, so the report page makes the same number
of queries for one priority as for three. Hub lists are ranked in the database as plain
(page, theme) pairs, and only the pages shown are then loaded as pages.

A peer's score is never returned: it was not shared with the school reading this. Only the
fact that it is at least Established, which is what makes it a peer.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, F, Max, OrderBy, OuterRef, Prefetch, Q, QuerySet

from reconnect.hub.models import CaseStudyPage, HubPage, InterventionPage, ThematicReviewPage, Theme
from reconnect.hub.selectors import _RANKING, Capped, hub_pages_visible_to
from reconnect.schools.analysis.similarity import FEATURES, Match, Reason, most_similar_in
from reconnect.schools.models import Membership, School
from reconnect.schools.selectors import _CONTEXT_COLUMNS
from reconnect.selfeval.models import (
    STRONG_FROM,
    Answer,
    Domain,
    DomainBenchmark,
    DomainScore,
    Framework,
    Level,
    Review,
    Statement,
)

SUMMARY_LIMIT = 3
SUMMARY_CASE_STUDIES = 2
DETAIL_CASE_STUDIES = 10
DETAIL_PEERS = 10

# The Hub's explorer ranking, with the page id last so equal titles keep one order.
_INTERVENTION_ORDER: tuple[OrderBy, ...] = (*_RANKING, F("pk").asc())
# The Hub's "newest first" (``hub.selectors.newest_first``), with the same tie-break.
_NEWEST: tuple[OrderBy, ...] = (F("first_published_at").desc(nulls_last=True), F("pk").desc())

# Schools like mine are ranked over the whole phase (the z-scores are the phase's), but only
# a few peers are shown: ask for the nearest few and widen only while too few are peers.
_FIRST_NEAREST = 50
_WIDEN_BY = 4
# How long a phase's ranking of peers is kept at most. A submission of the phase replaces it
# at once (its key holds the benchmark's time); this bounds how long a school that has just
# opened, closed or updated its context figures waits to be ranked anew.
PEERS_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Peer:
    """A school that rates itself strong in a domain, and who there is happy to be asked.

    ``match`` is how like the reader's school it is (None when the two share no context
    figure); ``contacts`` are its active members open to contact, by name.
    """

    school: School
    match: Match | None
    contacts: list[Any]

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self.match.reasons if self.match is not None else ()


@dataclass(frozen=True)
class DomainSignposts:
    """Where to look next for one domain of a submitted review."""

    review_id: int
    school: School  # the review's school, whose peers these are
    domain: Domain
    interventions: Capped[InterventionPage]
    review: ThematicReviewPage | None
    case_studies: Capped[CaseStudyPage]
    peers: Capped[Peer]
    has_themes: bool

    @property
    def code(self) -> str:
        return self.domain.code


def signposts_for_priorities(
    *,
    user: Any,
    review: Review,
    domains: Sequence[Domain],
    limit: int = SUMMARY_LIMIT,
    case_studies: int = SUMMARY_CASE_STUDIES,
    benchmarked_at: datetime | None = None,
) -> list[DomainSignposts]:
    """The report's "what to do next": for each domain, the top ``limit`` interventions
    and peers, the thematic review and the newest ``case_studies`` case studies.

    A fixed number of queries, however many domains (none when there are none).
    ``benchmarked_at``: as for ``peers_strong_in``."""
    return _signposts(
        user=user,
        review=review,
        domains=domains,
        interventions=limit,
        case_studies=case_studies,
        peers=limit,
        benchmarked_at=benchmarked_at,
    )


def signposts_for_domain(*, user: Any, review: Review, domain: Domain) -> DomainSignposts:
    """The whole picture for one domain: every matching intervention, more case studies
    and peers."""
    return _signposts(
        user=user,
        review=review,
        domains=[domain],
        interventions=None,
        case_studies=DETAIL_CASE_STUDIES,
        peers=DETAIL_PEERS,
    )[0]


def _signposts(
    *,
    user: Any,
    review: Review,
    domains: Sequence[Domain],
    interventions: int | None,
    case_studies: int,
    peers: int,
    benchmarked_at: datetime | None = None,
) -> list[DomainSignposts]:
    if not domains:
        return []
    themes_of = _theme_ids_by_domain(domains)
    all_themes = set().union(*themes_of.values())

    ranked = _first_per_domain(
        InterventionPage.objects.all(),
        user,
        themes_of,
        order=_INTERVENTION_ORDER,
        limit=interventions,
    )
    newest_cases = _first_per_domain(
        CaseStudyPage.objects.all(), user, themes_of, order=_NEWEST, limit=case_studies
    )
    reviews = _newest_reviews(user, all_themes)
    strong = _peers(
        school=review.school,
        framework_id=review.framework_id,  # the id only: no query for the framework row
        codes=[domain.code for domain in domains],
        limit=peers + 1,
        benchmarked_at=benchmarked_at,
    )
    return [
        DomainSignposts(
            review_id=review.pk,
            school=review.school,
            domain=domain,
            interventions=ranked[domain.pk],
            review=next((r for r in reviews if r.theme_id in themes_of[domain.pk]), None),
            case_studies=newest_cases[domain.pk],
            peers=_capped(strong[domain.code], peers),
            has_themes=bool(themes_of[domain.pk]),
        )
        for domain in domains
    ]


def _theme_ids_by_domain(domains: Sequence[Domain]) -> dict[int, set[int]]:
    themes_of: dict[int, set[int]] = {domain.pk: set() for domain in domains}
    links = Domain.themes.through.objects.filter(domain_id__in=themes_of).values_list(
        "domain_id", "theme_id"
    )
    for domain_id, theme_id in links:
        themes_of[domain_id].add(theme_id)
    return themes_of


def _first_per_domain[PageT: HubPage](
    pages: QuerySet[PageT],
    user: Any,
    themes_of: dict[int, set[int]],
    *,
    order: tuple[OrderBy, ...],
    limit: int | None,
) -> dict[int, Capped[PageT]]:
    """For each domain, the visible pages tagged with any of its themes, each once, in
    ``order``: the first ``limit`` of them (all with None) and whether there are more.

    Two queries whatever the number of domains: the (page, tag) pairs as plain numbers,
    then only the pages shown. Building a page row is most of the cost of a Hub query,
    so the pages no domain shows are never built."""
    all_themes = set().union(*themes_of.values())
    pairs: list[tuple[int, int]] = []
    if all_themes:
        # One join to the tags: the filter and the tag read the same row.
        tagged = hub_pages_visible_to(user, pages.filter(themes__in=all_themes))
        pairs = list(tagged.annotate(tag=F("themes")).order_by(*order).values_list("pk", "tag"))
    chosen: dict[int, Capped[int]] = {}
    for domain_id, theme_ids in themes_of.items():
        ids = list(dict.fromkeys(pk for pk, tag in pairs if tag in theme_ids))
        chosen[domain_id] = _capped(ids, limit)
    wanted = {pk for capped in chosen.values() for pk in capped.items}
    built = pages.in_bulk(wanted) if wanted else {}
    return {
        domain_id: Capped(
            items=[built[pk] for pk in capped.items if pk in built], has_more=capped.has_more
        )
        for domain_id, capped in chosen.items()
    }


def _capped[T](items: list[T], limit: int | None) -> Capped[T]:
    if limit is None:
        return Capped(items=items, has_more=False)
    return Capped(items=items[:limit], has_more=len(items) > limit)


def _newest_reviews(user: Any, theme_ids: set[int]) -> list[ThematicReviewPage]:
    """The visible thematic reviews of these themes, newest first (a theme has one or two)."""
    if not theme_ids:
        return []
    return list(
        hub_pages_visible_to(
            user, ThematicReviewPage.objects.filter(theme_id__in=theme_ids)
        ).order_by(*_NEWEST)
    )


# --- Peers -------------------------------------------------------------------------------


def peers_strong_in(
    *,
    school: School,
    framework: Framework,
    codes: Iterable[str],
    limit: int,
    benchmarked_at: datetime | None = None,
) -> dict[str, list[Peer]]:
    """For each domain code, up to ``limit`` other open schools of ``school``'s phase whose
    latest submitted review of ``framework`` scores the domain at Established or above, and
    which have an active member open to contact: most like ``school`` first, then those
    that cannot be compared (no context figure in common) by name.

    The ranking is cached (see ``PEERS_CACHE_SECONDS``); ``benchmarked_at`` is the phase's
    latest ``DomainBenchmark.computed_at`` when the caller has read it already (a report
    has), saving the query that asks. Three queries when the ranking is cached (one when no
    school is a peer), five when it is not (two when there is no peer)."""
    return _peers(
        school=school,
        framework_id=framework.pk,
        codes=codes,
        limit=limit,
        benchmarked_at=benchmarked_at,
    )


def benchmark_computed_at(*, framework_id: int, phase: str) -> datetime | None:
    """When the phase's benchmark was last computed: after every submission of the phase."""
    latest: datetime | None = DomainBenchmark.objects.filter(
        framework_id=framework_id, phase=phase
    ).aggregate(latest=Max("computed_at"))["latest"]
    return latest


def _peers_cache_key(
    *, school: School, framework_id: int, stamp: datetime | None, limit: int, code: str
) -> str:
    when = stamp.isoformat() if stamp is not None else "never"
    return f"selfeval:peers:v1:{school.pk}:{school.phase}:{framework_id}:{when}:{limit}:{code}"


def _peers(
    *,
    school: School,
    framework_id: int,
    codes: Iterable[str],
    limit: int,
    benchmarked_at: datetime | None = None,
) -> dict[str, list[Peer]]:
    """The peers, their ranking from the cache when it holds it.

    Ranking a phase's schools and finding the strong ones is most of a report's time at
    London scale, and changes only when a school of the phase submits (which recomputes the
    benchmark, so a new ``computed_at`` makes a new key) or a school's context changes
    (rare: the key expires after ``PEERS_CACHE_SECONDS``). Each code is cached on its own:
    a code's peers do not depend on which other codes are asked for. Contacts are always
    read afresh, so someone who stops being open to contact is never shown."""
    wanted = list(dict.fromkeys(codes))
    peers: dict[str, list[Peer]] = {code: [] for code in wanted}
    if not peers or limit <= 0:
        return peers
    stamp = benchmarked_at
    if stamp is None:
        stamp = benchmark_computed_at(framework_id=framework_id, phase=school.phase)
    keys = {
        code: _peers_cache_key(
            school=school, framework_id=framework_id, stamp=stamp, limit=limit, code=code
        )
        for code in wanted
    }
    cached = cache.get_many(list(keys.values()))
    chosen_ids: dict[str, list[tuple[int, Match | None]]] = {
        code: cached[key] for code, key in keys.items() if key in cached
    }
    missing = [code for code in wanted if code not in chosen_ids]
    if missing:
        ranked = _ranked_peer_ids(
            school=school, framework_id=framework_id, codes=missing, limit=limit
        )
        cache.set_many({keys[code]: ranked[code] for code in missing}, PEERS_CACHE_SECONDS)
        chosen_ids.update(ranked)

    schools = _schools_with_contacts({pk for rows in chosen_ids.values() for pk, _ in rows})
    for code, rows in chosen_ids.items():
        peers[code] = [
            Peer(school=schools[pk][0], match=match, contacts=schools[pk][1])
            for pk, match in rows
            # A member may have left since the ranking: a peer with no one to ask is none.
            if pk in schools and schools[pk][1]
        ]
    return peers


def _ranked_peer_ids(
    *, school: School, framework_id: int, codes: list[str], limit: int
) -> dict[str, list[tuple[int, Match | None]]]:
    """Per code, the ids of the first ``limit`` peers and how like ``school`` each is."""
    chosen_ids: dict[str, list[tuple[int, Match | None]]] = {code: [] for code in codes}
    candidates, names = _strong_schools(school=school, framework_id=framework_id, codes=codes)
    if not names:
        return chosen_ids

    keys, figures = _phase_figures(school)
    count = _FIRST_NEAREST
    while True:
        matches = most_similar_in(school.pk, keys, figures, count=count)
        exhausted = len(matches) < count
        chosen = {code: [m for m in matches if m.key in candidates[code]][:limit] for code in codes}
        if exhausted or all(
            len(chosen[code]) >= min(limit, len(candidates[code])) for code in codes
        ):
            break
        count *= _WIDEN_BY

    compared = {m.key for m in matches}
    for code in codes:
        rows: list[tuple[int, Match | None]] = [(m.key, m) for m in chosen[code]]
        if exhausted and len(rows) < limit:
            # Only once every comparable school has been seen do the others follow, by name.
            others = sorted(candidates[code] - compared, key=lambda pk: (names[pk], pk))
            rows += [(pk, None) for pk in others[: limit - len(rows)]]
        chosen_ids[code] = rows
    return chosen_ids


def _contactable_members() -> QuerySet[Membership]:
    return Membership.objects.filter(user__is_active=True, user__open_to_contact=True)


def _strong_schools(
    *, school: School, framework_id: int, codes: list[str]
) -> tuple[dict[str, set[int]], dict[int, str]]:
    """Per code, the ids of the other open schools of the phase strong in it whose latest
    review says so and that someone there is open to contact; and every such school's name."""
    rows = (
        DomainScore.objects.filter(
            review__framework_id=framework_id,
            review__is_latest=True,
            code__in=codes,
            score__gte=STRONG_FROM,
            review__school__phase=school.phase,
            review__school__is_open=True,
        )
        .exclude(review__school_id=school.pk)
        .filter(Exists(_contactable_members().filter(school_id=OuterRef("review__school_id"))))
        .values_list("code", "review__school_id", "review__school__name")
        .order_by()
    )
    candidates: dict[str, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    for code, school_id, name in rows:
        candidates[code].add(school_id)
        names[school_id] = name
    return candidates, names


def _phase_figures(school: School) -> tuple[Any, Any]:
    """Every open school of ``school``'s phase (and ``school``): ids and context figures,
    as ``schools.selectors.school_similar`` loads them (straight from the cursor)."""
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
    return rows[:, 0].astype(np.int64), rows[:, 1:]


def _schools_with_contacts(ids: set[int]) -> dict[int, tuple[School, list[Any]]]:
    """Each school, with its borough, and its active members open to contact by name."""
    if not ids:
        return {}
    members = (
        _contactable_members()
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    schools = (
        School.objects.filter(pk__in=ids)
        .select_related("local_authority")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="open_memberships"))
    )
    return {found.pk: (found, [m.user for m in found.open_memberships]) for found in schools}


# --- The school's own answers in one domain ----------------------------------------------


@dataclass(frozen=True)
class StatementStanding:
    """Where the school put itself on one statement, and what the next level looks like."""

    statement: Statement
    level: int | None

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label) if self.level is not None else ""

    @property
    def described(self) -> str:
        return self.statement.descriptor(self.level) if self.level is not None else ""

    @property
    def next_level(self) -> int | None:
        if self.level is None or self.level >= Level.EMBEDDED:
            return None
        return self.level + 1

    @property
    def next_label(self) -> str:
        return str(Level(self.next_level).label) if self.next_level is not None else ""

    @property
    def next_described(self) -> str:
        return self.statement.descriptor(self.next_level) if self.next_level is not None else ""


def domain_for_review(review: Review, code: str) -> QuerySet[Domain]:
    """The domain with this code in the review's framework version, with its themes."""
    themes = Prefetch("themes", queryset=Theme.objects.order_by("position", "name"))
    return Domain.objects.filter(version_id=review.version_id, code=code).prefetch_related(themes)


def domain_score(review: Review, domain: Domain) -> float | None:
    return (
        DomainScore.objects.filter(review=review, code=domain.code)
        .values_list("score", flat=True)
        .first()
    )


def statement_standings(review: Review, domain: Domain) -> list[StatementStanding]:
    """The domain's statements with the school's level, weakest first (then the framework's
    order): what to work on comes first."""
    levels = dict(
        Answer.objects.filter(review=review, statement__domain=domain).values_list(
            "statement_id", "level"
        )
    )
    statements = Statement.objects.filter(domain=domain).order_by("sort_order", "pk")
    standings = [StatementStanding(statement=s, level=levels.get(s.pk)) for s in statements]
    # sorted() is stable: statements at the same level keep the framework's order.
    return sorted(standings, key=lambda s: s.level if s.level is not None else 0)
