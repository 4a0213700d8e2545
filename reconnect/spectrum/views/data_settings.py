"""The privacy pages of a school's pupil data: retention, staff grants, remembered column
matches, indicator settings and deleting everything.

The school lead and data leads manage the settings (``need="manage"``: anyone else gets a
404, as if the school had no pupil data); only the school lead sets the retention period
and deletes everything (a data lead is refused with 403: they can see the page exists).
Every page is ``never_cache``: settings of pupil data are not for shared caches.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.spectrum import rules
from reconnect.spectrum.forms.data_settings import (
    DeleteAllForm,
    GrantForm,
    IndicatorForm,
    RetentionForm,
)
from reconnect.spectrum.selectors import data_settings as selectors
from reconnect.spectrum.selectors.access import school_for
from reconnect.spectrum.services import data_settings as services


def _school(request: HttpRequest, urn: int) -> School:
    # The rules read the user's memberships several times a page: once from the database.
    prefetch_related_objects([request.user], "memberships")  # type: ignore[type-var]
    return school_for(request.user, urn, need="manage")


def _settings_url(school: School, fragment: str = "") -> str:
    url = reverse("spectrum:settings", kwargs={"urn": school.urn})
    return f"{url}#{fragment}" if fragment else url


def _render_settings(
    request: HttpRequest,
    school: School,
    *,
    grant_form: GrantForm | None = None,
    retention_form: RetentionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_govern = rules.can_govern_data(request.user, school.pk)
    retention = selectors.retention_of(school)
    staff = selectors.grantable_staff(school)
    if grant_form is None:
        grant_form = GrantForm(staff=staff)
    if retention_form is None and can_govern:
        retention_form = RetentionForm(initial={"months": retention.months})
    return render(
        request,
        "spectrum/settings.html",
        {
            "school": school,
            "can_govern": can_govern,
            "retention": retention,
            "retention_form": retention_form,
            "grants": list(selectors.grants_of(school)),
            "grant_form": grant_form,
            "has_staff": staff.exists(),
            "has_errors": bool(
                (grant_form and grant_form.errors) or (retention_form and retention_form.errors)
            ),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
@never_cache
@require_http_methods(["GET"])
def settings_show(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    return _render_settings(request, school)


@login_required
@never_cache
@require_POST
def retention_update(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    if not rules.can_govern_data(request.user, school.pk):
        raise PermissionDenied
    form = RetentionForm(request.POST)
    if form.is_valid():
        try:
            services.retention_set(
                school=school,
                user=request.user,
                months=form.cleaned_data["months"],
                request=request,
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            months = form.cleaned_data["months"]
            messages.success(
                request,
                ngettext(
                    "Snapshots are now kept for %(months)s month.",
                    "Snapshots are now kept for %(months)s months.",
                    months,
                )
                % {"months": months},
            )
            return redirect(_settings_url(school, "retention"))
    return _render_settings(request, school, retention_form=form)


@login_required
@never_cache
@require_POST
def grant_add(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    form = GrantForm(request.POST, staff=selectors.grantable_staff(school))
    if form.is_valid():
        staff_user = form.cleaned_data["staff_user"]
        try:
            services.grant_add(
                school=school, user=request.user, staff_user=staff_user, request=request
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s can now see the cohort views.") % {"name": staff_user.display_name},
            )
            return redirect(_settings_url(school, "staff"))
    return _render_settings(request, school, grant_form=form)


@login_required
@never_cache
@require_POST
def grant_remove(request: HttpRequest, urn: int, user_id: int) -> HttpResponse:
    school = _school(request, urn)
    grant = selectors.grant_of(school, user_id)
    name = grant.user.display_name
    services.grant_remove(grant=grant, user=request.user, request=request)
    messages.success(request, _("%(name)s can no longer see the cohort views.") % {"name": name})
    return redirect(_settings_url(school, "staff"))


@login_required
@never_cache
@require_http_methods(["GET"])
def mapping_list(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    return render(
        request,
        "spectrum/mappings.html",
        {"school": school, "mappings": selectors.mappings_of(school)},
    )


@login_required
@never_cache
@require_POST
def mapping_delete(request: HttpRequest, urn: int, mapping_id: int) -> HttpResponse:
    school = _school(request, urn)
    mapping = selectors.mapping_of(school, mapping_id)
    header = mapping.header
    services.mapping_delete(mapping=mapping, user=request.user, request=request)
    messages.success(
        request,
        _("Forgotten: files with the heading “%(header)s” will ask again.") % {"header": header},
    )
    return redirect("spectrum:mappings", urn=school.urn)


def _indicator_context(school: School, form: IndicatorForm) -> dict[str, Any]:
    found = selectors.indicator_settings(school)
    domains: list[dict[str, Any]] = []
    for setting in found.factors:
        if not domains or domains[-1]["label"] != setting.domain_label:
            domains.append({"label": setting.domain_label, "rows": []})
        enabled, weight = form.factor_fields(setting.factor.key)
        domains[-1]["rows"].append({"setting": setting, "enabled": enabled, "weight": weight})
    changes = [
        {"change": change, "label": selectors.setting_label(change.key)}
        for change in selectors.indicator_changes(school)
    ]
    parameters = [{"setting": setting, "field": form[setting.key]} for setting in found.parameters]
    return {
        "school": school,
        "form": form,
        "settings": found,
        "parameters": parameters,
        "domains": domains,
        "changes": changes,
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def indicator_settings(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    current = selectors.indicator_settings(school).values
    form = IndicatorForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.indicator_config_update(
                school=school,
                user=request.user,
                values=form.values(),
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            if changes:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s setting changed. Profiles and cohorts use it from now on.",
                        "%(count)s settings changed. Profiles and cohorts use them from now on.",
                        len(changes),
                    )
                    % {"count": len(changes)},
                )
            else:
                messages.info(request, _("Nothing changed: every value was already set."))
            return redirect("spectrum:indicators", urn=school.urn)
    context = _indicator_context(school, form)
    context["has_errors"] = bool(form.errors)
    return render(request, "spectrum/indicators.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_all(request: HttpRequest, urn: int) -> HttpResponse:
    school = _school(request, urn)
    if not rules.can_govern_data(request.user, school.pk):
        raise PermissionDenied
    form = DeleteAllForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            deleted = services.pupil_data_delete_all(
                school=school, user=request.user, request=request
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, deleted_summary(deleted))
            return redirect("spectrum:delete-all", urn=school.urn)
    return render(
        request,
        "spectrum/delete_all.html",
        {
            "school": school,
            "form": form,
            "holdings": selectors.holdings_of(school),
            "has_errors": bool(form.errors),
        },
    )


def deleted_summary(deleted: services.Deleted) -> str:
    """What was deleted, in one sentence for the confirmation banner."""
    parts = [
        ngettext("%(n)s snapshot", "%(n)s snapshots", deleted.snapshots) % {"n": deleted.snapshots},
        ngettext("%(n)s pupil record", "%(n)s pupil records", deleted.records)
        % {"n": f"{deleted.records:,}"},
        ngettext("%(n)s import", "%(n)s imports", deleted.imports) % {"n": deleted.imports},
        ngettext("%(n)s uploaded file", "%(n)s uploaded files", deleted.raw_files)
        % {"n": deleted.raw_files},
        ngettext(
            "%(n)s remembered column match", "%(n)s remembered column matches", deleted.mappings
        )
        % {"n": deleted.mappings},
    ]
    listed = _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    return _("Deleted %(listed)s. The audit trail keeps a record that you deleted them.") % {
        "listed": listed
    }


URLS: list[URLPattern] = [
    path("pupil-data/<int:urn>/settings/", settings_show, name="settings"),
    path("pupil-data/<int:urn>/settings/staff/", grant_add, name="grant-add"),
    path(
        "pupil-data/<int:urn>/settings/staff/<int:user_id>/remove/",
        grant_remove,
        name="grant-remove",
    ),
    path("pupil-data/<int:urn>/settings/retention/", retention_update, name="retention"),
    path("pupil-data/<int:urn>/settings/indicators/", indicator_settings, name="indicators"),
    path("pupil-data/<int:urn>/settings/columns/", mapping_list, name="mappings"),
    path(
        "pupil-data/<int:urn>/settings/columns/<int:mapping_id>/delete/",
        mapping_delete,
        name="mapping-delete",
    ),
    path("pupil-data/<int:urn>/delete/", delete_all, name="delete-all"),
]
