"""The site's frame: navigation links that know whether they lead to the page, or section,
being shown, and the footer.

The frame is on every page a member sees, so what does not change between requests is
worked out once a process, per language and URL configuration: the addresses it links to
with their translated labels (``frame_links``) and the footer's whole HTML (``site_footer``).
A ``reverse`` costs 20–40 µs and a translation lookup over 10; the frame made about thirty
of them on every page, and rendered an include per navigation item. Only what depends on
the request is worked out per request: which item is current, and the member's own items.
With DEBUG on nothing is kept, so an edited template shows at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

SERVICE_NAVIGATION = "govuk-service-navigation"
# /hub/ is the Hub's home page in Wagtail's tree: a fixed path, since looking the page up
# would add a query to every page.
HUB_PATH = "/hub/"


def is_current(path: str, href: str, *, exact: bool = False) -> bool:
    """Whether a link to ``href`` marks the page at ``path`` as its own.

    ``exact`` is for links whose address is a prefix of everything (the dashboard at ``/``);
    other links mark their whole section, so a school's profile keeps "Schools" current.
    """
    if not href:
        return False
    if exact or href == "/":
        return path == href
    return path.startswith(href)


@dataclass(frozen=True)
class FrameLinks:
    """The frame's fixed addresses ("" where the URL configuration has no such page) and the
    main navigation's labels, in the language they were worked out in."""

    urls: dict[str, str]
    labels: dict[str, str]


# The URL names the frame links to; "" stands for a page this configuration lacks.
_FRAME_URL_NAMES = (
    "home:index",
    "schools:directory",
    "schools:member-directory",
    "selfeval:review-list",
    "network:home",
    "wagtailadmin_home",
    "accounts:profile",
    "account_email",
)


def _frame_labels() -> dict[str, str]:
    return {
        "dashboard": _("Dashboard"),
        "schools": _("Schools"),
        "members": _("Members"),
        "hub": _("Knowledge Hub"),
        "selfeval": _("Self-evaluation"),
        "pupil_data": _("Pupil data"),
        "lab": _("Lab"),
        "network": _("Network"),
        "admin": _("Admin"),
    }


def _reverse_or_blank(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


_KEPT: dict[tuple[str, ...], Any] = {}


def _kept(what: str, make: Callable[[], Any]) -> Any:
    """``make()``, kept for this process per language and URL configuration (DEBUG: never)."""
    if settings.DEBUG:
        return make()
    key = (what, get_language() or "", str(get_urlconf() or settings.ROOT_URLCONF))
    if key not in _KEPT:
        _KEPT[key] = make()
    return _KEPT[key]


def frame_links() -> FrameLinks:
    return _kept(
        "links",
        lambda: FrameLinks(
            urls={name: _reverse_or_blank(name) for name in _FRAME_URL_NAMES},
            labels=_frame_labels(),
        ),
    )


def _nav_item(label: str, href: str, path: str, *, exact: bool = False) -> SafeString:
    """One item of the service navigation; ``aria-current="page"`` marks the current section
    (and a bold fallback for when the styles do not load)."""
    prefix = SERVICE_NAVIGATION
    if is_current(path, href, exact=exact):
        return format_html(
            '<li class="{0}__item {0}__item--active">\n  <a class="{0}__link" href="{1}"'
            ' aria-current="page"><strong class="{0}__active-fallback">{2}</strong></a>\n</li>',
            prefix,
            href,
            label,
        )
    return format_html(
        '<li class="{0}__item">\n  <a class="{0}__link" href="{1}">{2}</a>\n</li>',
        prefix,
        href,
        label,
    )


@register.simple_tag(takes_context=True)
def service_navigation(
    context: template.Context, pupil_data_url: str = "", lab_url: str = ""
) -> SafeString:
    """The main navigation's items for a signed-in member, the current one marked.

    ``pupil_data_url`` and ``lab_url`` are the member's own items ("" for none), read from
    their session by the spectrum and lab apps' tags; the Admin item is for coordinators.
    """
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    links = frame_links()
    urls, labels = links.urls, links.labels
    items = [
        (labels["dashboard"], urls["home:index"], True),
        (labels["schools"], urls["schools:directory"], False),
        (labels["members"], urls["schools:member-directory"], False),
        (labels["hub"], HUB_PATH, False),
        (labels["selfeval"], urls["selfeval:review-list"], False),
        (labels["pupil_data"], pupil_data_url, False),
        (labels["lab"], lab_url, False),
        (labels["network"], urls["network:home"], False),
    ]
    if context.get("nav_is_coordinator"):
        items.append((labels["admin"], urls["wagtailadmin_home"], False))
    return format_html_join(
        "\n",
        "{}",
        ((_nav_item(label, href, path, exact=exact),) for label, href, exact in items if href),
    )


@register.simple_tag
def account_url() -> str:
    """Where "Your account" leads: the profile page, or allauth's e-mail page without it."""
    urls = frame_links().urls
    return urls["accounts:profile"] or urls["account_email"]


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, href: str, exact: bool = False) -> str:
    """``page`` when the link leads to the current section, else "" (for hand-built links)."""
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    return "page" if is_current(path, href, exact=exact) else ""


@register.simple_tag
def site_footer() -> SafeString:
    """The footer: the same HTML on every page in a language, so rendered once a process."""
    html = _kept("footer", lambda: render_to_string("includes/footer.html"))
    return mark_safe(html)  # noqa: S308 (our own template's output)
