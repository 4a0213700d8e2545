"""Access-matrix rows: see access_expectations.py.

Theme pages, the explorer and compare are open to visitors. Hub pages served by Wagtail's
catch-all: a public intervention is open to all; a members-only case study is a 404 to
visitors (it does not exist for them) and a 200 to every member.
"""

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import CaseStudyPageFactory, InterventionPageFactory
from tests.access import Case, World, everyone, members_only


def _public_intervention_path(world: World) -> tuple[str]:
    page = InterventionPageFactory(slug="matrix-intervention")
    return (page.url.lstrip("/"),)


def _members_only_case_study_path(world: World) -> tuple[str]:
    page = CaseStudyPageFactory(slug="matrix-case-study", visibility=Visibility.MEMBERS)
    return (page.url.lstrip("/"),)


def _members_only_compare(world: World) -> dict[str, list[int]]:
    """A public intervention beside a members-only one: visitors cannot see the pair."""
    public = InterventionPageFactory()
    return {"id": [public.pk, InterventionPageFactory(visibility=Visibility.MEMBERS).pk]}


CASES: list[Case] = [
    Case("hub:theme-list", expect=everyone(200)),
    Case("hub:theme-detail", kwargs={"slug": "attendance"}, expect=everyone(200)),
    Case(
        "hub:theme-detail", kwargs={"slug": "no-such-theme"}, label="unknown", expect=everyone(404)
    ),
    Case("hub:intervention-explorer", expect=everyone(200)),
    Case(
        "hub:intervention-explorer",
        label="filtered",
        query="theme=send&phase=primary&phase=secondary&min_evidence=2&max_cost=3&sort=cost",
        expect=everyone(200),
    ),
    Case("hub:intervention-compare", expect=everyone(200), note="Asks the reader to choose"),
    Case(
        "hub:intervention-compare",
        label="members-only",
        data=_members_only_compare,
        expect=members_only(200, anonymous=404),
        note="A members-only intervention does not exist for visitors",
    ),
    Case(
        "hub:intervention-compare",
        label="too-many",
        query="id=1&id=2&id=3&id=4",
        expect=everyone(400),
    ),
    Case(
        "wagtail_serve",
        label="hub-public-intervention",
        args=_public_intervention_path,
        expect=everyone(200),
    ),
    Case(
        "wagtail_serve",
        label="hub-members-only-case-study",
        args=_members_only_case_study_path,
        expect=members_only(200, anonymous=404),
    ),
]
