"""The "Self-evaluation" menu: frameworks and their versions, and (reached from a version)
each domain's page with its statements.

Wagtail cannot nest inline panels, so the editing is on two levels: a version's page holds
its introduction and its domains inline (title, code, summary, Hub themes, position), and a
domain's page holds its statements inline (all their fields). A published version and its
domains open read-only.
"""

from typing import Any

import django_filters
from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from reconnect.selfeval.admin import views
from reconnect.selfeval.admin.panels import DomainStatementsPanel
from reconnect.selfeval.models import Domain, Framework, FrameworkVersion


def _text(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


DOMAIN_PANELS = [
    FieldPanel("title"),
    FieldPanel("code"),
    FieldPanel("summary", widget=_text(3)),
    FieldPanel("themes", widget=forms.CheckboxSelectMultiple, heading=_("Hub themes")),
    FieldPanel("sort_order", heading=_("Position")),
]

STATEMENT_PANELS = [
    FieldPanel("code"),
    FieldPanel("text", widget=_text()),
    FieldPanel("evidence_prompt", widget=_text()),
    FieldPanel("not_yet", widget=_text()),
    FieldPanel("emerging", widget=_text()),
    FieldPanel("established", widget=_text()),
    FieldPanel("embedded", widget=_text()),
    FieldPanel("sort_order", heading=_("Position")),
]


class FrameworkViewSet(ModelViewSet):
    model = Framework
    name = "selfeval_frameworks"
    url_prefix = "self-evaluation/frameworks"
    icon = "clipboard-list"
    menu_label = _("Frameworks")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    copy_view_enabled = False
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("summary", widget=_text(4))]

    def get_form_class(self, for_update: bool = False) -> Any:
        if for_update:
            # The slug is how the product finds a framework ("reconnect"): fixed once made.
            panels = ObjectList([FieldPanel("name"), FieldPanel("summary", widget=_text(4))])
            return panels.bind_to_model(Framework).get_form_class()
        return super().get_form_class(for_update=for_update)


class FrameworkVersionViewSet(ModelViewSet):
    model = FrameworkVersion
    name = "selfeval_versions"
    url_prefix = "self-evaluation/versions"
    icon = "list-ol"
    menu_label = _("Framework versions")
    list_display = [
        "__str__",
        "status",
        "published_at",
        Column("domain_count", label=_("Domains")),
    ]
    list_filter = ["framework", "status"]
    ordering = ["framework__name", "-number"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "framework",
        "number",
        "status",
        "introduction",
        "changes",
        "published_at",
        "published_by",
    ]
    index_view_class = views.VersionIndexView
    add_view_class = views.VersionCreateView
    edit_view_class = views.VersionEditView
    delete_view_class = views.VersionDeleteView
    inspect_view_class = views.VersionInspectView
    panels = [
        FieldPanel("introduction", widget=_text(6)),
        FieldPanel("changes", widget=_text(3)),
        InlinePanel(
            "domains",
            label=_("Domain"),
            heading=_("Domains"),
            panels=[*DOMAIN_PANELS, DomainStatementsPanel(heading=_("Statements"))],
        ),
    ]
    create_panels = [
        FieldPanel("framework"),
        FieldPanel("introduction", widget=_text(6)),
        FieldPanel("changes", widget=_text(3)),
    ]

    def get_add_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # A new draft starts empty (numbered by the service); its domains are added on the
        # edit page it opens on.
        panel = ObjectList(self.create_panels).bind_to_model(FrameworkVersion)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "publish/<int:pk>/",
                self.construct_view(views.VersionPublishView),
                name="publish",
            ),
            path(
                "new-draft/<int:pk>/",
                self.construct_view(views.VersionDraftFromView),
                name="new_draft",
            ),
        ]


class DomainFilterSet(WagtailFilterSet):
    # Each choice is named "<framework>, version <n>": load the frameworks with the versions.
    version = django_filters.ModelChoiceFilter(
        queryset=FrameworkVersion.objects.select_related("framework"), label=_("Version")
    )

    class Meta:
        model = Domain
        fields = ["version"]


class DomainViewSet(ModelViewSet):
    """Not in the menu: each domain is reached from its version's page."""

    model = Domain
    name = "selfeval_domains"
    url_prefix = "self-evaluation/domains"
    icon = "folder-open-inverse"
    menu_label = _("Domains")
    list_display = [
        "title",
        "code",
        "version",
        Column("statement_count", label=_("Statements")),
    ]
    filterset_class = DomainFilterSet
    ordering = ["version", "sort_order"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["version", "code", "title", "summary", "themes", "sort_order"]
    index_view_class = views.DomainIndexView
    edit_view_class = views.DomainEditView
    inspect_view_class = views.DomainInspectView
    panels = [
        *DOMAIN_PANELS,
        InlinePanel(
            "statements", label=_("Statement"), heading=_("Statements"), panels=STATEMENT_PANELS
        ),
    ]


class SelfEvaluationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Self-evaluation")
    menu_icon = "clipboard-list"
    menu_order = 210
    items = (FrameworkViewSet, FrameworkVersionViewSet)
