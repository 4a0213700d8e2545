"""The network view: which domains schools across the network rate weakest.

For coordinators, administrators and system leaders (``rules.can_see_network_view``);
every other member gets a 403. Aggregates only, each suppressed under five schools; the
one place a named school appears is the list of reports schools chose to share with this
user.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reconnect.selfeval import rules
from reconnect.selfeval.selectors import network as selectors

SHARED_PAGE_SIZE = 25


@login_required
@require_safe
def network_view(request: HttpRequest) -> HttpResponse:
    if not rules.can_see_network_view(request.user):
        raise PermissionDenied
    code = request.GET.get("domain", "")[:40]
    view = selectors.network_view(user=request.user, domain_code=code)
    shared = Paginator(selectors.shared_reports(request.user), SHARED_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "selfeval/network.html",
        {
            "view": view,
            "shared": shared,
            "shared_query": f"domain={view.chosen.code}" if view.chosen else "",
        },
    )
