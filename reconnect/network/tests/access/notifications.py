"""Access-matrix rows of the Headteacher Network's notifications: see tests/access.py.

A notification is its member's alone: school A's lead opens theirs, everyone else gets a
404 as if it did not exist. The unsubscribe page needs no sign-in: its signed token is the
key, and a token that is not one of ours answers 400 to everyone.
"""

from reconnect.network.emails import unsubscribe_token
from reconnect.network.models import NotificationKind
from reconnect.network.tests.factories import NotificationFactory
from tests.access import Case, World, everyone, members_only

OWNER_ONLY_REDIRECT = members_only(404, lead_a=302)
API = members_only(200, anonymous=401)
API_OWNER_ONLY = members_only(404, anonymous=401, lead_a=200)
SETTINGS = {"frequency": "daily", **{f"kind_{kind}": "never" for kind in NotificationKind.values}}


def _lead_a_notification(world: World) -> dict[str, int]:
    return {"pk": NotificationFactory.create(user=world.lead_a, url="/network/").pk}


def _lead_a_notification_id(world: World) -> dict[str, int]:
    return {"notification_id": _lead_a_notification(world)["pk"]}


def _token(world: World) -> dict[str, str]:
    return {"token": unsubscribe_token(world.lead_a.pk, NotificationKind.REPLY)}


CASES: list[Case] = [
    Case("network:notification-list", expect=members_only(200)),
    Case(
        "network:notification-open",
        kwargs=_lead_a_notification,
        expect=OWNER_ONLY_REDIRECT,
        note="Only its member opens a notification; it then leads to its page",
    ),
    Case(
        "network:notification-open",
        kwargs=_lead_a_notification,
        method="post",
        expect=OWNER_ONLY_REDIRECT,
    ),
    Case("network:notification-read-all", expect=members_only(405)),
    Case("network:notification-read-all", method="post", expect=members_only(302)),
    Case("network:notification-settings", expect=members_only(200)),
    Case(
        "network:notification-settings",
        method="post",
        data=SETTINGS,
        expect=members_only(302),
    ),
    Case("network:unsubscribe", kwargs=_token, expect=everyone(200), login_required=False),
    Case(
        "network:unsubscribe",
        kwargs=_token,
        method="post",
        expect=everyone(200),
        login_required=False,
        note="One-click unsubscribe (RFC 8058): the token is the key, no sign-in or CSRF",
    ),
    Case(
        "network:unsubscribe",
        kwargs={"token": "not-a-token"},
        label="tampered",
        expect=everyone(400),
        login_required=False,
    ),
    Case("api-v1:network-notification-list", expect=API, note="Each member sees their own"),
    Case("api-v1:network-notification-unread", expect=API),
    Case(
        "api-v1:network-notification-read",
        kwargs=_lead_a_notification_id,
        method="post",
        expect=API_OWNER_ONLY,
    ),
    Case(
        "api-v1:network-notification-read-all",
        method="post",
        expect=API,
        note="Marks the caller's own only",
    ),
]
