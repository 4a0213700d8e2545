"""The Knowledge Hub's search page: one box across every kind of Hub item.

Open to visitors (public items) and members (every item). A plain GET form, so it works
without JavaScript; with htmx, changing a filter or the sort fetches only the results
fragment, and the facet counts are swapped in place so focus stays on the checkbox.

What a page shows depends only on its query string, whether the reader is a member, the
language and the versions of the Hub's content, vocabulary and index, so its rendered
content is kept in the cache under those (``reconnect.hub.fragments``): a repeated search
costs the versions' read and a cache read, not the search and its templates.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reconnect.core.htmx import is_htmx
from reconnect.hub.analysis import facets
from reconnect.hub.fragments import cached_fragment, fragment_key
from reconnect.hub.search import state
from reconnect.hub.search.engine import hub_search
from reconnect.hub.selectors import can_see_members_only

TEMPLATE = "hub/search.html"
CONTENT_TEMPLATE = "hub/includes/search_content.html"
# Shorter than a theme page's: any query string makes a key, so odd and one-off searches
# should leave the cache soon; the popular ones are asked for again well within it.
CACHE_SECONDS = 10 * 60


@dataclass(frozen=True)
class RenderedSearch:
    """A search page's content as HTML (htmx: the results fragment alone, no title)."""

    title: SafeString
    body: SafeString


def search(request: HttpRequest) -> HttpResponse:
    htmx = is_htmx(request)
    members = can_see_members_only(request.user)
    # Read before searching: content changed meanwhile is then kept under an older key.
    versions = state.versions()
    key = fragment_key(
        "search",
        *versions,
        members,
        get_language(),
        request.get_host(),
        htmx,
        # The whole query string, not only the fields searched: the pagination and
        # "did you mean" links carry every parameter along.
        sorted(request.GET.lists()),
    )
    page = cached_fragment(key, lambda: _render(request, versions, htmx=htmx), CACHE_SECONDS)
    if htmx:
        return HttpResponse(page.body)
    return render(request, TEMPLATE, {"page": page})


def _render(request: HttpRequest, versions: tuple[int, int, int], *, htmx: bool) -> RenderedSearch:
    result = hub_search(
        user=request.user,
        query=request.GET.get("q"),
        filters={name: request.GET.getlist(name) for name in facets.FACETS},
        sort=request.GET.get("sort"),
        page=request.GET.get("page", 1),
        correct=request.GET.get("exact") != "1",
        versions=versions,
    )
    context = {"search": result, "htmx": htmx, "sorts": _sort_choices(result.query.is_browse)}
    if htmx:
        return RenderedSearch(
            title=SafeString(""),
            body=render_to_string(f"{CONTENT_TEMPLATE}#results", context, request),
        )
    return RenderedSearch(
        title=render_to_string(f"{CONTENT_TEMPLATE}#title", context, request),
        body=render_to_string(CONTENT_TEMPLATE, context, request),
    )


def _sort_choices(browse: bool) -> list[tuple[str, str]]:
    choices = [
        (facets.SORT_RELEVANCE, _("Best match")),
        (facets.SORT_NEWEST, _("Newest")),
        (facets.SORT_IMPACT, _("Impact (interventions first)")),
    ]
    return choices[1:] if browse else choices
