"""Vulnerability spectrum views: the network aggregate (see the brief's URL table).

For system leaders (their trust's or borough's schools) and coordinators and
administrators (the network by borough and by trust). Suppressed counts and rates only,
never a pupil row; every other member gets a 403 (the page exists for everyone, it is the
role that is missing), visitors are sent to sign in. Every view is audited as
``spectrum.network.viewed``; the query string holds only a scope, a breakdown and a
factor key.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_safe

from reconnect.core.audit import audit_record
from reconnect.spectrum.analysis.catalogue import FACTORS
from reconnect.spectrum.selectors import network as selectors


@login_required
@require_safe
def network_aggregate(request: HttpRequest) -> HttpResponse:
    view = selectors.network_aggregate(
        user=request.user,
        scope_key=request.GET.get("scope", "")[:40],
        by=request.GET.get("by", "")[:20],
        factor_key=request.GET.get("factor", "")[:40],
    )
    if view is None:
        raise PermissionDenied
    audit_record(
        "spectrum.network.viewed",
        request=request,
        detail=view.audit_detail,
    )
    return render(
        request,
        "spectrum/network.html",
        {
            "view": view,
            "factors": FACTORS,
            "bands": selectors.BANDS,
        },
    )


URLS: list[URLPattern] = [
    path("pupil-data/network/", network_aggregate, name="network"),
]
