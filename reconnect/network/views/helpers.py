"""Who can help me?, under ``network/helpers/``: from a theme, the schools with experience of
it (ranked by ``selectors.helpers``) and who there is open to contact, and a form to write
to them.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reconnect.core.exceptions import ApplicationError
from reconnect.core.ratelimit import rate_limit_wait
from reconnect.hub.models import Theme
from reconnect.network.forms.board import ContactForm
from reconnect.network.rules.board import can_post_on_board
from reconnect.network.selectors import helpers as selectors
from reconnect.network.services import board as services
from reconnect.schools.models import School

PAGE_SIZE = 10
CONTACTS_PER_MINUTE = 10


def _helpers_url(theme: Theme | None) -> str:
    url = reverse("network:helpers")
    return f"{url}?{urlencode({'theme': theme.slug})}" if theme is not None else url


@login_required
@require_http_methods(["GET"])
def helpers(request: HttpRequest) -> HttpResponse:
    themes = list(selectors.themes_for_picker())
    slug = request.GET.get("theme", "")
    theme = next((t for t in themes if t.slug == slug), None)
    if slug and theme is None:
        raise Http404
    context: dict[str, object] = {
        "themes": themes,
        "theme": theme,
        "can_post": can_post_on_board(request.user),
    }
    if theme is not None:
        school, ranked = selectors.helpers_ranked(user=request.user, theme=theme)
        page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            {
                "asker_school": school,
                "page_obj": page,
                "helpers": selectors.helper_schools(
                    list(page.object_list), exclude_user=request.user
                ),
                "members": selectors.members_without_school(user=request.user, theme=theme),
            }
        )
    return render(request, "network/helpers/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def helpers_contact(request: HttpRequest, school_id: int) -> HttpResponse:
    """Write to a school's members open to contact (404 when there is no one)."""
    school = get_object_or_404(School.objects.select_related("local_authority"), pk=school_id)
    if not school.is_open:
        raise Http404
    recipients = selectors.contacts_of(school.pk, exclude_user=request.user)
    if not recipients:
        raise Http404
    theme = Theme.objects.filter(slug=request.GET.get("theme", "")).first()
    form: Form
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            wait = rate_limit_wait(
                request, scope="network-helpers-contact", per_minute=CONTACTS_PER_MINUTE
            )
            if wait is not None:
                response = render(
                    request, "network/board/too_fast.html", {"wait": wait}, status=429
                )
                response["Retry-After"] = str(wait)
                return response
            data = form.cleaned_data
            try:
                conversation = services.school_contact(
                    author=request.user,
                    school=school,
                    subject=data["subject"],
                    body=data["body"],
                    submission_key=data["submission_key"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Your message is sent to %(school)s.") % {"school": school.name},
                )
                return redirect(
                    reverse("network:conversation", kwargs={"conversation_id": conversation.pk})
                )
    else:
        subject = (
            _("Your experience of %(theme)s") % {"theme": theme.name} if theme is not None else ""
        )
        form = ContactForm(initial={"subject": subject, "submission_key": uuid.uuid4().hex})
    return render(
        request,
        "network/helpers/contact.html",
        {
            "form": form,
            "school": school,
            "recipients": recipients,
            "theme": theme,
            "back_url": _helpers_url(theme),
        },
        status=400 if form.errors else 200,
    )


URLS: list[URLPattern] = [
    path("network/helpers/", helpers, name="helpers"),
    path("network/helpers/contact/<int:school_id>/", helpers_contact, name="helpers-contact"),
]
