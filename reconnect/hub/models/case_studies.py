from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from reconnect.hub.models.base import HubPage

if TYPE_CHECKING:
    from reconnect.schools.models import School


class CaseStudyPage(HubPage):
    """Effective practice told through the network's four principles.

    The four sections are plain text, not rich text, because members write them: plain
    text rendered with escaping cannot carry markup into the page.
    """

    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("Shown only when the school has agreed to be named."),
    )
    school_consent = models.BooleanField(
        default=False,
        verbose_name=_("the school agrees to be named"),
    )
    context = models.TextField(max_length=6000)
    what_we_did = models.TextField(max_length=6000)
    evidence_of_impact = models.TextField(max_length=6000)
    what_others_can_take = models.TextField(max_length=6000)
    interventions = ParentalManyToManyField(
        "hub.InterventionPage", blank=True, related_name="case_studies"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_case_studies",
        editable=False,
    )

    content_panels = [
        *HubPage.content_panels,
        *HubPage.tagging_panels,
        MultiFieldPanel([FieldPanel("school"), FieldPanel("school_consent")], heading=_("School")),
        FieldPanel("context"),
        FieldPanel("what_we_did"),
        FieldPanel("evidence_of_impact"),
        FieldPanel("what_others_can_take"),
        FieldPanel("interventions"),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("context"),
        index.SearchField("what_we_did"),
        index.SearchField("evidence_of_impact"),
        index.SearchField("what_others_can_take"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.CaseStudySectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/case_study_page.html"

    class Meta:
        verbose_name = _("case study")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reconnect.hub import selectors  # selectors import the models
        from reconnect.hub.models import InterventionPage

        context = super().get_context(request, *args, **kwargs)
        context["related_interventions"] = selectors.related_visible(
            request.user, InterventionPage.objects.filter(case_studies=self)
        )
        return context

    @property
    def named_school(self) -> "School | None":
        """The school, only if it agreed to be named."""
        return self.school if self.school_consent else None
