"""The audit log in Wagtail's admin: a filtered, paginated list, one event's detail, CSV export.

Read-only by construction: there is no form, no add, edit or delete view, and the model and
the database refuse changes anyway. Administrators only. Wagtail's own answer to a user who
may enter the admin but not this page is a redirect to the dashboard; these views answer a
real 403 instead, so that the AuditDeniedMiddleware records a coordinator's attempt.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button

from reconnect.core.audit import audit_action_label
from reconnect.core.exceptions import ApplicationError
from reconnect.core.filters import AuditEventFilterSet
from reconnect.core.models import AuditEvent
from reconnect.core.rules import can_view_audit_log
from reconnect.core.selectors import audit_event_list
from reconnect.core.services import audit_log_export
from reconnect.core.views import permission_denied

INDEX_URL_NAME = "core_audit:index"
RESULTS_URL_NAME = "core_audit:results"
DETAIL_URL_NAME = "core_audit:detail"


def administrators_only(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """403 for anyone but an administrator, checked before the view looks anything up."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_view_audit_log(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapped


def _when(event: AuditEvent) -> str:
    return date_format(timezone.localtime(event.created_at), "j M Y, H:i:s")


def _action(event: AuditEvent) -> str:
    # Not get_action_display: most of the apps' actions are registered, not model choices.
    return audit_action_label(event.action)


def _target(event: AuditEvent) -> str:
    return f"{event.target_type} {event.target_id}".strip()


class AuditLogView(ReportView):
    page_title = gettext_lazy("Security audit log")
    header_icon = "history"
    model = AuditEvent
    filterset_class = AuditEventFilterSet
    index_url_name = INDEX_URL_NAME
    index_results_url_name = RESULTS_URL_NAME
    paginate_by = 50
    is_searchable = True
    search_fields = ["actor_label", "target_type", "target_id", "path", "ip_address"]
    search_backend_name = None  # plain SQL: the log is not in the search index
    default_ordering = "-created_at"
    # Only CSV is offered (and made safe for spreadsheets); Wagtail's XLSX export is not.
    FORMATS = ("csv",)

    columns = [
        TitleColumn(
            "created_at",
            label=gettext_lazy("Time"),
            accessor=_when,
            url_name=DETAIL_URL_NAME,
            sort_key="created_at",
        ),
        Column("action", label=gettext_lazy("Action"), accessor=_action),
        Column("actor_label", label=gettext_lazy("Actor")),
        Column("target", label=gettext_lazy("Target"), accessor=_target),
        Column("school_urn", label=gettext_lazy("School URN")),
        Column("ip_address", label=gettext_lazy("IP address")),
        Column("path", label=gettext_lazy("Path")),
    ]

    def get_base_queryset(self) -> Any:
        return audit_event_list()

    def order_queryset(self, queryset: Any) -> Any:
        # Events in the same instant keep the order they were written in.
        ordering = self.ordering or "-created_at"
        return queryset.order_by(ordering, "-id" if ordering.startswith("-") else "id")

    def get_filtered_queryset(self) -> Any:
        # get_queryset already orders, filters and searches.
        return self.get_queryset()

    def get_export_url(self, format: str) -> str:  # noqa: A002 (Wagtail's own signature)
        params = self.request.GET.copy()
        for transient in ("p", "_w_filter_fragment"):
            params.pop(transient, None)
        params["export"] = format
        return f"{reverse(INDEX_URL_NAME)}?{params.urlencode()}"

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        # Wagtail re-renders these with the results, so the link always carries the filters
        # on screen.
        return [
            Button(_("Download CSV"), url=self.csv_export_url, icon_name="download", priority=100)
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.is_export:
            return self.export_response()
        return super().get(request, *args, **kwargs)

    def export_response(self) -> HttpResponseBase:
        if self.filters is not None and not self.filters.is_valid():
            # The list falls back to everything when a filter is invalid; an export must not.
            return HttpResponseBadRequest(
                _("Correct the filters before downloading."), content_type="text/plain"
            )
        applied = {
            name: self.request.GET[name]
            for name in (*AuditEventFilterSet.PARAMETERS, self.search_kwarg)
            if self.request.GET.get(name)
        }
        try:
            lines = audit_log_export(
                events=self.get_filtered_queryset(),
                by=self.request.user,
                filters=applied,
                request=self.request,
            )
        except ApplicationError as error:
            return permission_denied(self.request, error)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="reconnect-audit-log-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        return response


class AuditEventDetailView(InspectView):
    model = AuditEvent
    index_url_name = INDEX_URL_NAME
    header_icon = "history"
    page_title = gettext_lazy("Audit event")
    fields = [
        "created_at",
        "action",
        "actor_label",
        "actor",
        "target_type",
        "target_id",
        "school_urn",
        "ip_address",
        "user_agent",
        "path",
        "detail",
    ]

    labels: ClassVar[dict[str, Any]] = {
        "created_at": gettext_lazy("Time"),
        "action": gettext_lazy("Action"),
        "actor_label": gettext_lazy("Actor (as recorded)"),
        "actor": gettext_lazy("Actor's account"),
        "target_type": gettext_lazy("Target type"),
        "target_id": gettext_lazy("Target id"),
        "school_urn": gettext_lazy("School URN"),
        "ip_address": gettext_lazy("IP address"),
        "user_agent": gettext_lazy("User agent"),
        "path": gettext_lazy("Path"),
        "detail": gettext_lazy("Detail"),
    }

    def get_field_label(self, field_name: str, field: Any) -> str:
        return str(self.labels[field_name])

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_object(self, queryset: Any = None) -> AuditEvent:
        return get_object_or_404(audit_event_list(), pk=self.pk)

    def get_created_at_display_value(self) -> str:
        return _when(self.object)

    def get_action_display_value(self) -> str:
        return _action(self.object)

    def get_actor_display_value(self) -> str:
        if self.object.actor_id is None:
            # A failed sign-in, the system itself, or an account deleted since.
            return _("No account")
        return str(self.object.actor)

    def get_detail_display_value(self) -> str:
        if not self.object.detail:
            return "-"
        text = json.dumps(self.object.detail, indent=2, sort_keys=True, ensure_ascii=False)
        return format_html("<pre>{}</pre>", text)
