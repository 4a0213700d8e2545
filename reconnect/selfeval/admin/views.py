"""Admin views for framework versions and their domains.

Drafts are edited with Wagtail's generic views; a published version and its domains are
read-only: their list rows and headers offer no edit, and an edit or delete URL (GET or
POST) is refused with a message and sends the coordinator to the read-only page instead.
Publishing and drafting go through ``services.frameworks``, so they are validated and
audited exactly as anywhere else.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton

from reconnect.core.exceptions import ApplicationError
from reconnect.selfeval.admin.permissions import version_of
from reconnect.selfeval.models import Domain, FrameworkVersion, Statement
from reconnect.selfeval.services import frameworks

VERSIONS = "selfeval_versions"
DOMAINS = "selfeval_domains"
# The words the edit forms use, so the read-only page reads the same.
FIELD_LABELS = {"themes": gettext_lazy("Hub themes"), "sort_order": gettext_lazy("Position")}


def _url(viewset: str, view: str, pk: int) -> str:
    return reverse(f"{viewset}:{view}", args=[pk])


# --- Frozen once published -------------------------------------------------------------------


class FrozenWhenPublishedMixin:
    """Refuses an edit or delete of a published version (or a domain in one), GET or POST.

    The refusal is checked again inside the save, under the version's row lock, so a
    version published while a coordinator had its draft open is not changed by their save.
    """

    request: HttpRequest
    object: Any

    if TYPE_CHECKING:

        def get_object(self, queryset: Any = None) -> Any: ...  # Wagtail's generic view

    def read_only_url(self) -> str:
        raise NotImplementedError

    def refuse_if_frozen(self) -> HttpResponse | None:
        version = version_of(self.object)
        if version is None or frameworks.version_is_editable(version):
            return None
        try:
            frameworks.version_assert_editable(version)
        except ApplicationError as error:
            messages.error(self.request, error.message)
        return redirect(self.read_only_url())

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_if_frozen() or super().get(request, *args, **kwargs)  # type: ignore[misc]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_if_frozen() or super().post(request, *args, **kwargs)  # type: ignore[misc]


class LockedSaveMixin(FrozenWhenPublishedMixin):
    def save_instance(self) -> Any:
        version = version_of(self.object)
        assert version is not None  # noqa: S101 - only mixed into version and domain views
        locked = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
        frameworks.version_assert_editable(locked)
        return super().save_instance()  # type: ignore[misc]

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ApplicationError as error:
            messages.error(self.request, error.message)
            return redirect(self.read_only_url())


# --- Versions ----------------------------------------------------------------------------------


class VersionIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[FrameworkVersion]:
        return (
            super()
            .get_base_queryset()
            .select_related("framework", "published_by")
            .annotate(domain_count=Count("domains", distinct=True))
        )

    def get_edit_url(self, instance: FrameworkVersion) -> str | None:
        if not frameworks.version_is_editable(instance):
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance: FrameworkVersion) -> str | None:
        if not frameworks.version_is_editable(instance):
            return None
        return super().get_delete_url(instance)

    def get_list_more_buttons(self, instance: FrameworkVersion) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        if frameworks.version_is_editable(instance):
            if self.user_has_permission("change"):
                buttons.append(
                    MenuItem(
                        _("Publish"),
                        url=_url(VERSIONS, "publish", instance.pk),
                        icon_name="upload",
                        priority=15,
                    )
                )
        elif self.user_has_permission("add"):
            buttons.append(
                MenuItem(
                    _("New draft from this version"),
                    url=_url(VERSIONS, "new_draft", instance.pk),
                    icon_name="copy",
                    priority=15,
                )
            )
        return buttons


class VersionCreateView(generic.CreateView):
    """A new, empty draft: numbered and checked (one draft at a time) by the service."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.object = frameworks.version_draft_create(
                framework=form.cleaned_data["framework"],
                user=self.request.user,
                introduction=form.cleaned_data.get("introduction", ""),
                changes=form.cleaned_data.get("changes", ""),
                request=self.request,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)d is a new draft. Add its domains below.")
            % {"number": self.object.number},
        )
        return redirect(_url(VERSIONS, "edit", self.object.pk))

    def save_instance(self) -> FrameworkVersion:  # pragma: no cover - form_valid saves instead
        raise NotImplementedError


class VersionEditView(LockedSaveMixin, generic.EditView):
    def read_only_url(self) -> str:
        return _url(VERSIONS, "inspect", self.object.pk)

    @cached_property
    def header_buttons(self) -> list[Any]:
        return [
            HeaderButton(
                _("Publish"),
                url=_url(VERSIONS, "publish", self.object.pk),
                icon_name="upload",
            )
        ]

    def get_success_url(self) -> str:
        return _url(VERSIONS, "edit", self.object.pk)


class VersionDeleteView(FrozenWhenPublishedMixin, generic.DeleteView):
    def read_only_url(self) -> str:
        return _url(VERSIONS, "inspect", self.object.pk)


class VersionInspectView(generic.InspectView):
    """The read-only page of a version: its details, then every domain and statement."""

    template_name = "selfeval/admin/version_inspect.html"

    def get_object(self, queryset: Any = None) -> FrameworkVersion:
        return get_object_or_404(
            FrameworkVersion.objects.select_related("framework", "published_by"),
            pk=self.pk,
        )

    def get_edit_url(self) -> str | None:
        if not frameworks.version_is_editable(self.object):
            return None
        return super().get_edit_url()

    def get_delete_url(self) -> str | None:
        if not frameworks.version_is_editable(self.object):
            return None
        return super().get_delete_url()

    @cached_property
    def header_buttons(self) -> list[Any]:
        if frameworks.version_is_editable(self.object):
            if not self.user_has_permission("change"):
                return []
            return [
                HeaderButton(
                    _("Publish"),
                    url=_url(VERSIONS, "publish", self.object.pk),
                    icon_name="upload",
                )
            ]
        if not self.user_has_permission("add"):
            return []
        return [
            HeaderButton(
                _("New draft from this version"),
                url=_url(VERSIONS, "new_draft", self.object.pk),
                icon_name="copy",
            )
        ]

    def get_introduction_display_value(self) -> str:
        return _paragraphs(self.object.introduction)

    def get_changes_display_value(self) -> str:
        return _paragraphs(self.object.changes)

    def get_published_by_display_value(self) -> str:
        if self.object.published_by is not None:
            return self.object.published_by.get_full_name() or self.object.published_by.email
        return "–" if not self.object.is_published else _("The framework loader")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        domains = list(
            Domain.objects.filter(version=self.object)
            .order_by("sort_order", "pk")
            .prefetch_related("themes")
            .annotate(statement_count=Count("statements"))
        )
        editable = frameworks.version_is_editable(self.object) and self.user_has_permission(
            "change"
        )
        context["domains"] = [
            (
                domain,
                _url(DOMAINS, "edit" if editable else "inspect", domain.pk),
            )
            for domain in domains
        ]
        context["is_published"] = self.object.is_published
        return context


def _paragraphs(value: str) -> str:
    """Plain text as escaped paragraphs, as schools will read it; a dash when empty."""
    if not value.strip():
        return "–"
    return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped above


class _VersionActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and its action (POST) for one version."""

    model = FrameworkVersion
    header_icon = "doc-full"
    index_url_name: str | None = None
    object: FrameworkVersion

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            FrameworkVersion.objects.select_related("framework"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{VERSIONS}:index"), "label": _("Framework versions")},
            {"url": _url(VERSIONS, "inspect", self.object.pk), "label": str(self.object)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["action_url"] = self.request.path
        context["cancel_url"] = _url(VERSIONS, "inspect", self.object.pk)
        return context


class VersionPublishView(_VersionActionView):
    permission_required = "change"
    page_title = gettext_lazy("Publish")
    template_name = "selfeval/admin/version_publish.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not frameworks.version_is_editable(self.object):
            messages.error(
                request,
                _("Version %(number)d is already published.") % {"number": self.object.number},
            )
            return redirect(_url(VERSIONS, "inspect", self.object.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["problems"] = frameworks.version_problems(self.object)
        context["edit_url"] = _url(VERSIONS, "edit", self.object.pk)
        context["statement_count"] = Statement.objects.filter(domain__version=self.object).count()
        context["domain_count"] = self.object.domains.count()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            frameworks.version_publish(version=self.object, user=request.user, request=request)
        except frameworks.VersionIncompleteError as error:
            for problem in error.problems:
                messages.error(request, problem)
            return redirect(request.path)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(_url(VERSIONS, "inspect", self.object.pk))
        messages.success(
            request,
            _(
                "Version %(number)d of %(framework)s is published. Reviews started from now "
                "on use it."
            )
            % {"number": self.object.number, "framework": self.object.framework.name},
        )
        return redirect(_url(VERSIONS, "inspect", self.object.pk))


class VersionDraftFromView(_VersionActionView):
    permission_required = "add"
    page_title = gettext_lazy("New draft from this version")
    template_name = "selfeval/admin/version_draft_from.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            draft = frameworks.version_draft_from(
                version=self.object, user=request.user, request=request
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(_url(VERSIONS, "inspect", self.object.pk))
        messages.success(
            request,
            _(
                "Version %(number)d is a draft copy of version %(source)d. Change what you "
                "need, then publish it."
            )
            % {"number": draft.number, "source": self.object.number},
        )
        return redirect(_url(VERSIONS, "edit", draft.pk))


# --- Domains ------------------------------------------------------------------------------------


def _domain_breadcrumbs(view: Any, domain: Domain, last: str) -> list[dict[str, Any]]:
    version = domain.version
    version_view = "edit" if frameworks.version_is_editable(version) else "inspect"
    return [
        *view.breadcrumbs_items,
        {"url": reverse(f"{VERSIONS}:index"), "label": _("Framework versions")},
        {"url": _url(VERSIONS, version_view, version.pk), "label": str(version)},
        {"url": "", "label": last, "sublabel": domain.title},
    ]


class DomainIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Domain]:
        return (
            super()
            .get_base_queryset()
            .select_related("version__framework")
            .annotate(statement_count=Count("statements"))
        )

    def get_edit_url(self, instance: Domain) -> str | None:
        if not frameworks.version_is_editable(instance.version):
            return None
        return super().get_edit_url(instance)


class DomainEditView(LockedSaveMixin, generic.EditView):
    def get_object(self, queryset: Any = None) -> Domain:
        return super().get_object(Domain.objects.select_related("version__framework"))

    def read_only_url(self) -> str:
        return _url(DOMAINS, "inspect", self.object.pk)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return _domain_breadcrumbs(self, self.object, _("Editing"))

    def get_success_url(self) -> str:
        return _url(VERSIONS, "edit", self.object.version_id)


class DomainInspectView(generic.InspectView):
    template_name = "selfeval/admin/domain_inspect.html"

    def get_object(self, queryset: Any = None) -> Domain:
        return get_object_or_404(
            Domain.objects.select_related("version__framework").prefetch_related("themes"),
            pk=self.pk,
        )

    def get_edit_url(self) -> str | None:
        if not frameworks.version_is_editable(self.object.version):
            return None
        return super().get_edit_url()

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return _domain_breadcrumbs(self, self.object, _("Inspect"))

    def get_field_label(self, field_name: str, field: Any) -> str:
        label = FIELD_LABELS.get(field_name)
        return str(label) if label else super().get_field_label(field_name, field)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statements"] = list(self.object.statements.order_by("sort_order", "pk"))
        return context
