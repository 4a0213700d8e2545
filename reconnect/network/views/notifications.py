"""The member's notifications: the list, opening one, marking all read, the e-mail settings,
and the one-click unsubscribe every Network e-mail links to.

A notification belongs to its member alone: another member's id is a 404, as if it did not
exist. Opening one marks it read and goes where it leads, only ever to a path inside
Reconnect (a notification's ``url`` that is not one leads to the list instead: never an
open redirect). The unsubscribe page needs no sign-in: its signed token says who and what;
its POST is exempt from CSRF because mail clients post to it directly (RFC 8058), and all
it can do is turn one kind of e-mail off.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.network import emails
from reconnect.network.forms.notifications import NotificationSettingsForm
from reconnect.network.models import NotificationKind
from reconnect.network.selectors import notifications as selectors
from reconnect.network.services import notifications as services

PAGE_SIZE = 25
MAX_ID = 2**31 - 1


@login_required
@require_http_methods(["GET"])
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "network/notifications/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read, then go where it leads. GET too: e-mails link here."""
    if pk > MAX_ID:  # past the column's range: not a notification, not a database error
        raise Http404
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
    target = services.notification_open(user=request.user, notification=notification)
    if target is None:
        messages.warning(
            request, _("That notification’s link does not lead anywhere in Reconnect.")
        )
        return redirect("network:notification-list")
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("network:notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            services.notification_preferences_save(
                user=request.user,
                choices=form.choices(),
                frequency=form.cleaned_data["frequency"],
            )
            messages.success(request, _("Your notification settings are saved."))
            return redirect("network:notification-settings")
    else:
        form = NotificationSettingsForm(
            initial=NotificationSettingsForm.initial_from(
                selectors.email_preferences(request.user),
                selectors.digest_frequency(request.user),
            )
        )
    return render(
        request,
        "network/notifications/settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = emails.read_unsubscribe_token(token)
    user = None
    if found is not None:
        user = get_user_model().objects.filter(pk=found[0]).first()
    if found is None or user is None:
        return render(
            request,
            "network/notifications/unsubscribe_invalid.html",
            {"settings_url": reverse("network:notification-settings")},
            status=400,
        )
    scope = found[1]
    context = {
        "scope": scope,
        "is_digest": scope == emails.DIGEST_SCOPE,
        "kind_label": None if scope == emails.DIGEST_SCOPE else NotificationKind(scope).label,
        "email": user.email,
        "token": token,
        "settings_url": reverse("network:notification-settings"),
    }
    if request.method == "POST":
        services.notification_unsubscribe(user_id=user.pk, scope=scope)
        return render(request, "network/notifications/unsubscribe_done.html", context)
    return render(request, "network/notifications/unsubscribe.html", context)


URLS: list[URLPattern] = [
    path("network/notifications/", notification_list, name="notification-list"),
    path("network/notifications/<int:pk>/open/", notification_open, name="notification-open"),
    path("network/notifications/read-all/", notification_read_all, name="notification-read-all"),
    path("network/notifications/settings/", notification_settings, name="notification-settings"),
    path("network/unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
