from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from reconnect.hub.models.base import HubPage
from reconnect.hub.models.richtext import BODY_FEATURES, LIST_FEATURES


class ResearchReportPage(HubPage):
    """Original research by the network: findings first, the full text after."""

    authors = models.CharField(max_length=300)
    publication_date = models.DateField()
    key_findings = RichTextField(features=LIST_FEATURES)
    body = RichTextField(features=BODY_FEATURES, verbose_name=_("full text"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The report to download: PDF, Word, Excel or PowerPoint."),
    )

    content_panels = [
        *HubPage.content_panels,
        *HubPage.tagging_panels,
        MultiFieldPanel(
            [FieldPanel("authors"), FieldPanel("publication_date"), FieldPanel("document")],
            heading=_("Publication"),
        ),
        FieldPanel("key_findings"),
        FieldPanel("body"),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("authors"),
        index.SearchField("key_findings"),
        index.SearchField("body"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.ResearchSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/research_report_page.html"

    class Meta:
        verbose_name = _("research report")

    def clean(self) -> None:
        super().clean()
        # A document is served by its collection's rules, not its page's: a members-only
        # report's file in a public collection could be downloaded by anyone with the link.
        if self.is_members_only and self.document is not None:
            collection = self.document.collection
            restricted = collection.get_view_restrictions().exists()
            if not restricted:
                raise ValidationError(
                    {
                        "document": _(
                            "This report is for members only, but its document is in the "
                            "“%(collection)s” collection, which anyone can download from. Move "
                            "the document to the “Members only” collection, or make the report "
                            "public."
                        )
                        % {"collection": collection.name}
                    }
                )
