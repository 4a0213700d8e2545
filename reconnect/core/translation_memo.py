"""Translations looked up once a process, not on every page.

A page asks for about fifty translations ({% translate %}, labels, messages). Django's
British English is spread over about two dozen catalogues (each app's, with its own plural
rule, so Django cannot merge them) and five empty fallback files; a lookup that finds
nothing, the usual case for our own English text, tries every one of them: 9 to 15 µs
each, over half a millisecond on a page. The catalogues do not change while a process runs
(Django makes new translation objects when the settings they come from change), so each
message's translation is kept after its first lookup.
"""

from typing import Any

from django.conf import settings

# Messages are the literal strings of the code and templates, a few thousand; the bound is
# for code that translates something it was given.
MAX_KEPT = 20_000
_MARK = "_reconnect_gettext_kept"


def keep_lookups(translation: Any) -> None:
    """Make ``translation.gettext`` remember each message's translation."""
    if getattr(translation, _MARK, False):
        return
    lookup = translation.gettext
    kept: dict[str, str] = {}

    def gettext(message: str) -> str:
        try:
            return kept[message]
        except KeyError:
            result: str = lookup(message)
            if len(kept) < MAX_KEPT:
                kept[message] = result
            return result

    translation.gettext = gettext
    setattr(translation, _MARK, True)


def keep_default_language_lookups() -> None:
    """For the site's language (the only one it serves); called once the apps are ready."""
    if not settings.USE_I18N:
        return
    from django.utils.translation import trans_real

    keep_lookups(trans_real.translation(settings.LANGUAGE_CODE))
