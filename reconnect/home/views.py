from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    """Visitors see what the network is and how to join; members see their dashboard."""
    if not request.user.is_authenticated:
        return render(request, "home/public.html")
    return render(request, "home/dashboard.html")
