"""The directory's search forms (GET): they turn query strings into selector searches.

A value that fails to validate (a hand-edited URL, a trust that has since closed) is shown
as an error and ignored; the rest of the search still applies.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from reconnect.hub.models import Theme
from reconnect.schools.models import LocalAuthority, School
from reconnect.schools.selectors import (
    MemberSearch,
    SchoolSearch,
    establishment_types,
    trusts_with_open_schools,
)
from reconnect.schools.widgets import QuickSelect

SELECT = {"class": "govuk-select"}


def _borough_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Borough"),
        queryset=LocalAuthority.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All boroughs"),
        widget=QuickSelect(attrs=SELECT),
    )


def _phase_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Phase"),
        choices=[("", _("All phases")), *School.Phase.choices],
        required=False,
        widget=QuickSelect(attrs=SELECT),
    )


def _query_field(*, label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"class": "govuk-input", "type": "search", "autocomplete": "off"}
        ),
    )


class _SearchForm(forms.Form):
    def clean_value(self, name: str, default: Any = None) -> Any:
        """The field's cleaned value, or ``default`` when it was missing or invalid."""
        cleaned = getattr(self, "cleaned_data", {})
        value = cleaned.get(name)
        return default if value in (None, "") else value


class SchoolSearchForm(_SearchForm):
    q = _query_field(
        label=_("Search schools"),
        help_text=_("A school’s name, its URN, or the start of its postcode"),
    )
    borough = _borough_field()
    phase = _phase_field()
    type = forms.ChoiceField(
        label=_("Type of school"), required=False, widget=QuickSelect(attrs=SELECT)
    )
    trust = forms.ModelChoiceField(
        label=_("Trust"),
        queryset=trusts_with_open_schools(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any trust or none"),
        widget=QuickSelect(attrs=SELECT),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("name", _("Name, A to Z")), ("-name", _("Name, Z to A"))],
        required=False,
        widget=QuickSelect(attrs=SELECT),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = establishment_types()
        self.fields["type"].choices = [("", _("All types")), *((t, t) for t in types)]  # type: ignore[attr-defined]

    def search(self) -> SchoolSearch:
        self.is_valid()
        return SchoolSearch(
            query=self.clean_value("q", ""),
            local_authority=self.clean_value("borough"),
            phase=self.clean_value("phase", ""),
            establishment_type=self.clean_value("type", ""),
            trust=self.clean_value("trust"),
            sort=self.clean_value("sort", "name"),
        )


class MemberSearchForm(_SearchForm):
    q = _query_field(label=_("Search members"), help_text=_("A name or a job title"))
    borough = _borough_field()
    phase = _phase_field()
    school = forms.IntegerField(
        label=_("School URN"),
        help_text=_("Only members at the school with this URN"),
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}
        ),
    )
    theme = forms.ModelChoiceField(
        label=_("Works on"),
        queryset=Theme.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
        widget=QuickSelect(attrs=SELECT),
    )
    open = forms.BooleanField(
        label=_("Only members open to being contacted"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )

    def search(self) -> MemberSearch:
        self.is_valid()
        return MemberSearch(
            query=self.clean_value("q", ""),
            local_authority=self.clean_value("borough"),
            phase=self.clean_value("phase", ""),
            school_urn=self.clean_value("school"),
            theme=self.clean_value("theme"),
            open_to_contact=bool(self.clean_value("open", False)),
        )
