"""The action plan's forms: adding or changing an action, and an owner's progress update.

The choices (domains, the school's members, the Hub's interventions) are read once by the
view and handed to every form on the page, so a plan with four "add" forms costs the same
queries as one, and cleaning maps the chosen ids back to those objects without reading
again. The services check what must hold whoever calls them (an owner at the school, a
live intervention); the forms only turn what was typed into those objects.
"""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from reconnect.core.date_input import DateInputField, date_parts
from reconnect.hub.models import InterventionPage
from reconnect.selfeval.models import Action, ActionStatus, Domain
from reconnect.selfeval.services.actions import NOTES_MAX, TITLE_MAX


class PlainSelect(forms.Select):
    """A select drawn in Python in one pass. Django's own renders every option through a
    template of its own, and an action plan has four forms of some fifty options each:
    that alone took half the page's time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(label)}</option>"
            for key, label in self.choices
        )
        final = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{final}>{options}</select>')  # noqa: S308 (every value escaped above)


def _person(user: Any) -> str:
    title = f", {user.job_title}" if user.job_title else ""
    return f"{user.display_name}{title}"


class ActionForm(forms.Form):
    """Add an action, or change all of one (the school lead and the review's contributors).

    ``domain_fixed`` hides the domain: the form sits under that domain's heading.
    """

    domain = forms.ChoiceField(label=_("Domain"), widget=PlainSelect)
    title = forms.CharField(
        label=_("Action"),
        max_length=TITLE_MAX,
        help_text=_(
            "What you will do, in a sentence. For example: Call home on the first "
            "morning of any absence."
        ),
        error_messages={"required": _("Enter what you will do.")},
    )
    owner = forms.TypedChoiceField(
        label=_("Owner"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        help_text=_("Who makes sure it happens. Colleagues appear once they join Reconnect."),
    )
    due_date = DateInputField(
        noun=_("due date"), label=_("Due date (optional)"), help_text=_("For example, 27 3 2026")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status.")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How you will know it worked, what is in the way, what happened."),
    )
    intervention = forms.TypedChoiceField(
        label=_("Knowledge Hub intervention (optional)"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        help_text=_("If the action puts an intervention from the Hub in place."),
    )

    def __init__(
        self,
        *args: Any,
        domains: Sequence[Domain],
        members: Sequence[Any],
        interventions: Sequence[InterventionPage],
        domain_fixed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._domains = {d.code: d for d in domains}
        self._members = {m.pk: m for m in members}
        self._interventions = {i.pk: i for i in interventions}
        domain_field = cast(forms.ChoiceField, self.fields["domain"])
        domain_field.choices = [("", _("Choose a domain"))] + [(d.code, d.title) for d in domains]
        domain_field.error_messages["required"] = _("Choose the domain this action is for.")
        domain_field.error_messages["invalid_choice"] = _("Choose one of the domains.")
        if domain_fixed:
            domain_field.widget = forms.HiddenInput()
        owner_field = cast(forms.ChoiceField, self.fields["owner"])
        owner_field.choices = [("", _("No owner yet"))] + [(m.pk, _person(m)) for m in members]
        owner_field.error_messages["invalid_choice"] = _("Choose someone from your school.")
        intervention_field = cast(forms.ChoiceField, self.fields["intervention"])
        intervention_field.choices = [("", _("None"))] + [(i.pk, i.title) for i in interventions]
        intervention_field.error_messages["invalid_choice"] = _(
            "Choose an intervention from the list, or none."
        )

    @classmethod
    def initial_from(cls, action: Action) -> dict[str, Any]:
        return {
            "domain": action.domain.code,
            "title": action.title,
            "owner": action.owner_id,
            "due_date": action.due_date,
            "status": action.status,
            "notes": action.notes,
            "intervention": action.intervention_id,
        }

    def clean_domain(self) -> Domain:
        return self._domains[self.cleaned_data["domain"]]

    def clean_owner(self) -> Any:
        chosen = self.cleaned_data.get("owner")
        return None if chosen is None else self._members[chosen]

    def clean_intervention(self) -> InterventionPage | None:
        chosen = self.cleaned_data.get("intervention")
        return None if chosen is None else self._interventions[chosen]

    def date_parts(self) -> dict[str, Any]:
        """The day, month and year boxes' values, typed or from the initial date."""
        return date_parts(self["due_date"])


class ActionProgressForm(forms.Form):
    """What an action's owner may change: how it is going."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status.")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How you will know it worked, what is in the way, what happened."),
    )
