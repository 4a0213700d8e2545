"""Showing posts: their stored, sanitised HTML with Hub and Lab links made into cards.

A card is written here from the ``selectors.discussions.Card`` the view found for the
reader, every value escaped by ``format_html``; a link with no card for this reader stays
the plain link it was stored as, so nothing the reader may not see is ever shown.
"""

import re
from collections.abc import Iterable, Mapping
from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reconnect.network.models import Post
from reconnect.network.selectors.discussions import CARD_LINE, Card, post_page_number
from reconnect.network.views.post_links import Link

register = template.Library()


CARD = (
    '<div class="govuk-inset-text network-card">'
    '<p class="govuk-body-s govuk-!-margin-bottom-1">{}</p>'
    '<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">'
    '<a class="govuk-link" href="{}">{}</a></p>'
    '<p class="govuk-body-s govuk-!-margin-bottom-0">{}</p></div>'
)


def _card_html(card: Card) -> str:
    return format_html(CARD, card.kind, card.url, card.title, card.summary)


@register.simple_tag
def post_body(post: Post, cards: Mapping[str, Card] | None = None) -> SafeString:
    """The post's HTML as stored at save (already sanitised by ``render_markdown``), with
    each stand-alone link that has a card for this reader shown as that card."""
    html = post.body_html
    if cards:

        def card_or_link(match: re.Match[str]) -> str:
            card = cards.get(match.group(1))
            return _card_html(card) if card is not None else match.group(0)

        html = CARD_LINE.sub(card_or_link, html)
    return mark_safe(html)  # noqa: S308 (sanitised when saved; cards escaped above)


@register.filter
def post_page(number: int) -> int:
    """The page of its thread a post number is on."""
    return post_page_number(int(number))


def _escaped(value: object) -> str:
    """``conditional_escape`` without its lazy-string wrapper: called for every link."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else escape(str(value))


@register.simple_tag
def link_items(links: Iterable[Link]) -> SafeString:
    """``<li>`` items for a post's links (``views.post_links``): one call per list, not a
    template loop per link, because a thread page writes 50 posts. Each value escaped as
    ``format_html`` would, with f-strings: ``format_html`` cost more than the rest."""
    items = []
    for link in links:
        text = _escaped(link.text)
        if not link.href:
            items.append(f"<li>{text}</li>")
            continue
        hidden = (
            f'<span class="govuk-visually-hidden">{_escaped(link.hidden)}</span>'
            if link.hidden
            else ""
        )
        css = "govuk-link govuk-link--muted" if link.muted else "govuk-link"
        items.append(f'<li><a class="{css}" href="{_escaped(link.href)}">{text}{hidden}</a></li>')
    return mark_safe("".join(items))  # noqa: S308 (each value escaped above)
