"""Pages for personal access tokens: list mine, make one (its text shown once), revoke one.

Each person manages only their own tokens: another person's token is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from reconnect.accounts import selectors, services
from reconnect.accounts.api_auth import per_minute_limit
from reconnect.accounts.forms import ApiTokenForm
from reconnect.accounts.models import ApiToken
from reconnect.core.exceptions import ApplicationError


@login_required
@require_GET
def api_token_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/api_token_list.html",
        {
            "tokens": list(selectors.api_tokens_of(request.user)),
            "can_make": selectors.api_token_schools(request.user).exists(),
        },
    )


# The page that shows a new token's text must never be kept by a browser or a proxy.
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = data.get("submission_key")
        if key is not None and not _first_sending(request, str(key)):
            messages.info(
                request,
                _(
                    "That token was made already, and its text shown once. If you did not "
                    "copy it, revoke it and make another."
                ),
            )
            return redirect("accounts:api-token-list")
        try:
            token, text = services.api_token_create(
                user=request.user,
                school=data["school"],
                name=data["name"],
                scope=data["scope"],
                days=data["days"],
                request=request,
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            # Rendered, not redirected: the text exists in this response and nowhere else.
            return render(
                request, "accounts/api_token_created.html", {"token": token, "text": text}
            )
    has_schools = bool(form.fields["school"].queryset.exists())  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/api_token_form.html",
        {"form": form, "has_schools": has_schools, "per_minute": per_minute_limit()},
    )


# How long a sent form is remembered: far longer than anyone keeps a tab to reload.
SUBMISSION_MEMORY = 24 * 60 * 60


def _first_sending(request: HttpRequest, key: str) -> bool:
    """True the first time this member sends the form with ``key``. The text of a new
    token is shown once, in the response, and never stored; so a form sent again is
    turned away here rather than making a second token the member did not ask for."""
    return bool(cache.add(f"api-token-form:{request.user.pk}:{key}", True, SUBMISSION_MEMORY))


def _my_token(request: HttpRequest, pk: int) -> ApiToken:
    token = selectors.api_token_of(request.user, pk)
    if token is None:
        raise Http404
    return token


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _my_token(request, pk)
    if request.method == "POST":
        services.api_token_revoke(token=token, by=request.user, request=request)
        messages.success(
            request,
            _("The token “%(name)s” was revoked. It no longer works.") % {"name": token.name},
        )
        return redirect("accounts:api-token-list")
    return render(request, "accounts/api_token_revoke.html", {"token": token})
