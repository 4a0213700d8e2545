"""A learning trio's private workspace: overview, shared plan, meeting notes, discussion
and files, under ``lab/trios/<trio_id>/``.

Who may do what is in ``reconnect.lab.rules``: members of the trio's schools (any role) and
coordinators open and write in it; everyone else gets 404, so no other school learns the
trio exists. Every view fetches the trio scoped to the user first (404), then what it acts
on within the trio (404), then checks the permission to change it (403), then the form, the
service, the page. Every form works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from reconnect.core.exceptions import ApplicationError
from reconnect.core.private_files import private_file_response
from reconnect.lab import rules, storage
from reconnect.lab.forms.workspace import FileForm, MeetingForm, PlanForm, PostForm
from reconnect.lab.models import Trio, TrioNote
from reconnect.lab.selectors import workspace as selectors
from reconnect.lab.services import workspace as services

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 64 * 1024


def _url(name: str, trio: Trio, fragment: str = "") -> str:
    url = reverse(f"lab:{name}", kwargs={"trio_id": trio.pk})
    return f"{url}#{fragment}" if fragment else url


def _add_error(form: Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _page(
    request: HttpRequest,
    trio: Trio,
    template: str,
    section: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    forms = [value for value in context.values() if isinstance(value, Form)]
    return render(
        request,
        f"lab/workspace/{template}",
        {
            "trio": trio,
            "schools": [member.school for member in trio.members.all()],
            "section": section,
            "has_errors": any(form.errors for form in forms),
            "is_coordinator": rules.is_lab_coordinator(request.user),
            **context,
        },
        status=status,
    )


# --- Overview ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def trio_workspace(request: HttpRequest, trio_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    overview = selectors.overview(request.user, trio)
    return _page(request, trio, "overview.html", "overview", {"overview": overview})


# --- The shared plan -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def trio_plan(request: HttpRequest, trio_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    plan = selectors.plan_of(trio)
    stale = False
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.plan_save(
                    trio=trio,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    version=form.cleaned_data["version"],
                    request=request,
                )
            except services.StalePlanError as error:
                # Keep the writer's text; offer the version they now have seen.
                stale = True
                plan = selectors.plan_of(trio)
                data = request.POST.copy()
                data["version"] = services.plan_version(plan)
                form = PlanForm(data)
                form.is_valid()
                _add_error(form, error)
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Shared plan saved."))
                return redirect(_url("trio-plan", trio))
    else:
        form = PlanForm(
            initial={"body": plan.body if plan else "", "version": services.plan_version(plan)}
        )
    return _page(request, trio, "plan.html", "plan", {"plan": plan, "form": form, "stale": stale})


# --- Meeting notes -------------------------------------------------------------------------


def _meeting_text(form: MeetingForm) -> services.MeetingText:
    return services.MeetingText(
        met_on=form.cleaned_data["met_on"],
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def trio_meetings(request: HttpRequest, trio_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.meeting_add(
                trio=trio, user=request.user, text=_meeting_text(form), request=request
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Meeting notes added."))
            return redirect(_url("trio-meetings", trio, f"note-{note.pk}"))
    meetings = selectors.meetings_of(trio)
    return _page(request, trio, "meetings.html", "meetings", {"meetings": meetings, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def trio_meeting_edit(request: HttpRequest, trio_id: int, note_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    note = selectors.meeting_of(trio, note_id)
    if not rules.can_edit_trio_note(request.user, note):
        raise PermissionDenied
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_update(
                    note=note, user=request.user, text=_meeting_text(form), request=request
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Meeting notes saved."))
                return redirect(_url("trio-meetings", trio, f"note-{note.pk}"))
    else:
        form = MeetingForm(initial={"met_on": note.met_on, "title": note.title, "body": note.body})
    return _page(request, trio, "meeting_edit.html", "meetings", {"note": note, "form": form})


# --- The discussion ------------------------------------------------------------------------


def _thread_rows(user: Any, threads: list[TrioNote]) -> list[dict[str, Any]]:
    """Each thread with what the reader may do to it and its replies (no queries)."""
    coordinator = rules.is_lab_coordinator(user)
    rows = []
    for post in threads:
        replies = list(post.replies.all())
        others = any(reply.author_id != post.author_id for reply in replies)
        rows.append(
            {
                "post": post,
                "may_edit": rules.can_edit_trio_note(user, post),
                "may_delete": rules.can_delete_trio_post(user, post, others_replied=others),
                "replies": [
                    {
                        "post": reply,
                        "may_edit": rules.can_edit_trio_note(user, reply),
                        "may_delete": coordinator or rules.can_edit_trio_note(user, reply),
                    }
                    for reply in replies
                ],
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def trio_discussion(request: HttpRequest, trio_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    form = PostForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_add(
                trio=trio,
                user=request.user,
                body=form.cleaned_data["body"],
                reply_to_id=form.cleaned_data["reply_to"],
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Reply posted.") if post.reply_to_id else _("Posted."))
            return redirect(_url("trio-discussion", trio, f"post-{post.pk}"))
    threads = _thread_rows(request.user, selectors.threads_of(trio))
    reply_to = form["reply_to"].value() if form.is_bound else None
    return _page(
        request,
        trio,
        "discussion.html",
        "discussion",
        {"threads": threads, "form": form, "failed_reply_to": str(reply_to or "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def trio_post_edit(request: HttpRequest, trio_id: int, note_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    post = selectors.post_of(trio, note_id)
    if not rules.can_edit_trio_note(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        form = PostForm(request.POST)
        if form.is_valid():
            try:
                services.post_update(
                    post=post, user=request.user, body=form.cleaned_data["body"], request=request
                )
            except ApplicationError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("Post saved."))
                return redirect(_url("trio-discussion", trio, f"post-{post.pk}"))
    else:
        form = PostForm(initial={"body": post.body})
    return _page(request, trio, "post_edit.html", "discussion", {"post": post, "form": form})


@login_required
@require_POST
def trio_post_delete(request: HttpRequest, trio_id: int, note_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    post = selectors.post_of(trio, note_id)
    others = post.reply_to_id is None and selectors.others_replied(post)
    if not rules.can_delete_trio_post(request.user, post, others_replied=others):
        raise PermissionDenied
    services.post_delete(post=post, user=request.user, request=request)
    messages.success(request, _("Post deleted."))
    return redirect(_url("trio-discussion", trio))


# --- Files ---------------------------------------------------------------------------------


def _files_page(
    request: HttpRequest, trio: Trio, form: FileForm, *, status: int = 200
) -> HttpResponse:
    files = [
        {"file": found, "may_delete": rules.can_delete_trio_file(request.user, found)}
        for found in selectors.files_of(trio)
    ]
    return _page(
        request, trio, "files.html", "files", {"files": files, "form": form}, status=status
    )


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_required
@never_cache
@csrf_exempt  # checked by _file_upload once the body is known not to be oversized
@require_http_methods(["GET", "POST"])
def trio_files(request: HttpRequest, trio_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    if request.method == "POST":
        # Refused before the body is read: Django itself sets no limit on file size.
        if _declared_length(request) > services.MAX_FILE_BYTES + FORM_OVERHEAD:
            form = FileForm({}, MultiValueDict())
            form.is_valid()
            form.errors["file"] = form.error_class([services.too_large()])
            return _files_page(request, trio, form, status=413)
        return _file_upload(request, trio)
    return _files_page(request, trio, FileForm())


@csrf_protect
def _file_upload(request: HttpRequest, trio: Trio) -> HttpResponse:
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_FILE_BYTES:
            form.add_error("file", services.too_large())
            return _files_page(request, trio, form)
        try:
            services.file_upload(
                trio=trio,
                user=request.user,
                filename=upload.name or "",
                data=upload.read(),
                request=request,
            )
        except ApplicationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("File shared with the trio."))
            return redirect(_url("trio-files", trio))
    return _files_page(request, trio, form)


@login_required
@require_http_methods(["GET"])
def trio_file_download(request: HttpRequest, trio_id: int, file_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    trio_file = selectors.file_of(trio, file_id)
    try:
        # At most 10 MB: read whole, so no open file outlives the response.
        data = storage.lab_file_path(trio_file.stored_as).read_bytes()
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return private_file_response(data, filename=trio_file.name, content_type=trio_file.content_type)


@login_required
@require_POST
def trio_file_delete(request: HttpRequest, trio_id: int, file_id: int) -> HttpResponse:
    trio = selectors.trio_for(request.user, trio_id)
    trio_file = selectors.file_of(trio, file_id)
    if not rules.can_delete_trio_file(request.user, trio_file):
        raise PermissionDenied
    services.file_delete(trio_file=trio_file, user=request.user, request=request)
    messages.success(request, _("File deleted: %(name)s") % {"name": trio_file.name})
    return redirect(_url("trio-files", trio))


TRIO = "lab/trios/<int:trio_id>/"

URLS: list[URLPattern] = [
    path(TRIO, trio_workspace, name="trio-workspace"),
    path(f"{TRIO}plan/", trio_plan, name="trio-plan"),
    path(f"{TRIO}meetings/", trio_meetings, name="trio-meetings"),
    path(f"{TRIO}meetings/<int:note_id>/edit/", trio_meeting_edit, name="trio-meeting-edit"),
    path(f"{TRIO}discussion/", trio_discussion, name="trio-discussion"),
    path(f"{TRIO}discussion/<int:note_id>/edit/", trio_post_edit, name="trio-post-edit"),
    path(f"{TRIO}discussion/<int:note_id>/delete/", trio_post_delete, name="trio-post-delete"),
    path(f"{TRIO}files/", trio_files, name="trio-files"),
    path(f"{TRIO}files/<int:file_id>/", trio_file_download, name="trio-file-download"),
    path(f"{TRIO}files/<int:file_id>/delete/", trio_file_delete, name="trio-file-delete"),
]
