"""Hub items for the search tests, published the way an editor publishes them.

Each helper files the page under its section with ``add_child`` and publishes a revision,
so Wagtail indexes it exactly as it indexes real content.

    intervention("Attendance mentoring", body="...", impact_months=4, themes=["attendance"])
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from reconnect.hub.models import (
    CaseStudySectionPage,
    HubPage,
    InterventionPage,
    InterventionSectionPage,
    InterventionSource,
    NewsPage,
    NewsSectionPage,
    Phase,
    ResearchReportPage,
    ResearchSectionPage,
    Theme,
    Visibility,
)
from reconnect.hub.models.case_studies import CaseStudyPage

_counter = {"n": 0}


def _publish(
    parent_model: type[Page],
    page: HubPage,
    *,
    themes: list[str] | None,
    phases: list[str] | None,
    live: bool,
) -> HubPage:
    _counter["n"] += 1
    page.slug = f"{slugify(page.title)[:40]}-{_counter['n']}"
    page.themes = list(Theme.objects.filter(slug__in=themes or ["attendance"]))
    page.phases = list(Phase.objects.filter(slug__in=phases or []))
    with transaction.atomic():
        parent_model.objects.get().add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
    return page


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
    page = InterventionPage(
        title=title,
        summary=summary or f"About {title}.",
        visibility=visibility,
        impact_months=impact_months,
        cost_rating=cost,
        evidence_rating=evidence,
        figures_checked=datetime.date(2025, 1, 15),
        what_it_is=f"<p>{body}</p>",
        live=False,
    )
    page.sources = [
        InterventionSource(
            title="EEF Toolkit",
            url="https://educationendowmentfoundation.org.uk/",
            date_checked=datetime.date(2025, 1, 15),
        )
    ]
    published = _publish(InterventionSectionPage, page, themes=themes, phases=phases, live=live)
    assert isinstance(published, InterventionPage)
    return published


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
    page = ResearchReportPage(
        title=title,
        summary=summary or f"About {title}.",
        visibility=visibility,
        authors="A. Researcher",
        publication_date=published_on,
        key_findings="<ul><li>A finding.</li></ul>",
        body=f"<p>{body}</p>",
        live=False,
    )
    return _publish(ResearchSectionPage, page, themes=themes, phases=phases, live=live)


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
    page = CaseStudyPage(
        title=title,
        summary=summary or f"About {title}.",
        visibility=visibility,
        context="Our school.",
        what_we_did=body,
        evidence_of_impact="It helped.",
        what_others_can_take="Try it.",
        live=False,
    )
    return _publish(CaseStudySectionPage, page, themes=themes, phases=phases, live=live)


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
    page = NewsPage(
        title=title,
        summary=summary or f"About {title}.",
        visibility=visibility,
        body=f"<p>{body}</p>",
        live=False,
        **extra,
    )
    return _publish(NewsSectionPage, page, themes=themes, phases=None, live=live)
