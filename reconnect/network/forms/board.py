"""Forms of the offers and requests board and of writing to a school."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.hub.models import Theme
from reconnect.network.models import BoardKind
from reconnect.schools.models import LocalAuthority, School


def _themes() -> forms.ModelMultipleChoiceField[Theme]:
    return forms.ModelMultipleChoiceField(
        queryset=Theme.objects.order_by("position", "name"),
        label=_("Themes"),
        help_text=_("Choose at least one."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )


def _phases() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=School.Phase.choices,
        required=False,
        label=_("Phases"),
        help_text=_("Leave empty if it concerns any phase."),
        widget=forms.CheckboxSelectMultiple,
    )


class BoardPostForm(forms.Form):
    """A new post. ``schools``: the schools the author may post for; the choice is shown
    only when there are several."""

    kind = forms.ChoiceField(
        choices=BoardKind.choices,
        label=_("What are you posting?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you offer or look for help.")},
    )
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        label=_("For which school?"),
        empty_label=None,
        error_messages={"required": _("Choose the school you are posting for.")},
    )
    title = forms.CharField(
        max_length=150,
        label=_("Title"),
        help_text=_("One line, e.g. \u201cVisiting a school that cut persistent absence\u201d."),
        error_messages={"required": _("Enter a title.")},
    )
    body = forms.CharField(
        max_length=5_000,
        label=_("Details"),
        help_text=_("What you can offer or what you are looking for. You can use Markdown."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Say what you can offer or are looking for.")},
    )
    themes = _themes()
    phases = _phases()

    def __init__(self, *args: Any, schools: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["school"]
        field.queryset = schools
        options = list(schools)
        if len(options) == 1:
            field.initial = options[0].pk
            field.widget = forms.HiddenInput()


class BoardPostEditForm(forms.Form):
    title = BoardPostForm.base_fields["title"]
    body = BoardPostForm.base_fields["body"]
    themes = _themes()
    phases = _phases()


class BoardFilterForm(forms.Form):
    """The listing's filters, read from the query string; anything unknown is ignored."""

    kind = forms.ChoiceField(
        choices=[("", _("Offers and requests")), *BoardKind.choices],
        required=False,
        label=_("Kind"),
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
        label=_("Theme"),
    )
    phase = forms.ChoiceField(
        choices=[("", _("Any phase")), *School.Phase.choices], required=False, label=_("Phase")
    )
    borough = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Any borough"),
        label=_("Borough"),
    )
    closed = forms.BooleanField(required=False, label=_("Include my school's closed posts"))


class ContactForm(forms.Form):
    subject = forms.CharField(
        max_length=150,
        label=_("Subject"),
        error_messages={"required": _("Enter a subject.")},
    )
    body = forms.CharField(
        max_length=10_000,
        label=_("Message"),
        help_text=_(
            "Say who you are and what you would like to ask. Never include pupils' details."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message.")},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput(), required=False, max_length=40)
