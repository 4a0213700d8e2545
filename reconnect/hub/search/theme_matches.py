"""Spot a theme named in a query: "persistent absence" is the Attendance theme.

A query names a theme when the words of the theme's name, or of one of its synonyms, occur
in the query in order and next to each other; words are compared by stem, so "absences" and
"truants" count. The search shows such themes as cards above the results, linking to the
theme's page. Synonyms are the words school leaders use for the twelve themes of hub
migration 0002 (slugs are the keys).
"""

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from reconnect.hub.analysis.snippets import stem
from reconnect.hub.search.query import parse_query

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "attendance": (
        "attendance",
        "absence",
        "persistent absence",
        "persistently absent",
        "severe absence",
        "absenteeism",
        "truancy",
        "school refusal",
        "emotionally based school avoidance",
        "ebsa",
        "punctuality",
    ),
    "engagement": ("engagement", "disengagement", "disengaged", "motivation", "re-engagement"),
    "mental-health-and-wellbeing": (
        "mental health",
        "wellbeing",
        "well-being",
        "anxiety",
        "resilience",
        "emotional health",
        "counselling",
    ),
    "learning-gaps": (
        "learning gaps",
        "learning gap",
        "attainment gap",
        "lost learning",
        "catch up",
        "catch-up",
        "tutoring",
    ),
    "poverty-and-hunger": (
        "poverty",
        "hunger",
        "free school meals",
        "fsm",
        "disadvantage",
        "cost of the school day",
        "breakfast club",
        "food insecurity",
    ),
    "isolation-and-belonging": (
        "isolation",
        "belonging",
        "loneliness",
        "lonely",
        "relationships",
        "connectedness",
    ),
    "send": (
        "send",
        "special educational needs",
        "sen",
        "disability",
        "disabilities",
        "inclusion",
        "ehcp",
        "autism",
        "senco",
    ),
    "transition": ("transition", "transitions", "year 7", "moving school", "phase transfer"),
    "digital-divide": (
        "digital divide",
        "digital exclusion",
        "devices",
        "laptops",
        "connectivity",
        "digital skills",
        "broadband",
    ),
    "staff-recruitment-and-retention": (
        "recruitment",
        "retention",
        "teacher retention",
        "staff retention",
        "workload",
        "teacher shortage",
        "early career teachers",
    ),
    "place-and-community": (
        "community",
        "place-based",
        "family engagement",
        "parental engagement",
        "local services",
        "neighbourhood",
    ),
    "leadership": ("leadership", "school leaders", "headteacher", "governance"),
}


@cache
def _stems(phrase: str) -> tuple[str, ...]:
    # Phrases go through the same parsing as queries (stop words dropped), then stemming.
    return tuple(stem(term) for term in parse_query(phrase).terms)


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    if not phrase or len(phrase) > len(words):
        return False
    width = len(phrase)
    return any(tuple(words[i : i + width]) == tuple(phrase) for i in range(len(words) - width + 1))


def matching_themes(
    terms: Iterable[str], theme_names: Mapping[str, str], *, limit: int = 2
) -> list[str]:
    """Slugs of the themes ``terms`` name (longest phrase first), at most ``limit``.

    ``theme_names`` (slug → name) lists the themes that exist; their names count too.
    """
    words = [stem(term) for term in terms]
    found: list[tuple[int, int, str]] = []
    for position, (slug, name) in enumerate(theme_names.items()):
        phrases = {_stems(name), *(_stems(synonym) for synonym in SYNONYMS.get(slug, ()))}
        lengths = [len(phrase) for phrase in phrases if _contains(words, phrase)]
        if lengths:
            found.append((-max(lengths), position, slug))
    return [slug for _length, _position, slug in sorted(found)[:limit]]
