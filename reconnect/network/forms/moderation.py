"""Moderation's forms: a report (flag), a moderator's decision on a post, a moderator's
action on a thread, and a split.

They check shape only; the services check the rest (a post's status, a split's numbers)
and the views put what they refuse back on the form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.models import Category, FlagReason
from reconnect.network.services import moderation as services

_TOO_LONG = _("Enter %(limit_value)s characters or fewer.")


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are reporting this post.")},
    )
    note = forms.CharField(
        label=_("Anything a coordinator should know (optional)"),
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not name or describe a pupil or family here."),
        error_messages={"max_length": _TOO_LONG},
    )


class PostDecision:
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    UNHIDE = "unhide"
    DISMISS = "dismiss"
    UPHOLD = "uphold"

    ALL = (APPROVE, REJECT, HIDE, UNHIDE, DISMISS, UPHOLD)
    NEED_REASON = (REJECT, HIDE)


class PostModerationForm(forms.Form):
    """One decision on a post; each button of the page posts its own ``action``."""

    action = forms.ChoiceField(
        choices=[(action, action) for action in PostDecision.ALL], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason, shown to the author"),
        required=False,
        max_length=services.REASON_MAX,
        help_text=_("Needed to reject or hide a post. Do not quote the post."),
        error_messages={"max_length": _TOO_LONG},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("action") in PostDecision.NEED_REASON
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Enter a reason the author will see."))
        return cleaned


class ThreadDecision:
    LOCK = "lock"
    UNLOCK = "unlock"
    PIN = "pin"
    UNPIN = "unpin"
    HIDE = "hide"
    UNHIDE = "unhide"

    ALL = (LOCK, UNLOCK, PIN, UNPIN, HIDE, UNHIDE)


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(action, action) for action in ThreadDecision.ALL], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason for hiding, shown to the author"),
        required=False,
        max_length=services.REASON_MAX,
        error_messages={"max_length": _TOO_LONG},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("action") == ThreadDecision.HIDE
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Enter a reason the author will see."))
        return cleaned


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Move to category"),
        queryset=Category.objects.order_by("position", "name"),
        empty_label=None,
        error_messages={
            "required": _("Choose a category."),
            "invalid_choice": _("Choose a category from the list."),
        },
    )


_NUMBERS = re.compile(r"^[\d\s,]+$")


class SplitForm(forms.Form):
    numbers = forms.CharField(
        label=_("Replies to move"),
        help_text=_("Their numbers in the thread, separated by commas, for example 4, 5, 7"),
        max_length=2000,
        error_messages={"required": _("Enter the numbers of the replies to move.")},
    )
    title = forms.CharField(
        label=_("Title of the new thread"),
        max_length=services.TITLE_MAX,
        error_messages={
            "required": _("Enter a title for the new thread."),
            "max_length": _TOO_LONG,
        },
    )
    category = forms.ModelChoiceField(
        label=_("Category of the new thread"),
        queryset=Category.objects.order_by("position", "name"),
        required=False,
        help_text=_("A group’s thread is split within its group."),
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )

    def clean_numbers(self) -> list[int]:
        raw = self.cleaned_data["numbers"]
        if not _NUMBERS.match(raw):
            raise forms.ValidationError(
                _("Enter post numbers only, separated by commas, for example 4, 5, 7")
            )
        numbers = sorted({int(part) for part in re.split(r"[\s,]+", raw.strip()) if part})
        if not numbers:
            raise forms.ValidationError(_("Enter the numbers of the replies to move."))
        if any(number > 2**31 - 1 for number in numbers):
            raise forms.ValidationError(_("Enter post numbers from this thread."))
        return numbers
