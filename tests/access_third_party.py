"""Matrix rows for URLs that belong to no app of ours: third-party includes and the root URLconf.

Wagtail's admin alone has about two hundred URL patterns, all behind one gate
(``wagtailadmin.access_admin``, checked by ``require_admin_access`` before any admin view
runs). Listing each would test Wagtail, not us; instead the prefixes below are covered by
representative Cases that prove the gate for each persona, and ``COVERED_PREFIXES``
says why each prefix may be left out of the per-pattern check. Any other pattern without a
Case fails ``test_every_url_pattern_has_a_case``.

Root-URLconf routes that belong to no app (health, the footer's pages, the API's own
operations in ``reconnect/api.py``) have their rows here too.
"""

from wagtail.models import Page

from tests.access import Case, World, everyone, members_only

COVERED_PREFIXES: dict[str, str] = {
    "admin/": (
        "Wagtail admin: every view sits behind require_admin_access "
        "(wagtailadmin.access_admin); the wagtailadmin_home, wagtaildocs:index and "
        "wagtailusers_users:index Cases prove the gate and the per-model permissions."
    ),
    "documents/": (
        "Wagtail document serving: each document follows its collection's privacy; "
        "the wagtaildocs_serve Cases prove a missing document is a 404 for everyone."
    ),
    "_util/": (
        "Wagtail's page-privacy helpers: its password form for restricted pages, and its "
        "own sign-in form, which reconnect/urls.py replaces with a redirect to allauth."
    ),
}

# Who may enter Wagtail's admin: coordinators (the Coordinators group, reconnect/core/
# coordinators.py, grants wagtailadmin.access_admin) and the administrator. Everyone else
# is sent to sign in by Wagtail's require_admin_access.
COORDINATORS_AND_ADMIN = members_only(302, coordinator=200, admin=200)


def _wagtail_page(world: World) -> tuple[str]:
    """A published plain Wagtail page under the site's root, served by the catch-all."""
    home = Page.objects.get(depth=2)
    page = Page(title="Matrix test page", slug="matrix-test-page")
    home.add_child(instance=page)
    page.save_revision().publish()
    return ("matrix-test-page/",)


CASES = [
    # --- Root URLconf -------------------------------------------------------------------------
    Case("health", expect=everyone(200)),
    Case("about", expect=everyone(200)),
    Case("privacy", expect=everyone(200)),
    # --- Django Ninja: the API's documents and its own health operation -----------------------
    # The schema and docs are public interfaces (ARCHITECTURE.md): they describe the API,
    # and every operation they list still needs a session.
    Case("api-v1:openapi-json", expect=everyone(200)),
    Case("api-v1:openapi-view", expect=everyone(200)),
    Case("api-v1:api-root", expect=everyone(404), note="Ninja's root only names the docs URL"),
    Case("api-v1:health", expect=everyone(200)),
    # --- Wagtail admin ------------------------------------------------------------------------
    Case(
        "wagtailadmin_home",
        expect=COORDINATORS_AND_ADMIN,
        note="Needs wagtailadmin.access_admin, which the Coordinators group carries",
    ),
    Case("wagtaildocs:index", expect=COORDINATORS_AND_ADMIN),
    # Managing accounts stays with the administrator: coordinators hold no user permissions,
    # and Wagtail sends them back to the admin's home.
    Case("wagtailusers_users:index", expect=members_only(302, admin=200)),
    # Wagtail's own sign-in forms would bypass allauth's MFA and rate limits.
    Case("wagtailadmin_login", expect=everyone(302), note="Replaced by a redirect to allauth"),
    Case("wagtailcore_login", expect=everyone(302), note="Replaced by a redirect to allauth"),
    # --- Wagtail documents and page privacy ---------------------------------------------------
    Case("wagtaildocs_serve", args=(999_999, "missing.pdf"), expect=everyone(404)),
    Case(
        "wagtaildocs_authenticate_with_password",
        kwargs={"restriction_id": 999_999},
        expect=everyone(404),
    ),
    Case(
        "wagtailcore_authenticate_with_password",
        kwargs={"page_view_restriction_id": 999_999, "page_id": 1},
        expect=everyone(404),
    ),
    # --- Wagtail's page-serving catch-all -----------------------------------------------------
    Case("wagtail_serve", label="published", args=_wagtail_page, expect=everyone(200)),
    Case("wagtail_serve", label="missing", args=("no-such-page/",), expect=everyone(404)),
]
