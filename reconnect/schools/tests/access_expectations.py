"""Access-control matrix rows for the school and member directories, their API and the
Network menu in Wagtail's admin.

The directory is network-wide by design: every signed-in member sees every school's
published context and every member's professional profile (no pupil data), so another
school's profile is a 200, not a 404. Visitors are sent to sign in; the API answers them
401. Unknown schools and members are a 404 for everyone signed in.
"""

from tests.access import Case, World, members_only

DIRECTORY = members_only(200)
API = members_only(200, anonymous=401)
NOT_FOUND = members_only(404)
# Wagtail's admin gate: coordinators (the Coordinators group carries access_admin) and the
# administrator; everyone else is sent to sign in.
COORDINATORS_AND_ADMIN = members_only(302, coordinator=200, admin=200)


def _school_a(world: World) -> dict[str, int]:
    return {"urn": world.school_a.urn}


def _school_b(world: World) -> dict[str, int]:
    return {"urn": world.school_b.urn}


def _member_at_b(world: World) -> dict[str, int]:
    return {"pk": world.lead_b.pk}


CASES = [
    # --- HTML pages -------------------------------------------------------------------------
    Case("schools:directory", expect=DIRECTORY),
    Case("schools:directory", query="q=demo&phase=primary", label="searched", expect=DIRECTORY),
    Case("schools:detail", kwargs=_school_a, expect=DIRECTORY),
    Case(
        "schools:detail",
        kwargs=_school_b,
        label="other-school",
        expect=DIRECTORY,
        note="The directory is network-wide: another school's context is public to members",
    ),
    Case("schools:detail", kwargs={"urn": 123456}, label="unknown", expect=NOT_FOUND),
    Case("schools:similar", kwargs=_school_a, expect=DIRECTORY),
    Case("schools:similar", kwargs=_school_b, label="other-school", expect=DIRECTORY),
    Case("schools:similar", kwargs={"urn": 123456}, label="unknown", expect=NOT_FOUND),
    Case("schools:member-directory", expect=DIRECTORY),
    Case("schools:member-detail", kwargs=_member_at_b, expect=DIRECTORY),
    Case("schools:member-detail", kwargs={"pk": 999_999}, label="unknown", expect=NOT_FOUND),
    # --- JSON API ---------------------------------------------------------------------------
    Case("api-v1:school-list", expect=API),
    Case("api-v1:school-detail", kwargs=_school_b, expect=API),
    Case(
        "api-v1:school-detail",
        kwargs={"urn": 123456},
        label="unknown",
        expect=members_only(404, anonymous=401),
    ),
    Case("api-v1:school-similar", kwargs=_school_a, expect=API),
    # --- Wagtail admin: the Network menu (the admin/ prefix is covered by these) ----------
    Case("network_schools:index", expect=COORDINATORS_AND_ADMIN),
    Case("network_trusts:index", expect=COORDINATORS_AND_ADMIN),
    Case("network_memberships:index", expect=COORDINATORS_AND_ADMIN),
    Case("network_system_leaders:index", expect=COORDINATORS_AND_ADMIN),
    Case("network_local_authorities:index", expect=COORDINATORS_AND_ADMIN),
    Case(
        "network_local_authorities:add",
        expect=members_only(302),
        note="Nobody adds a London authority: coordinators are sent back to the admin home",
    ),
    Case(
        "network_schools:delete",
        kwargs=lambda world: {"pk": world.school_b.pk},
        expect=members_only(302, admin=200),
        note="Only the administrator may delete a school (the page asks to confirm)",
    ),
]
