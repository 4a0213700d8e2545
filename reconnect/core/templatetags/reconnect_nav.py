"""Navigation links that know whether they lead to the page, or section, being shown."""

from django import template
from django.http import HttpRequest

register = template.Library()


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


@register.inclusion_tag("includes/nav_item.html", takes_context=True)
def nav_item(
    context: template.Context,
    label: str,
    href: str,
    *,
    exact: bool = False,
    css_prefix: str = "govuk-service-navigation",
) -> dict[str, object]:
    """One item of a navigation list; ``aria-current="page"`` marks the current section."""
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    return {
        "label": label,
        "href": href,
        "current": is_current(path, href, exact=exact),
        "css_prefix": css_prefix,
    }


@register.simple_tag(takes_context=True)
def aria_current(context: template.Context, href: str, exact: bool = False) -> str:
    """``page`` when the link leads to the current section, else "" (for hand-built links)."""
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    return "page" if is_current(path, href, exact=exact) else ""
