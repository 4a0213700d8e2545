"""The Knowledge Hub's search page: one box across every kind of Hub item.

Open to visitors (public items) and members (every item). A plain GET form, so it works
without JavaScript; with htmx, changing a filter or the sort fetches only the results
fragment, and the facet counts are swapped in place so focus stays on the checkbox.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reconnect.core.htmx import is_htmx
from reconnect.hub.analysis import facets
from reconnect.hub.search.engine import hub_search

TEMPLATE = "hub/search.html"


def search(request: HttpRequest) -> HttpResponse:
    result = hub_search(
        user=request.user,
        query=request.GET.get("q"),
        filters={name: request.GET.getlist(name) for name in facets.FACETS},
        sort=request.GET.get("sort"),
        page=request.GET.get("page", 1),
        correct=request.GET.get("exact") != "1",
    )
    htmx = is_htmx(request)
    return render(
        request,
        f"{TEMPLATE}#results" if htmx else TEMPLATE,
        {"search": result, "htmx": htmx, "sorts": _sort_choices(result.query.is_browse)},
    )


def _sort_choices(browse: bool) -> list[tuple[str, str]]:
    choices = [
        (facets.SORT_RELEVANCE, _("Best match")),
        (facets.SORT_NEWEST, _("Newest")),
        (facets.SORT_IMPACT, _("Impact (interventions first)")),
    ]
    return choices[1:] if browse else choices
