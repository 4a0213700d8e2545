"""Hub items for the search tests, in one line each, with the text search cares about.

Thin shorthands over ``factories.py`` (which files each page under its section and
publishes a revision, so Wagtail indexes it as it indexes real content). Each slug gets a
counter, because search tests often publish items with the same title.

    intervention("Attendance mentoring", body="...", impact_months=4, themes=["attendance"])
"""

import datetime
import itertools
from typing import Any

from django.utils.text import slugify

from reconnect.hub.models import HubPage, InterventionPage, Visibility
from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    InterventionPageFactory,
    NewsPageFactory,
    ResearchReportPageFactory,
)

_numbers = itertools.count(1)


def _common(
    title: str, summary: str, visibility: str, themes: list[str] | None, live: bool
) -> dict[str, Any]:
    return {
        "title": title,
        "slug": f"{slugify(title)[:40]}-{next(_numbers)}",
        "summary": summary or f"About {title}.",
        "visibility": visibility,
        "themes": themes,
        "live": live,
    }


def intervention(
    title: str,
    *,
    body: str = "An approach schools use.",
    summary: str = "",
    impact_months: int | None = 3,
    cost: int = 2,
    evidence: int = 3,
    visibility: str = Visibility.PUBLIC,
    themes: list[str] | None = None,
    phases: list[str] | None = None,
    live: bool = True,
) -> InterventionPage:
    page: InterventionPage = InterventionPageFactory(
        **_common(title, summary, visibility, themes, live),
        phases=phases or (),
        impact_months=impact_months,
        cost_rating=cost,
        evidence_rating=evidence,
        what_it_is=f"<p>{body}</p>",
        # Only the body is searched in these tests: no other text in the index.
        key_findings="",
        behind_the_average="",
        closing_the_gap="",
    )
    return page


def research(
    title: str,
    *,
    body: str = "Findings of the study.",
    summary: str = "",
    published_on: datetime.date = datetime.date(2025, 3, 1),
    visibility: str = Visibility.PUBLIC,
    themes: list[str] | None = None,
    phases: list[str] | None = None,
    live: bool = True,
) -> HubPage:
    page: HubPage = ResearchReportPageFactory(
        **_common(title, summary, visibility, themes, live),
        phases=phases or (),
        authors="A. Researcher",
        publication_date=published_on,
        key_findings="<ul><li>A finding.</li></ul>",
        body=f"<p>{body}</p>",
    )
    return page


def case_study(
    title: str,
    *,
    body: str = "What we did.",
    summary: str = "",
    visibility: str = Visibility.PUBLIC,
    themes: list[str] | None = None,
    phases: list[str] | None = None,
    live: bool = True,
) -> HubPage:
    page: HubPage = CaseStudyPageFactory(
        **_common(title, summary, visibility, themes, live),
        phases=phases or (),
        context="Our school.",
        what_we_did=body,
        evidence_of_impact="It helped.",
        what_others_can_take="Try it.",
    )
    return page


def news(
    title: str,
    *,
    body: str = "News of the network.",
    summary: str = "",
    visibility: str = Visibility.PUBLIC,
    themes: list[str] | None = None,
    live: bool = True,
    **extra: Any,
) -> HubPage:
    page: HubPage = NewsPageFactory(
        **_common(title, summary, visibility, themes, live), body=f"<p>{body}</p>", **extra
    )
    return page
