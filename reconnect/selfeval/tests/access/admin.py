"""Access-matrix rows for the "Self-evaluation" menu in Wagtail's admin.

Only coordinators and the administrator get in (everyone else is sent to sign in by
Wagtail's gate, or back to the admin home by the permission policy). A published version
opens read-only: its edit and delete URLs send even a coordinator to its inspect page.
"""

from typing import Any

from tests.access import Case, World, members_only

COORDINATORS_AND_ADMIN = members_only(302, coordinator=200, admin=200)
# Refused for everyone: a published version never changes.
REFUSED = members_only(302)


def _published(world: World) -> Any:
    from reconnect.selfeval.tests.factories import published_framework

    return published_framework()


def _draft(world: World) -> Any:
    from reconnect.selfeval.tests.factories import published_framework

    return published_framework(status="draft")


def _published_version(world: World) -> dict[str, int]:
    return {"pk": _published(world).pk}


def _draft_version(world: World) -> dict[str, int]:
    return {"pk": _draft(world).pk}


def _published_domain(world: World) -> dict[str, int]:
    return {"pk": _published(world).domains.order_by("sort_order").first().pk}


def _draft_domain(world: World) -> dict[str, int]:
    return {"pk": _draft(world).domains.order_by("sort_order").first().pk}


CASES = [
    Case("selfeval_frameworks:index", expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_frameworks:add", expect=COORDINATORS_AND_ADMIN),
    Case(
        "selfeval_frameworks:edit",
        kwargs=lambda world: {"pk": _published(world).framework_id},
        expect=COORDINATORS_AND_ADMIN,
    ),
    Case(
        "selfeval_frameworks:delete",
        kwargs=lambda world: {"pk": _published(world).framework_id},
        expect=REFUSED,
        note="Nobody deletes a framework: its versions hold schools' reviews",
    ),
    Case("selfeval_versions:index", expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_versions:add", expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_versions:inspect", kwargs=_published_version, expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_versions:edit", kwargs=_draft_version, expect=COORDINATORS_AND_ADMIN),
    Case(
        "selfeval_versions:edit",
        kwargs=_published_version,
        label="published",
        expect=REFUSED,
        note="A published version is read-only: its inspect page instead",
    ),
    Case(
        "selfeval_versions:edit",
        kwargs=_published_version,
        label="published",
        method="post",
        data={"introduction": "Changed"},
        expect=REFUSED,
    ),
    Case("selfeval_versions:delete", kwargs=_draft_version, expect=COORDINATORS_AND_ADMIN),
    Case(
        "selfeval_versions:delete",
        kwargs=_published_version,
        label="published",
        expect=REFUSED,
    ),
    Case("selfeval_versions:publish", kwargs=_draft_version, expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_versions:new_draft", kwargs=_published_version, expect=COORDINATORS_AND_ADMIN),
    Case("selfeval_domains:index", expect=COORDINATORS_AND_ADMIN),
    Case(
        "selfeval_domains:add",
        expect=REFUSED,
        note="Domains are added on their version's page",
    ),
    Case("selfeval_domains:edit", kwargs=_draft_domain, expect=COORDINATORS_AND_ADMIN),
    Case(
        "selfeval_domains:edit",
        kwargs=_published_domain,
        label="published",
        expect=REFUSED,
    ),
    Case("selfeval_domains:inspect", kwargs=_published_domain, expect=COORDINATORS_AND_ADMIN),
]
