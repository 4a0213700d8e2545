"""Translations kept after their first lookup, and the site's language activated per request."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import trans_real

from reconnect.core import translation_memo
from reconnect.core.middleware import SiteLanguageMiddleware


class CountingCatalogue:
    """A translation object whose lookups are counted."""

    def __init__(self) -> None:
        self.looked_up: list[str] = []

    def gettext(self, message: str) -> str:
        self.looked_up.append(message)
        return {"colour": "colour (en-GB)"}.get(message, message)


def test_each_message_is_looked_up_once_and_answers_the_same():
    catalogue = CountingCatalogue()
    translation_memo.keep_lookups(catalogue)

    answers = [catalogue.gettext(m) for m in ("colour", "Menu", "colour", "Menu", "colour")]

    assert answers == ["colour (en-GB)", "Menu", "colour (en-GB)", "Menu", "colour (en-GB)"]
    assert catalogue.looked_up == ["colour", "Menu"]


def test_keeping_twice_wraps_once():
    catalogue = CountingCatalogue()
    translation_memo.keep_lookups(catalogue)
    translation_memo.keep_lookups(catalogue)

    catalogue.gettext("Menu")
    catalogue.gettext("Menu")

    assert catalogue.looked_up == ["Menu"]


def test_no_more_than_the_bound_is_kept(monkeypatch):
    monkeypatch.setattr(translation_memo, "MAX_KEPT", 2)
    catalogue = CountingCatalogue()
    translation_memo.keep_lookups(catalogue)

    for message in ("a", "b", "c", "c", "a"):
        catalogue.gettext(message)

    assert catalogue.looked_up == ["a", "b", "c", "c"]  # "c" came after the bound


def test_the_sites_language_keeps_its_lookups_and_django_translations_still_apply():
    # Django's British English catalogue drops the context of an abbreviated month.
    assert getattr(trans_real.translation("en-gb"), "_reconnect_gettext_kept", False) is True
    assert translation.pgettext("abbrev. month", "Dec.") == "Dec."
    assert translation.pgettext("abbrev. month", "Dec.") == "Dec."
    assert translation.gettext("Not a message anyone translates") == (
        "Not a message anyone translates"
    )


def test_the_middleware_activates_the_sites_language_for_the_request(rf: RequestFactory):
    seen: list[str] = []

    def view(request):
        # deactivate_all() leaves a NullTranslations active, which has no language of its own.
        active = trans_real._active.value  # type: ignore[attr-defined]
        seen.append(active.to_language() if hasattr(active, "to_language") else "none")
        return HttpResponse("ok")

    translation.deactivate_all()
    try:
        SiteLanguageMiddleware(view)(rf.get("/"))
    finally:
        translation.deactivate()

    assert seen == ["en-gb"]
