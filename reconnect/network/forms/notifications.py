"""The member's notification settings: an e-mail choice per kind, and the digest's rhythm."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.models import DigestFrequency, EmailChoice, NotificationKind


class NotificationSettingsForm(forms.Form):
    """One radio group per kind (``kind_<value>``) and one for the digest's frequency."""

    frequency = forms.ChoiceField(
        label=_("How often should your digest come?"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("The digest gathers everything you chose “Include in my digest” for."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = {
            f"kind_{kind}": forms.ChoiceField(
                label=label, choices=EmailChoice.choices, widget=forms.RadioSelect
            )
            for kind, label in NotificationKind.choices
        }
        # The kinds first, in their order; the digest's frequency last.
        frequency = self.fields.pop("frequency")
        self.fields.update(kinds)
        self.fields["frequency"] = frequency

    @staticmethod
    def initial_from(preferences: dict[str, str], frequency: str) -> dict[str, str]:
        return {**{f"kind_{k}": v for k, v in preferences.items()}, "frequency": frequency}

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("kind_")]

    def choices(self) -> dict[str, str]:
        """The cleaned choice per kind, keyed by the kind's value."""
        return {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_")
        }
