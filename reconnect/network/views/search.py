"""Searching the network's discussions: ``network/search/``.

Only what the reader may read is ever searched (``selectors.search``). With no words the
page explains how to search rather than listing everything; a search with no match says
what to try instead. Twenty threads a page; the same queries whatever the number of results.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from reconnect.hub.search.query import parse_query
from reconnect.network.forms.search import SearchForm
from reconnect.network.selectors import search as selectors

PAGE_SIZE = 20


@login_required
@require_http_methods(["GET"])
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    # An unknown category or kind in the address is dropped rather than refused.
    cleaned = form.cleaned_data if form.is_valid() else {}
    query = parse_query(cleaned.get("q") or request.GET.get("q", ""))
    filters = selectors.Filters(
        category=cleaned.get("category"),
        kind=cleaned.get("kind") or "",
        answered=cleaned.get("answered") or "",
    )
    page = None
    rows: list[dict[str, object]] = []
    if not query.is_browse:
        threads = selectors.search_threads(request.user, query.terms, filters)
        page = Paginator(threads, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = selectors.snippets(list(page.object_list), query.terms)
    return render(
        request,
        "network/search/results.html",
        {"form": form, "query": query, "page": page, "rows": rows},
    )


URLS: list[URLPattern] = [path("network/search/", search, name="search")]
