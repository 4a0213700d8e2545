from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reconnect.home import selectors


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Visitors see what the network is and how to join; members see their dashboard."""
    if not request.user.is_authenticated:
        return render(request, "home/public.html")
    dashboard = selectors.dashboard(user=request.user)
    return render(request, "home/dashboard.html", {"dashboard": dashboard})
