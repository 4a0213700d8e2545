"""How the Hub describes its items: EEF measures in words, types, dates and breadcrumbs.

Every rating is put into words by ``reconnect.hub.analysis.eef`` so the explorer, the
intervention page, the compare page and the API describe a rating the same way. Symbols
(£, padlocks) are decoration beside the words, hidden from screen readers.
"""

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from reconnect.hub.analysis import eef
from reconnect.hub.models import (
    CaseStudyPage,
    FurtherReadingPage,
    HubIndexPage,
    HubPage,
    InterventionPage,
    NewsPage,
    ReadingListPage,
    ResearchReportPage,
    ThematicReviewPage,
)

register = template.Library()

# The search page's ``type`` values (``hub:search?type=...``), one per content type.
SEARCH_TYPES: dict[type[HubPage], str] = {
    InterventionPage: "intervention",
    CaseStudyPage: "case-study",
    ResearchReportPage: "research",
    ThematicReviewPage: "review",
    FurtherReadingPage: "reading",
    ReadingListPage: "reading-list",
    NewsPage: "news",
}


@register.filter
def impact_months(months: int | None) -> str:
    """``+6 months``, ``0 months``, ``-1 month``; "Not estimated" when there is no figure."""
    if months is None:
        return _("Not estimated")
    sign = "+" if months > 0 else ""
    return ngettext("%(sign)s%(months)d month", "%(sign)s%(months)d months", abs(months)) % {
        "sign": sign,
        "months": months,
    }


@register.filter
def impact_label(months: int | None) -> str:
    """The Toolkit's word for the impact, capitalised: "High impact", "Impact not estimated"."""
    if months is None:
        return _("Impact not estimated")
    return _("%(label)s impact") % {"label": eef.impact_label(months).capitalize()}


@register.filter
def cost_symbols(rating: int) -> str:
    return "£" * rating


@register.filter
def cost_band(rating: int) -> eef.CostBand:
    return eef.COST_BANDS[rating]


@register.filter
def evidence_label(rating: int) -> str:
    return eef.EVIDENCE_LABELS[rating]


# A drawn padlock, not the emoji: emoji fonts are missing on many school machines (and in
# headless browsers), where "\N{LOCK}" shows as an empty box. Size and colour are SVG
# attributes, so the strict CSP (no inline styles) is kept.
_PADLOCK = (
    '<svg class="rc-padlock" width="14" height="18" viewBox="0 0 16 20" focusable="false" '
    'aria-hidden="true"><path d="M4.5 8.5V5.5a3.5 3.5 0 0 1 7 0v3" fill="none" '
    'stroke="currentColor" stroke-width="2"/><rect x="1.5" y="8.5" width="13" height="10" '
    'rx="2" fill="{fill}" stroke="currentColor" stroke-width="1.5"/></svg>'
)


@register.filter
def padlocks(rating: int) -> SafeString:
    """Five padlocks, ``rating`` of them filled, as EEF shows evidence strength."""
    filled = _PADLOCK.replace("{fill}", "currentColor")
    empty = _PADLOCK.replace("{fill}", "none")
    return mark_safe(filled * rating + empty * (5 - rating))  # noqa: S308 (fixed markup)


@register.filter
def headline(page: InterventionPage) -> str:
    return eef.headline(page.impact_months, page.cost_rating, page.evidence_rating)


@register.filter
def hub_type(page: Page) -> str:
    """The item's type in words ("Intervention"), from its class: no query."""
    model = page.specific_class or type(page)
    return str(model._meta.verbose_name).capitalize()


@register.filter
def search_type(model_or_page: Any) -> str:
    model = model_or_page if isinstance(model_or_page, type) else model_or_page.specific_class
    return SEARCH_TYPES.get(model, "")


@register.inclusion_tag("hub/includes/measures.html")
def intervention_measures(page: InterventionPage, heading_level: int = 2) -> dict[str, Any]:
    """The three headline measures, each with its words beside the symbols."""
    return {"page": page, "band": eef.COST_BANDS[page.cost_rating]}


@register.inclusion_tag("hub/includes/breadcrumbs.html", takes_context=True)
def hub_breadcrumbs(
    context: template.Context, page: Page | None = None, label: str = "", url: str = ""
) -> dict[str, Any]:
    """Home, then the page's Hub ancestors (one query); without a page, Home and the Hub.

    ``label`` and ``url`` add one more crumb after those (the explorer, above compare).
    """
    request: HttpRequest | None = context.get("request")
    if page is not None:
        ancestors = page.get_ancestors().filter(depth__gt=2)
        crumbs = [(p.title, p.get_url(request)) for p in ancestors]
    else:
        hub = HubIndexPage.objects.live().first()
        crumbs = [(hub.title, hub.get_url(request))] if hub else []
    if label:
        crumbs.append((label, url))
    return {"crumbs": crumbs}
