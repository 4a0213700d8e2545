"""The layout every page shares: header, navigation, footer and error pages."""

import re

import pytest
from django.template import loader
from django.test import RequestFactory

from reconnect.core.templatetags.reconnect_nav import is_current


def _header(rf: RequestFactory, user, path: str) -> str:
    request = rf.get(path)
    request.user = user
    return loader.render_to_string("includes/header.html", request=request)


def _nav_links(html: str) -> list[tuple[str, bool]]:
    """(label, is current) for each link of the main navigation, in order."""
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), "aria-current" in attributes)
        for attributes, label in re.findall(r"<a ([^>]*)>(.*?)</a>", nav, re.S)
    ]


@pytest.mark.parametrize(
    ("path", "href", "exact", "expected"),
    [
        ("/", "/", False, True),
        ("/schools/", "/", False, False),  # the dashboard's "/" is a prefix of everything
        ("/schools/900001/", "/schools/", False, True),
        ("/schools/", "/schools/", True, True),
        ("/schools/900001/", "/schools/", True, False),
        ("/members/", "/schools/", False, False),
        ("/anything/", "", False, False),
    ],
)
def test_is_current_marks_a_section_or_an_exact_page(path, href, exact, expected):
    assert is_current(path, href, exact=exact) is expected


def test_header_for_a_visitor_offers_sign_in_and_no_navigation(rf):
    from django.contrib.auth.models import AnonymousUser

    html = _header(rf, AnonymousUser(), "/")

    assert '<a class="rc-header__link" href="/accounts/login/">Sign in</a>' in html
    assert 'aria-label="Main"' not in html
    assert "Sign out" not in html


def test_header_marks_the_dashboard_current_on_the_home_page(rf, staff_at_school_a):
    html = _header(rf, staff_at_school_a, "/")

    assert _nav_links(html)[0] == ("Dashboard", True)
    assert all(not current for _, current in _nav_links(html)[1:])


def test_header_marks_nothing_current_on_a_page_outside_the_sections(rf, staff_at_school_a):
    html = _header(rf, staff_at_school_a, "/about/")

    assert all(not current for _, current in _nav_links(html))


def test_header_shows_admin_only_to_coordinators_and_admins(
    rf, staff_at_school_a, head_at_school_a, coordinator, admin_user
):
    def labels(user):
        return [label for label, _ in _nav_links(_header(rf, user, "/"))]

    assert "Admin" not in labels(staff_at_school_a)
    assert "Admin" not in labels(head_at_school_a)
    assert "Admin" in labels(coordinator)
    assert "Admin" in labels(admin_user)


def test_header_signs_out_with_a_post_form(rf, staff_at_school_a):
    html = _header(rf, staff_at_school_a, "/")

    form = re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>(.*?)</form>', html, re.S
    )
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert '<button type="submit" class="rc-header__button">Sign out</button>' in form.group(1)


def test_header_never_shows_the_crown(rf, staff_at_school_a):
    html = _header(rf, staff_at_school_a, "/")

    assert "govuk-header" not in html
    assert "crown" not in html.lower()


def test_header_marks_the_current_section_with_a_fallback_for_unstyled_pages(rf, staff_at_school_a):
    html = _header(rf, staff_at_school_a, "/network/categories/ideas/")

    assert (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n'
        '  <a class="govuk-service-navigation__link" href="/network/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Network</strong></a>\n</li>'
    ) in html
    assert [label for label, current in _nav_links(html) if current] == ["Network"]


def test_header_shows_the_members_own_items_from_their_session(rf, staff_at_school_a):
    request = rf.get("/")
    request.user = staff_at_school_a
    request.session = {"spectrum_nav": "/pupil-data/", "lab_nav": ""}

    html = loader.render_to_string("includes/header.html", request=request)

    labels = [label for label, _ in _nav_links(html)]
    assert "Pupil data" in labels
    assert '<a class="govuk-service-navigation__link" href="/pupil-data/">Pupil data</a>' in html
    assert "Lab" not in labels  # "" in the session: no item


def test_frame_addresses_are_worked_out_once_a_process(rf, staff_at_school_a, monkeypatch):
    from reconnect.core.templatetags import reconnect_nav

    _header(rf, staff_at_school_a, "/")  # kept from here on
    looked_up: list[str] = []
    monkeypatch.setattr(reconnect_nav, "reverse", lambda name: looked_up.append(name) or "/x/")

    html = _header(rf, staff_at_school_a, "/")

    assert looked_up == []
    assert '<a class="govuk-service-navigation__link" href="/network/">Network</a>' in html


def test_frame_addresses_are_looked_up_afresh_with_debug_on(
    rf, staff_at_school_a, monkeypatch, settings
):
    from reconnect.core.templatetags import reconnect_nav

    settings.DEBUG = True
    monkeypatch.setattr(reconnect_nav, "reverse", lambda name: f"/fresh/{name}/")

    html = _header(rf, staff_at_school_a, "/")

    assert '<a class="govuk-service-navigation__link" href="/fresh/network:home/">' in html


def test_footer_links_to_about_and_privacy(client, db):
    response = client.get("/about/")

    footer = response.content.decode().split('<footer class="govuk-footer rc-footer">', 1)[1]
    assert '<a class="govuk-footer__link" href="/about/">About Reconnect</a>' in footer
    assert '<a class="govuk-footer__link" href="/privacy/">Privacy</a>' in footer


def test_every_page_starts_with_a_skip_link_to_main(client, db):
    response = client.get("/about/")

    body = response.content.decode()
    first_link = re.search(r"<a [^>]*>", body.split("<body", 1)[1])
    assert first_link is not None
    assert 'href="#main-content"' in first_link.group(0)
    assert '<main class="govuk-main-wrapper" id="main-content" tabindex="-1">' in body


def test_missing_page_answers_404_with_our_page(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["errors/404.html", "base.html"]
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.content.decode()


def test_refusal_renders_our_403_page(rf, staff_at_school_a):
    from reconnect.core.views import permission_denied

    request = rf.get("/somewhere/")
    request.user = staff_at_school_a

    response = permission_denied(request)

    body = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">You do not have access to this page</h1>' in body


def test_500_page_renders_without_a_request_or_context_processors():
    html = loader.get_template("errors/500.html").render({})

    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert '<link rel="stylesheet" href="/static/css/reconnect.css">' in html
    assert "{%" not in html
