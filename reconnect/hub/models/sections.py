"""The Hub's fixed skeleton: its home and one section page per content type.

Each section holds children of its own type only, so an editor cannot file a news post
among the interventions. Listings are Django views over the same rows (search, explorer,
theme pages); a section page shows its newest items for the admin's "view live".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


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

    class Meta:
        verbose_name = _("Knowledge Hub home")


class SectionPage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["hub.HubIndexPage"]
    max_count = 1

    class Meta:
        abstract = True


class ResearchSectionPage(SectionPage):
    subpage_types = ["hub.ResearchReportPage"]

    class Meta:
        verbose_name = _("research section")


class ReviewSectionPage(SectionPage):
    subpage_types = ["hub.ThematicReviewPage"]

    class Meta:
        verbose_name = _("thematic reviews section")


class InterventionSectionPage(SectionPage):
    subpage_types = ["hub.InterventionPage"]

    class Meta:
        verbose_name = _("interventions section")


class CaseStudySectionPage(SectionPage):
    subpage_types = ["hub.CaseStudyPage"]

    class Meta:
        verbose_name = _("case studies section")


class ReadingSectionPage(SectionPage):
    subpage_types = ["hub.FurtherReadingPage", "hub.ReadingListPage"]

    class Meta:
        verbose_name = _("reading section")


class NewsSectionPage(SectionPage):
    subpage_types = ["hub.NewsPage"]

    class Meta:
        verbose_name = _("news section")
