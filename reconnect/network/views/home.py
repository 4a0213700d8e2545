"""The Headteacher Network's front page, ``network/``: the categories with their counts and
what this member has not read, the latest threads they may read, and the other areas."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors.unread import unread_by_category


@login_required
def home(request: HttpRequest) -> HttpResponse:
    unread = unread_by_category(request.user)
    categories = selectors.categories_with_counts()
    for category in categories:
        category.unread = unread.get(category.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "network/home.html",
        {
            "categories": categories,
            "latest": selectors.latest_threads(request.user),
            "unread_total": sum(unread.values()),
        },
    )


URLS: list[URLPattern] = [path("network/", home, name="home")]
