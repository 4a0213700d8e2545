"""Groups' forms: a coordinator's group, adding and removing members, sharing a file.

They check shape only; ``services.groups`` checks the rest and the views put what it
refuses back on the form.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.models import GroupRole
from reconnect.network.services import groups as services

_TOO_LONG = _("Enter %(limit_value)s characters or fewer.")
MAX_ID = 2**31 - 1


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=services.NAME_MAX,
        error_messages={"required": _("Enter a name for the group."), "max_length": _TOO_LONG},
    )
    description = forms.CharField(
        label=_("What the group is for"),
        required=False,
        max_length=services.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Members see this at the top of the group’s page."),
        error_messages={"max_length": _TOO_LONG},
    )


class MemberAddForm(forms.Form):
    user = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose someone to add.")},
        min_value=1,
        max_value=MAX_ID,
    )
    role = forms.ChoiceField(
        label=_("Role in the group"), choices=GroupRole.choices, initial=GroupRole.MEMBER
    )


class MemberRemoveForm(forms.Form):
    remove = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)


class GroupFileForm(forms.Form):
    title = forms.CharField(
        label=_("Title (optional)"),
        required=False,
        max_length=services.FILE_TITLE_MAX,
        help_text=_("Leave empty to use the file’s name."),
        error_messages={"max_length": _TOO_LONG},
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPG, up to 10 MB. Never share "
            "anything that identifies a pupil or family."
        ),
        error_messages={"required": _("Choose a file to share."), "empty": _("The file is empty.")},
    )
