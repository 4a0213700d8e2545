"""The forms of polls: adding one, and voting."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.models import PollKind


class PollForm(forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=200,
        error_messages={"required": _("Enter the question")},
    )
    kind = forms.ChoiceField(
        label=_("How many options may members choose?"),
        choices=PollKind.choices,
        initial=PollKind.SINGLE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how many options members may choose")},
    )
    max_choices = forms.IntegerField(
        label=_("Most options a member may choose"),
        help_text=_("Only for a poll where members choose several."),
        min_value=1,
        max_value=10,
        required=False,
    )
    options = forms.CharField(
        label=_("Options"),
        help_text=_("One option on each line: between 2 and 10."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10 * 130,
        error_messages={"required": _("Enter at least 2 options, one on each line")},
    )
    show_voters = forms.BooleanField(
        label=_("Show who voted for each option"),
        help_text=_("Leave unticked for an anonymous poll."),
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Closing date and time (optional)"),
        help_text=_("For example, 2027-03-31 17:00. Leave empty to close it yourself."),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter the closing date as 2027-03-31 17:00")},
    )

    def clean_options(self) -> list[str]:
        lines = self.cleaned_data["options"].splitlines()
        labels = [line.strip() for line in lines if line.strip()]
        if any(len(label) > 120 for label in labels):
            raise forms.ValidationError(_("Each option must be 120 characters or fewer"))
        return labels


class VoteForm(forms.Form):
    """The poll's options as radios (one choice) or checkboxes (several)."""

    options = forms.TypedMultipleChoiceField(coerce=int, required=False, label=_("Your vote"))

    def __init__(self, *args: Any, poll_view: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["options"])
        field.choices = [(row.option.pk, row.option.label) for row in poll_view.options]
