"""The discussions area's forms: start a thread, reply, edit, watch, accept an answer.

The post forms carry a hidden submission key made when the form is shown; the service
makes one post per key and author, so a double click posts once. Attached files are
checked by the attachments area (``attachments_check``) before anything is saved.
"""

import uuid
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from reconnect.hub.models import Theme
from reconnect.network.models import ThreadKind, WatchLevel
from reconnect.network.services.attachments import attachments_check

BODY_MAX = 20_000
SUBMISSION_KEY = RegexValidator(r"^[A-Za-z0-9-]{1,40}$", _("Send the form again."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files (none included); the attachments area says which may go."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def new_submission_key() -> str:
    return uuid.uuid4().hex


class _PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        help_text=_(
            "Markdown: **bold**, *italic*, > quote, - list, [link](https://...). "
            "Mention a member with @ and their handle. A Hub or Lab pilot address on a line "
            "of its own is shown as a card."
        ),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "class": "govuk-textarea"}),
        error_messages={"required": _("Enter your post.")},
    )
    attachments = MultipleFileField(
        label=_("Attach files (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"class": "govuk-file-upload"}),
    )
    submission_key = forms.CharField(
        widget=forms.HiddenInput, validators=[SUBMISSION_KEY], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Enter your post."))
        return body

    def clean_attachments(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("attachments") or []
        problems = attachments_check(files) if files else []
        if problems:
            raise forms.ValidationError(problems)
        return files


class ThreadForm(_PostForm):
    field_order = ["title", "kind", "body", "themes", "attachments", "submission_key"]

    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
        error_messages={"required": _("Enter a title.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of thread is it?"),
        choices=ThreadKind.choices,
        initial=ThreadKind.DISCUSSION,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose discussion or question.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Other themes it is about (optional)"),
        queryset=Theme.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title


class ReplyForm(_PostForm):
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your reply")


class EditForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    body = forms.CharField(
        label=_("Post"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10, "class": "govuk-textarea"}),
        error_messages={"required": _("Enter your post.")},
    )

    def __init__(self, *args: Any, opening: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if opening:
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = _("Enter a title.")
        else:
            del self.fields["title"]


class WatchForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Notifications"),
        choices=WatchLevel.choices,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class AcceptForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("unaccept", "unaccept")])
