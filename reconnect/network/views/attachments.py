"""Downloading a file attached to a post: ``network/attachments/<id>/``.

The file is served only to someone who may read the post's thread and see the post itself
(a held or hidden post's files are its author's and moderators' only); everyone else gets
404, so no one learns a group's file exists. It is always a download
(``Content-Disposition: attachment``), never sniffed, and sandboxed by its own Content
Security Policy, so even a browser that opened it could run nothing on our origin.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from reconnect.core.private_files import private_file_response
from reconnect.network.models import Attachment
from reconnect.network.rules.discussions import can_read_thread, can_see_post
from reconnect.network.storage import ATTACHMENTS


@login_required
@require_http_methods(["GET"])
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment.objects.select_related("post__thread__group").filter(post__isnull=False),
        pk=attachment_id,
    )
    post = attachment.post
    if (
        post is None
        or not can_read_thread(request.user, post.thread)
        or not can_see_post(request.user, post)
    ):
        raise Http404
    try:
        # At most 10 MB: read whole, so no open file outlives the response.
        data = ATTACHMENTS.path(attachment.stored_as).read_bytes()
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return private_file_response(
        data, filename=attachment.filename, content_type=attachment.content_type
    )


URLS: list[URLPattern] = [
    path(
        "network/attachments/<int:attachment_id>/",
        attachment_download,
        name="attachment",
    )
]
