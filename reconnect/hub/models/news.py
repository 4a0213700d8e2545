from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from reconnect.hub.models.base import HubPage
from reconnect.hub.models.richtext import BODY_FEATURES


class NewsPage(HubPage):
    """Network news; dated by its first publication."""

    body = RichTextField(features=BODY_FEATURES)

    content_panels = [*HubPage.content_panels, *HubPage.tagging_panels, FieldPanel("body")]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("body"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.NewsSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/news_page.html"

    class Meta:
        verbose_name = _("news post")
