"""The Hub's live items as plain rows, loaded in a handful of queries and kept per process.

Built from the database when this process first needs it, and again whenever
``state.versions()`` reports a different content version (see ``state``). Pure filtering
and counting over it lives in ``reconnect.hub.analysis.facets``.
"""

import threading
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.search.models import IndexEntry

from reconnect.hub.analysis import facets
from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    HubPage,
    InterventionPage,
    NewsPage,
    Phase,
    ReadingListPage,
    ResearchReportPage,
    ThematicReviewPage,
    Theme,
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model: type[HubPage]


KINDS: tuple[Kind, ...] = (
    Kind("research", _("Research report"), ResearchReportPage),
    Kind("review", _("Thematic review"), ThematicReviewPage),
    Kind("intervention", _("Intervention"), InterventionPage),
    Kind("case-study", _("Case study"), CaseStudyPage),
    Kind("reading", _("Further reading"), FurtherReadingPage),
    Kind("reading-list", _("Reading list"), ReadingListPage),
    Kind("news", _("News"), NewsPage),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
INTERVENTION = "intervention"


@dataclass(frozen=True)
class Catalogue:
    """The facet table with the names its facets are shown with."""

    table: facets.FacetTable
    theme_names: dict[str, str]  # slug -> name, in the themes' own order
    phase_names: dict[str, str]
    kind_by_content_type: dict[int, str]
    # SQLite: Wagtail's index rows of Hub items (sorted ids) and the page each is for.
    entry_ids: facets.IntArray
    entry_pks: facets.IntArray
    # Facet labels by language, filled by the engine on first use.
    labels: dict[str, Any] = field(default_factory=dict, compare=False)


def _timestamp(value: datetime | None) -> float:
    return value.timestamp() if value is not None else 0.0


def _index_entries(content_types: tuple[int, ...]) -> tuple[facets.IntArray, facets.IntArray]:
    """SQLite: ``(index row ids, page ids)`` of every indexed Hub item, sorted by row id.

    The full-text query then reads the FTS table alone, without a join per match (which
    costs more than the match itself); PostgreSQL needs no map (its query has no join).
    """
    if connection.vendor != "sqlite":
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = list(
        IndexEntry.objects.filter(content_type_id__in=content_types)
        .order_by("id")
        .values_list("id", "object_id")
    )
    ids = np.array([entry_id for entry_id, _pk in rows], dtype=np.int64)
    pks = np.array([int(pk) for _id, pk in rows], dtype=np.int64)
    return ids, pks


def load_catalogue() -> Catalogue:
    """Read every live Hub item's facets: eight queries, whatever the number of items."""
    content_types = ContentType.objects.get_for_models(*(kind.model for kind in KINDS))
    kind_by_ct = {content_types[kind.model].pk: kind.key for kind in KINDS}
    pages = list(
        HubPage.objects.filter(live=True).values_list(
            "pk", "content_type_id", "visibility", "first_published_at"
        )
    )
    interventions = {
        pk: (impact, cost, evidence)
        for pk, impact, cost, evidence in InterventionPage.objects.filter(live=True).values_list(
            "pk", "impact_months", "cost_rating", "evidence_rating"
        )
    }
    published_on = dict(
        ResearchReportPage.objects.filter(live=True).values_list("pk", "publication_date")
    )
    themes = list(Theme.objects.order_by("position", "name").values_list("pk", "slug", "name"))
    phases = list(Phase.objects.order_by("position", "name").values_list("pk", "slug", "name"))
    theme_slug = {pk: slug for pk, slug, _name in themes}
    phase_slug = {pk: slug for pk, slug, _name in phases}
    page_themes: dict[int, list[str]] = {}
    for page_id, theme_id in HubPage.themes.through.objects.values_list("hubpage_id", "theme_id"):
        page_themes.setdefault(page_id, []).append(theme_slug[theme_id])
    page_phases: dict[int, list[str]] = {}
    for page_id, phase_id in HubPage.phases.through.objects.values_list("hubpage_id", "phase_id"):
        page_phases.setdefault(page_id, []).append(phase_slug[phase_id])

    tz = timezone.get_current_timezone()
    rows: list[facets.FacetRow] = []
    for pk, ct_id, visibility, first_published_at in pages:
        kind = kind_by_ct.get(ct_id)
        if kind is None:
            continue
        published = _timestamp(first_published_at)
        if pk in published_on:
            published = datetime.combine(published_on[pk], time(12), tzinfo=tz).timestamp()
        impact, cost, evidence = interventions.get(pk, (None, None, None))
        rows.append(
            facets.FacetRow(
                pk=pk,
                kind=kind,
                public=visibility == "public",
                published=published,
                impact_months=impact,
                cost=cost,
                evidence=evidence,
                themes=tuple(page_themes.get(pk, ())),
                phases=tuple(page_phases.get(pk, ())),
            )
        )
    table = facets.build_table(
        rows,
        kinds=tuple(kind.key for kind in KINDS),
        theme_slugs=tuple(slug for _pk, slug, _name in themes),
        phase_slugs=tuple(slug for _pk, slug, _name in phases),
        intervention_kind=INTERVENTION,
    )
    entry_ids, entry_pks = _index_entries(content_types=tuple(kind_by_ct))
    return Catalogue(
        table=table,
        entry_ids=entry_ids,
        entry_pks=entry_pks,
        theme_names={slug: name for _pk, slug, name in themes},
        phase_names={slug: name for _pk, slug, name in phases},
        kind_by_content_type=kind_by_ct,
    )


class VersionedCache:
    """One value per process, rebuilt when the version (or the database) changes.

    A rebuild runs under a lock of its own key: when several threads find the value out of
    date at once, one builds it and the others wait for that build rather than each
    building (a cold catalogue at 20,000 items takes a noticeable fraction of a second).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: Any = None
        self._building: dict[tuple[Any, ...], threading.Lock] = {}

    def get(self, version: Any, build: Any) -> Any:
        key = (connection.settings_dict.get("NAME"), version)
        with self._lock:
            if self._key == key:
                return self._value
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if self._key == key:  # built by another thread while this one waited
                    return self._value
            try:
                value = build()
                with self._lock:
                    self._key, self._value = key, value
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._key, self._value = None, None


_catalogue = VersionedCache()


def catalogue(content_version: int, index_version: int = 0) -> Catalogue:
    """This process's catalogue at the versions ``state.versions()`` reported."""
    result: Catalogue = _catalogue.get((content_version, index_version), load_catalogue)
    return result
