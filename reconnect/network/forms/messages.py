"""Private messages' forms. They check shape only; ``services.messages`` checks the rest
(recipients, blocks) and the views put what it refuses back on the form.

Each form carries a ``submission_key`` made when the page is drawn, so a double click
sends one message.
"""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.services import messages as services

_TOO_LONG = _("Enter %(limit_value)s characters or fewer.")


def new_submission_key() -> str:
    return secrets.token_hex(16)


def _body(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=services.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use Markdown: **bold**, *italics*, lists and links."),
        error_messages={"required": _("Write your message."), "max_length": _TOO_LONG},
    )


class _Keyed(forms.Form):
    submission_key = forms.CharField(
        required=False, max_length=services.KEY_MAX, widget=forms.HiddenInput
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())


class MessageForm(_Keyed):
    subject = forms.CharField(
        label=_("Subject"),
        max_length=services.SUBJECT_MAX,
        error_messages={"required": _("Enter a subject."), "max_length": _TOO_LONG},
    )
    body = _body(_("Message"))  # type: ignore[arg-type]


class ReplyForm(_Keyed):
    body = _body(_("Your reply"))  # type: ignore[arg-type]
