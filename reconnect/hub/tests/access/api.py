"""Access-matrix rows: see access_expectations.py.

The Hub's read API is public for public items: no persona needs to sign in. A members-only
intervention answers 404 to visitors, exactly as an unknown id does, and 200 to members.
"""

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import InterventionPageFactory
from tests.access import Case, World, everyone, members_only


def _public_intervention(world: World) -> dict[str, int]:
    return {"intervention_id": InterventionPageFactory().pk}


def _members_only_intervention(world: World) -> dict[str, int]:
    return {"intervention_id": InterventionPageFactory(visibility=Visibility.MEMBERS).pk}


CASES: list[Case] = [
    # H1's search router, mounted by reconnect.hub.api: public, like the search page.
    Case("api-v1:hub-search", query="q=attendance", expect=everyone(200)),
    Case("api-v1:hub-theme-list", expect=everyone(200)),
    Case("api-v1:hub-intervention-list", expect=everyone(200)),
    Case("api-v1:hub-intervention-detail", kwargs=_public_intervention, expect=everyone(200)),
    Case(
        "api-v1:hub-intervention-detail",
        kwargs=_members_only_intervention,
        label="members-only",
        expect=members_only(200, anonymous=404),
    ),
    Case(
        "api-v1:hub-intervention-detail",
        kwargs={"intervention_id": 999_999},
        label="unknown",
        expect=everyone(404),
    ),
]
