"""The member's own notifications in the JSON API (``/api/v1/network/notifications``).

The same selectors and services as the pages: a member lists and marks read only their own
notifications; another member's id answers 404, exactly as an unknown one. Each item says
what happened in one line and where it leads (a path inside Reconnect), never the content.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, P, PathEx, Router, Schema
from ninja.pagination import paginate

from reconnect.core.api_schema import INVALID, NOT_FOUND, BoundedPagination
from reconnect.network.models import Notification
from reconnect.network.selectors import notifications as selectors
from reconnect.network.services import notifications as services

router = Router(tags=["network"])

MAX_ID = 2**31 - 1
MAX_PAGE_SIZE = 100
NotificationId = PathEx[int, P(ge=1, le=MAX_ID)]


class NotificationOut(Schema):
    id: int
    kind: str = Field(
        description="mention, reply, watched, accepted, message, event, board, group or moderation"
    )
    text: str = Field(description="What happened, in one line")
    url: str = Field(description="Where it leads: a path inside Reconnect")
    created_at: datetime.datetime
    read_at: datetime.datetime | None = None
    is_read: bool

    @staticmethod
    def resolve_is_read(notification: Notification) -> bool:
        return notification.read_at is not None


class UnreadOut(Schema):
    unread: int = Field(description="Your unread notifications, counted up to 100")
    label: str = Field(description='The count as the bell shows it ("99+" from 99 up)')


class MarkedOut(Schema):
    marked: int = Field(description="How many notifications were marked read")


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **INVALID},
    url_name="network-notification-list",
    operation_id="network_notification_list",
    summary="Your notifications, newest first",
)
@paginate(BoundedPagination, page_size=25, max_page_size=MAX_PAGE_SIZE)
def notification_list(request: HttpRequest) -> Any:
    return selectors.notifications_of(request.user)


@router.get(
    "/notifications/unread",
    response=UnreadOut,
    url_name="network-notification-unread",
    operation_id="network_notification_unread",
    summary="How many of your notifications are unread",
)
def notification_unread(request: HttpRequest) -> Any:
    count = selectors.unread_count(request.user)
    return {"unread": count, "label": selectors.bell_label(count)}


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **NOT_FOUND, **INVALID},
    url_name="network-notification-read",
    operation_id="network_notification_read",
    summary="Mark one of your notifications read",
)
def notification_read(request: HttpRequest, notification_id: NotificationId) -> Any:
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=notification_id)
    services.notification_open(user=request.user, notification=notification)
    return notification


@router.post(
    "/notifications/read-all",
    response=MarkedOut,
    url_name="network-notification-read-all",
    operation_id="network_notification_read_all",
    summary="Mark all your notifications read",
)
def notification_read_all(request: HttpRequest) -> Any:
    return {"marked": services.notifications_mark_all_read(user=request.user)}
