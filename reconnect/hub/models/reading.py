from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from reconnect.hub.models.base import HubPage


class FurtherReadingPage(HubPage):
    """An external publication worth reading, with our note on why."""

    authors = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    publisher = models.CharField(max_length=200, blank=True)
    external_url = models.URLField(max_length=500, verbose_name=_("link"))
    annotation = models.TextField(
        max_length=3000, help_text=_("What it says and why a school leader should read it.")
    )

    content_panels = [
        *HubPage.content_panels,
        *HubPage.tagging_panels,
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("year"),
                FieldPanel("publisher"),
                FieldPanel("external_url"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("annotation"),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("annotation"),
        index.SearchField("authors"),
        index.SearchField("publisher"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.ReadingSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/further_reading_page.html"

    class Meta:
        verbose_name = _("further reading item")


class ReadingListPage(HubPage):
    """A curated, ordered, annotated collection of further reading."""

    introduction = models.TextField(max_length=3000)

    content_panels = [
        *HubPage.content_panels,
        *HubPage.tagging_panels,
        FieldPanel("introduction"),
        InlinePanel("entries", label=_("Reading"), min_num=1),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("introduction"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.ReadingSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/reading_list_page.html"

    class Meta:
        verbose_name = _("reading list")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reconnect.hub import selectors  # selectors import the models

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = selectors.reading_list_entries(request.user, self)
        return context


class ReadingListEntry(Orderable):
    page = ParentalKey(ReadingListPage, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(FurtherReadingPage, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(
        max_length=1000, blank=True, help_text=_("Why it is on this list, and what to read for.")
    )

    panels = [FieldPanel("item"), FieldPanel("note")]

    def __str__(self) -> str:
        return str(self.item)
