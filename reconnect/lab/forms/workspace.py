"""The trio workspace's forms: the shared plan, meeting notes, a post or reply, a file.

They check shape only (present, not too long); the services check the rest (a reply's
thread, a plan's version, a file's type, contents and size) and the views put what they
refuse back on the form.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from reconnect.core.date_input import DateInputField
from reconnect.lab.services import workspace as services

_TOO_LONG = _("Enter %(limit_value)s characters or fewer.")


def _body(label: StrOrPromise, missing: StrOrPromise, *, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=_("Plain text: line breaks are kept."),
        error_messages={"required": missing, "max_length": _TOO_LONG},
    )


class PlanForm(forms.Form):
    body = _body(_("The trio’s shared plan"), _("Write the plan."), rows=16)
    # The version of the plan its writer saw: a save over a newer one is refused.
    version = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class MeetingForm(forms.Form):
    met_on = DateInputField(
        noun=_("date you met"), label=_("Date you met"), help_text=_("For example, 12 3 2026")
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=services.TITLE_MAX,
        error_messages={"required": _("Enter a title for the notes."), "max_length": _TOO_LONG},
    )
    body = _body(_("Notes"), _("Write the notes."))

    def clean_met_on(self) -> object:
        met_on = self.cleaned_data.get("met_on")
        if met_on is None:
            raise forms.ValidationError(_("Enter the date you met."))
        return met_on


class PostForm(forms.Form):
    body = _body(_("Your post"), _("Write your post."), rows=5)
    reply_to = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("Choose a file"),
        help_text=_("PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPG, up to 10 MB."),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty."),
        },
    )
