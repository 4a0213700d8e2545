"""The fields every Hub item shares, on one concrete page model.

Every content type (research, reviews, interventions, case studies, reading, news) is a
subclass of ``HubPage``. One table for the shared fields means search, facets, theme pages
and visibility rules query one place, whatever the type.
"""

from django import forms
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read it")
    MEMBERS = "members", _("Members only: invisible to visitors, search included")


class HubPage(Page):
    summary = models.TextField(
        max_length=400,
        help_text=_("One or two plain sentences, shown in lists, search results and previews."),
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    themes = ParentalManyToManyField("hub.Theme", related_name="hub_pages")
    phases = ParentalManyToManyField("hub.Phase", related_name="hub_pages", blank=True)
    audiences = ParentalManyToManyField("hub.Audience", related_name="hub_pages", blank=True)
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=_("When an editor last checked this is still right; shown to readers."),
    )

    # What every type's index entry carries. Subclasses put their own text between the two:
    # the indexed body follows this order, and search snippets read better from an item's
    # own words than from its list of themes.
    text_search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("visibility"),
    ]
    tag_search_fields = [index.RelatedFields("themes", [index.SearchField("name")])]
    search_fields = [*text_search_fields, *tag_search_fields]

    tagging_panels = [
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("visibility"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Summary, visibility and tags"),
        )
    ]

    class Meta:
        verbose_name = _("Hub item")

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    def serve(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        # Members-only items do not exist for visitors: a 404, never a hint that they do.
        if self.is_members_only and not request.user.is_authenticated:
            raise Http404
        return super().serve(request, *args, **kwargs)
