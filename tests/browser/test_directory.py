"""The school directory: search by name, filter by borough, and a profile's schools like mine."""

from decimal import Decimal

from playwright.sync_api import Page, expect

from reconnect.schools.models import School
from reconnect.schools.tests.factories import SchoolFactory
from tests.browser.axe import assert_accessible

CAMDEN, SOUTHWARK = 202, 210


def _result_names(page: Page) -> list[str]:
    return page.locator("#results tbody tr td:first-child a").all_inner_texts()


def test_directory_search_finds_a_school_by_name_and_filters_by_borough(
    page: Page, sign_in, staff_at_school_a, school_b
):
    SchoolFactory(urn=900201, name="Primrose Hill Primary School", local_authority__code=CAMDEN)
    SchoolFactory(urn=900202, name="Peckham Rye Primary School", local_authority__code=SOUTHWARK)
    SchoolFactory(urn=900203, name="Bermondsey Academy", local_authority__code=SOUTHWARK)
    sign_in(staff_at_school_a)
    page.goto("/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools").click()
    expect(page.locator("h1")).to_have_text("Schools")
    assert_accessible(page)
    search = page.get_by_role("searchbox", name="Search schools")
    search.fill("primary")
    page.get_by_role("button", name="Show schools").click()

    expect(page.locator("#result-count")).to_have_text("2 schools found")
    assert _result_names(page) == ["Peckham Rye Primary School", "Primrose Hill Primary School"]
    page.get_by_label("Borough").select_option(label="Southwark")
    page.get_by_role("button", name="Show schools").click()

    expect(page.locator("#result-count")).to_have_text("1 school found")
    assert _result_names(page) == ["Peckham Rye Primary School"]
    assert "borough=southwark" in page.url
    assert_accessible(page)


def test_school_profile_shows_the_schools_most_like_it(page: Page, sign_in, head_at_school_a):
    # Demo School A: a primary of 420 with 24.5% FSM. Two close primaries, one far one, and
    # a secondary that is never compared with a primary.
    context = {"percent_eal": Decimal("31.0"), "attendance_percent": Decimal("94.1")}
    SchoolFactory(
        urn=900301,
        name="Close Twin Primary",
        number_on_roll=410,
        percent_fsm=Decimal("25.0"),
        **context,
    )
    SchoolFactory(
        urn=900302,
        name="Near Neighbour Primary",
        number_on_roll=450,
        percent_fsm=Decimal("28.0"),
        **context,
    )
    SchoolFactory(
        urn=900303,
        name="Far Away Primary",
        number_on_roll=90,
        percent_fsm=Decimal("61.0"),
        percent_eal=Decimal("2.0"),
        attendance_percent=Decimal("88.0"),
    )
    SchoolFactory(
        urn=900304,
        name="Some Secondary",
        phase=School.Phase.SECONDARY,
        number_on_roll=420,
        percent_fsm=Decimal("24.5"),
        **context,
    )
    sign_in(head_at_school_a)

    page.goto("/schools/900001/")

    expect(page.locator("h1")).to_have_text("Demo School A")
    similar = page.get_by_role("region", name="Similar schools")
    names = similar.locator("tbody tr td:first-child a").all_inner_texts()
    assert names[:2] == ["Close Twin Primary", "Near Neighbour Primary"]
    assert "Some Secondary" not in names
    assert names.index("Far Away Primary") == len(names) - 1
    assert_accessible(page)
    similar.get_by_role("link", name="Close Twin Primary").click()
    expect(page.locator("h1")).to_have_text("Close Twin Primary")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools")
    ).to_have_attribute("aria-current", "page")
