"""Theme signposting: one page per theme gathering what the Hub holds on it.

Open to visitors, like the public Hub; every list goes through the visibility rule, so a
visitor's theme page simply has fewer items than a member's.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from reconnect.hub import selectors
from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    InterventionPage,
    NewsPage,
    ReadingListPage,
    ResearchReportPage,
)
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


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/theme_list.html", {"themes": selectors.theme_list()})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
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
    return render(
        request,
        "hub/theme_detail.html",
        {
            "theme": theme,
            "signposts": signposts,
            "sections": sections,
            "is_empty": signposts.review is None
            and not signposts.interventions.items
            and not any(section.items.items for section in sections),
            "intervention_type": SEARCH_TYPES[InterventionPage],
        },
    )
