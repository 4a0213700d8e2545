"""Theme signposting: one page per theme gathering what the Hub holds on it.

Open to visitors, like the public Hub; every list goes through the visibility rule, so a
visitor's theme page simply has fewer items than a member's.

A theme page is the same for every member (and for every visitor), so its content is
rendered once per visibility class, language and version of the Hub's content and kept in
the cache (``reconnect.hub.fragments``): a repeat visit costs one primary-key read (the
content version) and a cache read, instead of about a dozen queries and the templates.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reconnect.hub import selectors
from reconnect.hub.fragments import cached_fragment, fragment_key
from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    InterventionPage,
    NewsPage,
    ReadingListPage,
    ResearchReportPage,
)
from reconnect.hub.search import state
from reconnect.hub.templatetags.hub_tags import SEARCH_TYPES


@dataclass(frozen=True)
class ThemeSection:
    id: str
    heading: str
    model: type[Any]
    items: selectors.Capped[Any]

    @property
    def search_type(self) -> str:
        return SEARCH_TYPES[self.model]


@dataclass(frozen=True)
class RenderedTheme:
    """A theme page's content as HTML, for one visibility class: what the cache keeps."""

    title: str
    breadcrumbs: SafeString
    body: SafeString


CONTENT_TEMPLATE = "hub/includes/theme_content.html"


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/theme_list.html", {"themes": selectors.theme_list()})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    members = selectors.can_see_members_only(request.user)
    # The version first: content changed after this read is then kept under a key that is
    # already out of date, never older content under the new one.
    content_version = state.versions()[0]
    # The host too: Wagtail gives a page on another site than the request's a full URL.
    key = fragment_key("theme", content_version, slug, members, get_language(), request.get_host())
    page = cached_fragment(key, lambda: _render_theme(request, slug, members=members))
    return render(request, "hub/theme_detail.html", {"page": page})


def _render_theme(request: HttpRequest, slug: str, *, members: bool) -> RenderedTheme:
    """The page's content; an unknown theme raises 404 and nothing is cached."""
    theme = get_object_or_404(selectors.theme_list(), slug=slug)
    signposts = selectors.theme_signposts(request.user, theme)
    # Each list after the review and the interventions, in reading order; empty ones are
    # left out by the template rather than shown as placeholders.
    sections = [
        ThemeSection("case-studies", _("Case studies"), CaseStudyPage, signposts.case_studies),
        ThemeSection("research", _("Research"), ResearchReportPage, signposts.research),
        ThemeSection("reading-lists", _("Reading lists"), ReadingListPage, signposts.reading_lists),
        ThemeSection(
            "further-reading", _("Further reading"), FurtherReadingPage, signposts.further_reading
        ),
        ThemeSection("news", _("News"), NewsPage, signposts.news),
    ]
    context = {
        "theme": theme,
        "members": members,
        "signposts": signposts,
        "sections": sections,
        "is_empty": signposts.review is None
        and not signposts.interventions.items
        and not any(section.items.items for section in sections),
        "intervention_type": SEARCH_TYPES[InterventionPage],
    }
    return RenderedTheme(
        title=theme.name,
        breadcrumbs=render_to_string(f"{CONTENT_TEMPLATE}#breadcrumbs", context, request),
        body=render_to_string(CONTENT_TEMPLATE, context, request),
    )
