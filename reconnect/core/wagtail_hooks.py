"""Core's additions to Wagtail's admin: the security audit log (administrators only) and
the start-up script of its date pickers and choosers, which keeps the admin within its CSP."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from reconnect.core.admin_views import (
    AuditEventDetailView,
    AuditLogView,
    administrators_only,
)

audit_urlpatterns = [
    path("", administrators_only(AuditLogView.as_view()), name="index"),
    path("results/", administrators_only(AuditLogView.as_view(results_only=True)), name="results"),
    path("<int:pk>/", administrators_only(AuditEventDetailView.as_view()), name="detail"),
]


@hooks.register("register_admin_urls")
def register_audit_log_urls() -> list[object]:
    return [path("audit-log/", include((audit_urlpatterns, "core_audit"), namespace="core_audit"))]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        _("Security audit log"),
        reverse("core_audit:index"),
        name="security-audit-log",
        icon_name="history",
        order=1050,
    )


@hooks.register("insert_global_admin_js")
def start_admin_widgets() -> str:
    # Date pickers and choosers start from this file, not inline scripts: see
    # reconnect/core/admin_widgets.py for why.
    return format_html('<script src="{}"></script>', static("core/js/admin-widgets.js"))
