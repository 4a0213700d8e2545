"""Filters for the audit log viewer in Wagtail's admin."""

from typing import ClassVar

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from reconnect.core.audit import audit_action_choices
from reconnect.core.models import AuditEvent


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Action"),
        # A callable, read on every request: the apps register their actions when ready,
        # after this module may have been imported.
        choices=audit_action_choices,
        empty_label=_("All"),
        widget=forms.Select,
    )
    actor = django_filters.CharFilter(
        label=_("Actor email"), field_name="actor_label", lookup_expr="icontains"
    )
    school_urn = django_filters.NumberFilter(label=_("School URN"), min_value=0)
    date = django_filters.DateFromToRangeFilter(
        label=_("Date"), field_name="created_at", widget=DateRangePickerWidget
    )

    # The filters a URL may carry, for the export's own audit record.
    PARAMETERS: ClassVar[tuple[str, ...]] = (
        "action",
        "actor",
        "school_urn",
        "date_from",
        "date_to",
    )

    class Meta:
        model = AuditEvent
        fields: ClassVar[list[str]] = []
