"""The Hub's fixed skeleton: its home and one section page per content type.

Each section holds children of its own type only, so an editor cannot file a news post
among the interventions. Listings are Django views over the same rows (search, explorer,
theme pages); a section page shows its newest items for the admin's "view live".
"""

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

SECTION_PAGE_SIZE = 20


class HubIndexPage(Page):
    """/hub/: the Knowledge Hub's home."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "hub.ResearchSectionPage",
        "hub.ReviewSectionPage",
        "hub.InterventionSectionPage",
        "hub.CaseStudySectionPage",
        "hub.ReadingSectionPage",
        "hub.NewsSectionPage",
    ]
    max_count = 1
    template = "hub/pages/hub_index_page.html"

    class Meta:
        verbose_name = _("Knowledge Hub home")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reconnect.hub import selectors  # selectors import the models
        from reconnect.hub.models.base import HubPage

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = selectors.theme_list()
        context["sections"] = self.get_children().live()
        context["newest"] = selectors.hub_listing(request.user, HubPage.objects.all())[
            : selectors.HOME_NEWEST_LIMIT
        ]
        context["top_interventions"] = selectors.intervention_list(request.user)[
            : selectors.HOME_TOP_INTERVENTIONS
        ]
        return context


class SectionPage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HubIndexPage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The section's visible live items, newest first, a page of them at a time."""
        from reconnect.hub import selectors  # selectors import the models
        from reconnect.hub.models.base import HubPage

        context = super().get_context(request, *args, **kwargs)
        items = selectors.hub_listing(request.user, HubPage.objects.child_of(self))
        context["items"] = Paginator(items, SECTION_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class ResearchSectionPage(SectionPage):
    subpage_types = ["hub.ResearchReportPage"]
    template = "hub/pages/section_page.html"  # Wagtail sets one per class

    class Meta:
        verbose_name = _("research section")


class ReviewSectionPage(SectionPage):
    subpage_types = ["hub.ThematicReviewPage"]
    template = "hub/pages/section_page.html"  # Wagtail sets one per class

    class Meta:
        verbose_name = _("thematic reviews section")


class InterventionSectionPage(SectionPage):
    subpage_types = ["hub.InterventionPage"]
    # /hub/interventions/ is the explorer (hub.urls comes first); this is the admin's preview.
    template = "hub/pages/intervention_section_page.html"

    class Meta:
        verbose_name = _("interventions section")


class CaseStudySectionPage(SectionPage):
    subpage_types = ["hub.CaseStudyPage"]
    template = "hub/pages/section_page.html"  # Wagtail sets one per class

    class Meta:
        verbose_name = _("case studies section")


class ReadingSectionPage(SectionPage):
    subpage_types = ["hub.FurtherReadingPage", "hub.ReadingListPage"]
    template = "hub/pages/section_page.html"  # Wagtail sets one per class

    class Meta:
        verbose_name = _("reading section")


class NewsSectionPage(SectionPage):
    subpage_types = ["hub.NewsPage"]
    template = "hub/pages/section_page.html"  # Wagtail sets one per class

    class Meta:
        verbose_name = _("news section")
