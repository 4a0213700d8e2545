"""The Headteacher Network's groups, under ``network/groups/``: a member's groups, a
group's page (members, threads, files, events, conversations), a coordinator's new group,
its members, archiving, and its shared files.

Who may do what is in ``rules.groups``: a group's members and moderators open it; everyone
else gets 404, so no one learns a private group's content exists. Each view fetches the
group scoped to the user (404), then what it acts on within the group (404), then checks
the permission to change it (403), then the form, the service, the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.accounts.models import User
from reconnect.core.exceptions import ApplicationError
from reconnect.core.private_files import private_file_response
from reconnect.lab import rules as lab_rules
from reconnect.network.forms.groups import (
    GroupFileForm,
    GroupForm,
    MemberAddForm,
    MemberRemoveForm,
)
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import Group, GroupRole
from reconnect.network.rules import groups as rules
from reconnect.network.rules.base import is_moderator
from reconnect.network.selectors import groups as selectors
from reconnect.network.selectors.membership import is_group_member
from reconnect.network.services import groups as services

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 64 * 1024
MEMBERS_PER_PAGE = 50


def reverse_first(name: str, *candidates: dict[str, Any]) -> str:
    """The URL ``name`` takes with the first of ``candidates`` it accepts, or "" when the
    page is not there (another area's page, built alongside this one)."""
    for kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def _group_url(group: Group, name: str = "group", fragment: str = "") -> str:
    url = reverse(f"network:{name}", kwargs={"slug": group.slug})
    return f"{url}#{fragment}" if fragment else url


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- A member's groups ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def group_list(request: HttpRequest) -> HttpResponse:
    mine = list(selectors.groups_for_list(request.user))
    mine_ids = {group.pk for group in mine}
    others = [g for g in selectors.all_groups(request.user) if g.pk not in mine_ids]
    return render(
        request,
        "network/groups/list.html",
        {
            "groups": mine,
            "other_groups": others,
            "may_create": rules.can_create_group(request.user),
        },
    )


# --- A group's page ------------------------------------------------------------------------


def _group_page(
    request: HttpRequest,
    group: Group,
    *,
    file_form: GroupFileForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    owner_ids = rules.group_owner_ids(group)
    members = Paginator(selectors.members_of(group), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    threads = [
        {
            "thread": thread,
            "url": reverse_first("network:thread", {"thread_id": thread.pk}, {"pk": thread.pk}),
        }
        for thread in selectors.threads_of(group, user)
    ]
    events = [
        {
            "event": event,
            "url": reverse_first("network:event", {"event_id": event.pk}, {"pk": event.pk}),
        }
        for event in selectors.upcoming_events_of(group)
    ]
    may_post = rules.can_post_in_group(user, group)
    files = [
        {"file": found, "may_delete": rules.can_delete_group_file(user, found, group)}
        for found in selectors.files_of(group)
    ]
    trio_url = ""
    if group.trio is not None and lab_rules.can_open_trio(user, group.trio):
        trio_url = reverse("lab:trio-workspace", kwargs={"trio_id": group.trio_id})
    return render(
        request,
        "network/groups/detail.html",
        {
            "group": group,
            "owner_ids": owner_ids,
            "members": members,
            "threads": threads,
            "events": events,
            "files": files,
            "conversations": list(selectors.conversations_of(group, user)),
            "may_post": may_post,
            "may_change": rules.can_change_group(user, group),
            "may_archive": rules.can_archive_group(user, group),
            "may_message": rules.can_message_group(user, group),
            "is_moderating": is_moderator(user) and not is_group_member(user, group),
            "thread_new_url": reverse_first(
                "network:group-thread-new", {"slug": group.slug}, {"group_slug": group.slug}
            )
            if may_post
            else "",
            "event_new_url": reverse_first("network:group-event-new", {"slug": group.slug})
            if rules.can_change_group(user, group)
            else "",
            "trio_url": trio_url,
            "file_form": file_form or GroupFileForm(),
            "has_errors": bool(file_form is not None and file_form.errors),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    return _group_page(request, group)


@login_required
@require_http_methods(["GET"])
def trio_group(request: HttpRequest, trio_id: int) -> HttpResponse:
    """From a trio's workspace to its group, without the workspace looking the group up.
    A trio confirmed before groups existed gets its group now (``network_groups`` makes
    them all)."""
    trio = selectors.confirmed_trio_without_group(trio_id)
    if trio is not None and lab_rules.can_open_trio(request.user, trio):
        services.trio_group_ensure(trio)
    group = selectors.group_of_trio(request.user, trio_id)
    return redirect(_group_url(group))


# --- A coordinator's group -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_group(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Group created: now add its members."))
            return redirect(_group_url(group, "group-members"))
    return render(request, "network/groups/form.html", {"form": form, "group": None})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    if not rules.can_change_group(request.user, group):
        raise PermissionDenied
    initial = {"name": group.name, "description": group.description}
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                group=group,
                by=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Group saved."))
            return redirect(_group_url(group))
    return render(request, "network/groups/form.html", {"form": form, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    """Owners and moderators search for people and add or remove them; the GET search
    needs no JavaScript."""
    group = selectors.group_for(request.user, slug)
    if not rules.can_change_group(request.user, group):
        raise PermissionDenied
    add_form = MemberAddForm()
    remove_form = MemberRemoveForm()
    if request.method == "POST":
        if "remove" in request.POST:
            remove_form = MemberRemoveForm(request.POST)
            if remove_form.is_valid():
                return _member_remove(request, group, remove_form)
        else:
            add_form = MemberAddForm(request.POST)
            if add_form.is_valid():
                return _member_add(request, group, add_form)
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "network/groups/members.html",
        {
            "group": group,
            "query": query,
            "found": selectors.people_to_add(group, query),
            "explicit": selectors.explicit_members_of(group),
            "add_form": add_form,
            "remove_form": remove_form,
            "roles": GroupRole.choices,
            "has_errors": bool(add_form.errors or remove_form.errors),
        },
    )


def _member_add(request: HttpRequest, group: Group, form: MemberAddForm) -> HttpResponse:
    user = User.objects.filter(pk=form.cleaned_data["user"], is_active=True).first()
    if user is None:
        raise Http404
    try:
        services.group_member_add(
            group=group, user=user, by=request.user, role=form.cleaned_data["role"],
            request=request,
        )  # fmt: skip
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s added to the group.") % {"name": user.display_name})
    return redirect(_group_url(group, "group-members"))


def _member_remove(request: HttpRequest, group: Group, form: MemberRemoveForm) -> HttpResponse:
    user = User.objects.filter(pk=form.cleaned_data["remove"]).first()
    if user is None:
        raise Http404
    try:
        services.group_member_remove(group=group, user=user, by=request.user, request=request)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s removed from the group.") % {"name": user.display_name}
        )
    return redirect(_group_url(group, "group-members"))


@login_required
@require_POST
def group_archive(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    if not rules.can_archive_group(request.user, group):
        raise PermissionDenied
    services.group_archive(group=group, by=request.user, request=request)
    messages.success(request, _("Group archived: its members can still read it."))
    return redirect(_group_url(group))


# --- Files ---------------------------------------------------------------------------------


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
@never_cache
@csrf_exempt  # checked by _file_upload once the body is known not to be oversized
@require_POST
def group_files(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    if not rules.can_post_in_group(request.user, group):
        raise PermissionDenied
    # Refused before the body is read: Django itself sets no limit on file size.
    if _declared_length(request) > services.MAX_FILE_BYTES + FORM_OVERHEAD:
        form = GroupFileForm({}, MultiValueDict())
        form.is_valid()
        form.errors["file"] = form.error_class([services.file_too_large()])
        return _group_page(request, group, file_form=form, status=413)
    return _file_upload(request, group)


@csrf_protect
def _file_upload(request: HttpRequest, group: Group) -> HttpResponse:
    form = GroupFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_FILE_BYTES:
            form.add_error("file", services.file_too_large())
            return _group_page(request, group, file_form=form)
        try:
            services.group_file_upload(
                group=group,
                by=request.user,
                title=form.cleaned_data["title"],
                filename=upload.name or "",
                data=upload.read(),
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("File shared with the group."))
            return redirect(_group_url(group, fragment="files"))
    return _group_page(request, group, file_form=form)


@login_required
@require_http_methods(["GET"])
def group_file(request: HttpRequest, slug: str, file_id: int) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    found = selectors.file_of(group, file_id)
    try:
        data = GROUP_FILES.read(found.stored_as)
    except ValueError:
        data = None
    if data is None:
        raise Http404
    return private_file_response(data, filename=found.filename, content_type=found.content_type)


@login_required
@require_POST
def group_file_delete(request: HttpRequest, slug: str, file_id: int) -> HttpResponse:
    group = selectors.group_for(request.user, slug)
    found = selectors.file_of(group, file_id)
    if not rules.can_delete_group_file(request.user, found, group):
        raise PermissionDenied
    services.group_file_delete(group_file=found, by=request.user, request=request)
    messages.success(request, _("File deleted: %(title)s") % {"title": found.title})
    return redirect(_group_url(group, fragment="files"))


GROUP = "network/groups/<slug:slug>/"

URLS: list[URLPattern] = [
    path("network/groups/", group_list, name="group-list"),
    path("network/groups/new/", group_new, name="group-new"),
    path("network/groups/trio/<int:trio_id>/", trio_group, name="trio-group"),
    path(GROUP, group_detail, name="group"),
    path(f"{GROUP}edit/", group_edit, name="group-edit"),
    path(f"{GROUP}members/", group_members, name="group-members"),
    path(f"{GROUP}archive/", group_archive, name="group-archive"),
    path(f"{GROUP}files/", group_files, name="group-files"),
    path(f"{GROUP}files/<int:file_id>/", group_file, name="group-file"),
    path(f"{GROUP}files/<int:file_id>/delete/", group_file_delete, name="group-file-delete"),
]
