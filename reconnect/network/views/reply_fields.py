"""The thread page's empty reply form, its fields written once a process per language.

Every reader who may reply gets the same empty form: only its submission key is theirs (a
new one each page, so a double click makes one post). Rendering the four fields through
Django's form renderer cost the page about 0.9 ms of processor time, so their HTML is
written once with a stand-in key, and each page puts a new key in its place. The form
element and its CSRF token stay in ``reply_form.html``, written for each request.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from reconnect.network.forms.discussions import ReplyForm, new_submission_key

# Hex like a real key, so the stand-in passes through escaping as it is.
_STAND_IN = "5ea1ed00000000005ea1ed0000000000"
_WRITTEN: dict[str, str] = {}


def _write() -> str:
    form = ReplyForm(initial={"submission_key": _STAND_IN})
    html = render_to_string("network/discussions/reply_fields.html", {"form": form})
    if html.count(_STAND_IN) != 1:
        raise ValueError("The reply form's fields must name the submission key once.")
    return html


def empty_reply_fields() -> SafeString:
    """The HTML of an empty ``ReplyForm``'s fields, with a new submission key."""
    language = translation.get_language() or ""
    html = _WRITTEN.get(language)
    if html is None:
        html = _WRITTEN[language] = _write()
    return mark_safe(html.replace(_STAND_IN, new_submission_key()))  # noqa: S308 (our template's, a hex key)
