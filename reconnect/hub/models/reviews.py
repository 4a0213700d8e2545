from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from reconnect.hub.models.base import HubPage
from reconnect.hub.models.richtext import BODY_FEATURES, LIST_FEATURES


class ThematicReviewPage(HubPage):
    """A review of good practice on one theme: evidence, London practice, questions."""

    theme = models.ForeignKey(
        "hub.Theme",
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text=_("The theme this review is about; it leads that theme's page."),
    )
    evidence_says = RichTextField(features=BODY_FEATURES, verbose_name=_("what the evidence says"))
    london_practice = RichTextField(
        features=BODY_FEATURES, verbose_name=_("what London schools do")
    )
    questions_for_leaders = RichTextField(features=LIST_FEATURES)
    related_interventions = ParentalManyToManyField(
        "hub.InterventionPage", blank=True, related_name="reviews"
    )
    related_case_studies = ParentalManyToManyField(
        "hub.CaseStudyPage", blank=True, related_name="reviews"
    )

    content_panels = [
        *HubPage.content_panels,
        FieldPanel("theme"),
        *HubPage.tagging_panels,
        FieldPanel("evidence_says"),
        FieldPanel("london_practice"),
        FieldPanel("questions_for_leaders"),
        FieldPanel("related_interventions"),
        FieldPanel("related_case_studies"),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("evidence_says"),
        index.SearchField("london_practice"),
        index.SearchField("questions_for_leaders"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.ReviewSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/thematic_review_page.html"

    class Meta:
        verbose_name = _("thematic review")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reconnect.hub import selectors  # selectors import the models
        from reconnect.hub.models import CaseStudyPage, InterventionPage

        context = super().get_context(request, *args, **kwargs)
        context["related_interventions"] = selectors.related_visible(
            request.user, InterventionPage.objects.filter(reviews=self)
        )
        context["related_case_studies"] = selectors.related_visible(
            request.user, CaseStudyPage.objects.filter(reviews=self)
        )
        return context
