"""The "Self-evaluation" admin: coordinators draft, edit and publish framework versions; a
published version never changes, whatever is posted; nobody else gets in."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import Domain, Framework, FrameworkVersion, Statement
from reconnect.selfeval.services.frameworks import framework_reconnect_ensure, version_draft_from
from reconnect.selfeval.tests.factories import published_framework

pytestmark = pytest.mark.django_db

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>", re.S)


def _inline_scripts(response) -> list[str]:
    """Scripts the admin's CSP would refuse: inline, and not a JSON data block."""
    html = response.content.decode()
    return [
        match.group(0)
        for match in _SCRIPT.finditer(html)
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]


def _form_data(response) -> dict[str, list[str]]:
    """What the browser would post from the page's editor form, as rendered."""
    form = soup(response).select_one("form#w-editor-form")
    assert form is not None
    data: dict[str, list[str]] = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not isinstance(name, str):
            continue
        if field.name == "textarea":
            value = field.get_text()
        elif field.name == "select":
            selected = field.select_one("option[selected]")
            value = str(selected.get("value", "")) if selected is not None else ""
        elif field.get("type") == "checkbox":
            if not field.has_attr("checked"):
                continue
            value = str(field.get("value", "on"))
        else:
            value = str(field.get("value", ""))
        data.setdefault(name, []).append(value)
    return data


def _messages(response) -> list[str]:
    """The messages shown, without Wagtail's buttons beside them."""
    items = soup(response).select(".messages ul > li")
    for item in items:
        for button in item.select("a, button"):
            button.decompose()
    return [text(item) for item in items]


def _content(version):
    return [
        (
            domain.code,
            domain.title,
            domain.summary,
            sorted(domain.themes.values_list("slug", flat=True)),
            list(
                domain.statements.order_by("sort_order").values_list(
                    "code", "text", "evidence_prompt", "not_yet", "emerging", "embedded"
                )
            ),
        )
        for domain in version.domains.order_by("sort_order", "pk")
    ]


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def reconnect_v1(db):
    return framework_reconnect_ensure().version


# --- Who gets in -----------------------------------------------------------------------------


def _admin_urls(version, domain):
    return [
        reverse("selfeval_frameworks:index"),
        reverse("selfeval_frameworks:add"),
        reverse("selfeval_frameworks:edit", args=[version.framework_id]),
        reverse("selfeval_versions:index"),
        reverse("selfeval_versions:add"),
        reverse("selfeval_versions:edit", args=[version.pk]),
        reverse("selfeval_versions:inspect", args=[version.pk]),
        reverse("selfeval_versions:delete", args=[version.pk]),
        reverse("selfeval_versions:publish", args=[version.pk]),
        reverse("selfeval_versions:new_draft", args=[version.pk]),
        reverse("selfeval_domains:index"),
        reverse("selfeval_domains:edit", args=[domain.pk]),
        reverse("selfeval_domains:inspect", args=[domain.pk]),
    ]


def test_admin_refuses_staff_without_coordinator_rights(client, staff_at_school_a):
    draft = published_framework(status="draft")
    domain = draft.domains.order_by("sort_order").first()
    before = _content(draft)
    # An admin login (Wagtail's access_admin) but no coordinator role.
    staff: Any = UserFactory(email="editor@example.org", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )

    for user in (staff_at_school_a, staff):
        client.force_login(user)
        for url in _admin_urls(draft, domain):
            got = client.get(url)
            posted = client.post(url, {"introduction": "Changed", "name": "Changed"})

            assert got.status_code == 302, url
            assert posted.status_code == 302, url

    draft.refresh_from_db()
    assert (draft.status, draft.introduction) == ("draft", "")
    assert _content(draft) == before
    assert FrameworkVersion.objects.count() == 1
    assert list(Framework.objects.values_list("name", flat=True)) == ["The Reconnect framework"]


def test_admin_menu_shows_self_evaluation_to_coordinators(as_coordinator):
    response = as_coordinator.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    for label in ("Self-evaluation", "Frameworks", "Framework versions"):
        assert f'"{label}"' in html or f">{label}<" in html


# --- Listing and reading ------------------------------------------------------------------------


def test_version_list_offers_publish_for_drafts_and_new_draft_for_published(
    as_coordinator, reconnect_v1, coordinator
):
    draft = version_draft_from(version=reconnect_v1, user=coordinator)

    response = as_coordinator.get(reverse("selfeval_versions:index"))

    rows = soup(response).select("tbody tr")
    assert [text(row.select_one("td")).split(" Edit")[0] for row in rows][:1] == [
        "The Reconnect framework, version 2"
    ]
    draft_links = {a["href"] for a in rows[0].select("a")}
    published_links = {a["href"] for a in rows[1].select("a")}
    assert draft_links == {
        f"/admin/self-evaluation/versions/edit/{draft.pk}/",
        f"/admin/self-evaluation/versions/publish/{draft.pk}/",
        f"/admin/self-evaluation/versions/inspect/{draft.pk}/",
        f"/admin/self-evaluation/versions/delete/{draft.pk}/",
    }
    assert published_links == {
        f"/admin/self-evaluation/versions/inspect/{reconnect_v1.pk}/",
        f"/admin/self-evaluation/versions/new-draft/{reconnect_v1.pk}/",
    }
    assert [text(cell) for cell in rows[1].select("td")][1:] == [
        "Published",
        text(rows[1].select("td")[2]),
        "11",
    ]
    assert _inline_scripts(response) == []


def test_published_version_page_is_read_only_and_lists_its_domains(as_coordinator, reconnect_v1):
    response = as_coordinator.get(reverse("selfeval_versions:inspect", args=[reconnect_v1.pk]))

    page = soup(response)
    assert response.status_code == 200
    assert text(page.select_one(".help-block")) == (
        "This version is published, so it can no longer change. To change the framework, "
        "start a new draft from it."
    )
    details = dict(
        zip(
            [text(dt) for dt in page.select("main dl > dt")],
            page.select("main dl > dd"),
            strict=True,
        )
    )
    assert [text(details[label]) for label in ("Number", "Status", "What changed")] == [
        "1",
        "Published",
        "–",
    ]
    assert text(details["Published by"]) == "The framework loader"
    assert len(details["Introduction"].select("p")) == 5  # its paragraphs, as schools read it
    rows = [[text(cell) for cell in row.select("td")] for row in page.select("table tbody tr")]
    assert rows[0] == ["1", "Attendance", "attendance", "Attendance", "7"]
    assert rows[1] == [
        "2",
        "Engagement and belonging",
        "belonging",
        "Engagement, Isolation and belonging",
        "5",
    ]
    assert len(rows) == 11
    links = [a["href"] for a in page.select("table tbody a")]
    assert all("/admin/self-evaluation/domains/inspect/" in link for link in links)
    assert "/edit/" not in " ".join(str(a["href"]) for a in page.select("header a, main a"))
    assert _inline_scripts(response) == []


def test_published_domain_page_shows_every_statement_and_level(as_coordinator, reconnect_v1):
    domain = reconnect_v1.domains.get(code="transition")

    response = as_coordinator.get(reverse("selfeval_domains:inspect", args=[domain.pk]))

    page = soup(response)
    labels = [text(dt) for dt in page.select("main > dl > dt, main dl:first-of-type > dt")]
    assert labels[:6] == ["Version", "Code", "Title", "Summary", "Hub themes", "Position"]
    headings = [text(h) for h in page.select("main h3")]
    assert len(headings) == 4
    assert headings[0].startswith("transition-1: We pass detailed information")
    first = page.select("main section")[0]
    assert [text(dt) for dt in first.select("dt")] == [
        "Evidence prompt",
        "Not yet",
        "Emerging",
        "Established",
        "Embedded",
    ]
    assert text(first.select("dd")[1]) == (
        "Only the statutory records are passed on, and we receive little beyond them."
    )
    assert _inline_scripts(response) == []


# --- A published version never changes ------------------------------------------------------


def test_editing_a_published_version_is_refused_and_changes_nothing(
    as_coordinator, reconnect_v1, coordinator
):
    # The form of an identical draft, posted to the published version's URL.
    draft = version_draft_from(version=reconnect_v1, user=coordinator)
    form = _form_data(as_coordinator.get(reverse("selfeval_versions:edit", args=[draft.pk])))
    form["introduction"] = ["Rewritten."]
    form["domains-0-title"] = ["Rewritten"]
    before = (reconnect_v1.introduction, _content(reconnect_v1))
    url = reverse("selfeval_versions:edit", args=[reconnect_v1.pk])
    inspect = reverse("selfeval_versions:inspect", args=[reconnect_v1.pk])

    got = as_coordinator.get(url, follow=True)
    posted = as_coordinator.post(url, form, follow=True)

    refusal = (
        "Version 1 of The Reconnect framework is published, so it can no longer change. "
        "Start a new draft from it to make changes."
    )
    assert (got.redirect_chain, _messages(got)) == ([(inspect, 302)], [refusal])
    assert (posted.redirect_chain, _messages(posted)) == ([(inspect, 302)], [refusal])
    reconnect_v1.refresh_from_db()
    assert (reconnect_v1.introduction, _content(reconnect_v1)) == before


def test_editing_a_domain_of_a_published_version_is_refused_and_changes_nothing(
    as_coordinator, reconnect_v1, coordinator
):
    draft = version_draft_from(version=reconnect_v1, user=coordinator)
    domain = reconnect_v1.domains.get(code="attendance")
    twin = draft.domains.get(code="attendance")
    form = _form_data(as_coordinator.get(reverse("selfeval_domains:edit", args=[twin.pk])))
    form["title"] = ["Rewritten"]
    form["statements-0-text"] = ["Rewritten."]
    # Point the statement ids at the published domain's statements.
    published_ids = list(domain.statements.order_by("sort_order").values_list("pk", flat=True))
    for index, pk in enumerate(published_ids):
        form[f"statements-{index}-id"] = [str(pk)]
    before = _content(reconnect_v1)
    url = reverse("selfeval_domains:edit", args=[domain.pk])

    got = as_coordinator.get(url)
    posted = as_coordinator.post(url, form)

    inspect = reverse("selfeval_domains:inspect", args=[domain.pk])
    assert (got.status_code, got["Location"]) == (302, inspect)
    assert (posted.status_code, posted["Location"]) == (302, inspect)
    assert _content(reconnect_v1) == before


def test_deleting_a_published_version_is_refused(as_coordinator, reconnect_v1):
    url = reverse("selfeval_versions:delete", args=[reconnect_v1.pk])

    got = as_coordinator.get(url)
    posted = as_coordinator.post(url)

    inspect = reverse("selfeval_versions:inspect", args=[reconnect_v1.pk])
    assert (got.status_code, got["Location"]) == (302, inspect)
    assert (posted.status_code, posted["Location"]) == (302, inspect)
    assert FrameworkVersion.objects.filter(pk=reconnect_v1.pk, status="published").exists()


def test_publishing_a_published_version_again_is_refused(as_coordinator, reconnect_v1):
    url = reverse("selfeval_versions:publish", args=[reconnect_v1.pk])

    got = as_coordinator.get(url, follow=True)
    posted = as_coordinator.post(url, follow=True)

    assert _messages(got) == ["Version 1 is already published."]
    assert _messages(posted) == ["Version 1 is already published."]
    assert AuditEvent.objects.filter(action="selfeval.version_published").count() == 1


# --- Draft, edit, publish ---------------------------------------------------------------------


def test_coordinator_drafts_edits_and_publishes_a_new_version(
    as_coordinator, reconnect_v1, coordinator
):
    # New draft from version 1.
    confirm = as_coordinator.get(reverse("selfeval_versions:new_draft", args=[reconnect_v1.pk]))
    assert "This copies version 1 of The Reconnect framework" in text(soup(confirm).main)
    drafted = as_coordinator.post(
        reverse("selfeval_versions:new_draft", args=[reconnect_v1.pk]), follow=True
    )
    draft = FrameworkVersion.objects.get(number=2)
    assert drafted.redirect_chain == [(reverse("selfeval_versions:edit", args=[draft.pk]), 302)]
    assert _messages(drafted) == [
        "Version 2 is a draft copy of version 1. Change what you need, then publish it."
    ]
    assert _inline_scripts(drafted) == []

    # Edit the version: its introduction, one domain's title and themes, and a new domain.
    form = _form_data(drafted)
    assert form["domains-TOTAL_FORMS"] == ["11"]
    form["introduction"] = ["Version 2 of our framework."]
    form["changes"] = ["A new domain on digital access."]
    form["domains-8-title"] = ["Transitions"]
    form["domains-8-themes"] = [str(pk) for pk in _theme_ids("transition", "send")]
    form["domains-TOTAL_FORMS"] = ["12"]
    form.update(
        {
            "domains-11-title": ["Digital access"],
            "domains-11-code": ["digital"],
            "domains-11-summary": ["Devices and connectivity."],
            "domains-11-themes": [str(pk) for pk in _theme_ids("digital-divide")],
            "domains-11-sort_order": ["12"],
            "domains-11-id": [""],
            "domains-11-DELETE": [""],
        }
    )
    saved = as_coordinator.post(reverse("selfeval_versions:edit", args=[draft.pk]), form)
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert (draft.introduction, draft.changes) == (
        "Version 2 of our framework.",
        "A new domain on digital access.",
    )
    transition = draft.domains.get(code="transition")
    assert transition.title == "Transitions"
    assert sorted(transition.themes.values_list("slug", flat=True)) == ["send", "transition"]
    assert transition.statements.count() == 4  # the inline left its statements alone
    digital = draft.domains.get(code="digital")
    assert list(digital.themes.values_list("slug", flat=True)) == ["digital-divide"]

    # Publishing now is refused: the new domain has no statements.
    refused = as_coordinator.get(reverse("selfeval_versions:publish", args=[draft.pk]))
    assert [text(li) for li in soup(refused).select("ul.rc-problems li")] == [
        "Domain “Digital access” has no statements."
    ]
    posted = as_coordinator.post(reverse("selfeval_versions:publish", args=[draft.pk]), follow=True)
    assert _messages(posted) == ["Domain “Digital access” has no statements."]
    draft.refresh_from_db()
    assert draft.status == "draft"

    # Add its statement on the domain's page.
    domain_page = as_coordinator.get(reverse("selfeval_domains:edit", args=[digital.pk]))
    assert _inline_scripts(domain_page) == []
    form = _form_data(domain_page)
    form["statements-TOTAL_FORMS"] = ["1"]
    form.update(
        {
            "statements-0-code": ["digital-1"],
            "statements-0-text": ["Every pupil can get online at home."],
            "statements-0-evidence_prompt": ["A survey of home access."],
            "statements-0-not_yet": ["We do not know."],
            "statements-0-emerging": ["We know, and lend some devices."],
            "statements-0-established": ["Every pupil without access is given it."],
            "statements-0-embedded": ["Access is checked every year and never a barrier."],
            "statements-0-sort_order": ["1"],
            "statements-0-id": [""],
            "statements-0-DELETE": [""],
        }
    )
    saved = as_coordinator.post(reverse("selfeval_domains:edit", args=[digital.pk]), form)
    assert (saved.status_code, saved["Location"]) == (
        302,
        reverse("selfeval_versions:edit", args=[draft.pk]),
    )
    assert list(digital.statements.values_list("code", "text")) == [
        ("digital-1", "Every pupil can get online at home.")
    ]

    # Publish.
    confirm = as_coordinator.get(reverse("selfeval_versions:publish", args=[draft.pk]))
    assert "with 12 domains and 57 statements" in text(soup(confirm).main)
    published = as_coordinator.post(
        reverse("selfeval_versions:publish", args=[draft.pk]), follow=True
    )
    assert _messages(published) == [
        "Version 2 of The Reconnect framework is published. Reviews started from now on use it."
    ]
    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == ("published", coordinator)
    assert AuditEvent.objects.filter(
        action="selfeval.version_published", actor=coordinator, target_id=str(draft.pk)
    ).exists()
    # Version 1 is as it was.
    assert reconnect_v1.domains.get(code="transition").title == "Transition"
    assert Statement.objects.filter(domain__version=reconnect_v1).count() == 56


def _theme_ids(*slugs):
    from reconnect.hub.models import Theme

    return list(Theme.objects.filter(slug__in=slugs).order_by("pk").values_list("pk", flat=True))


def test_second_draft_is_refused_while_one_exists(as_coordinator, reconnect_v1, coordinator):
    version_draft_from(version=reconnect_v1, user=coordinator)

    posted = as_coordinator.post(
        reverse("selfeval_versions:new_draft", args=[reconnect_v1.pk]), follow=True
    )

    assert _messages(posted) == [
        (
            "The Reconnect framework already has a draft (version 2). Publish or delete it "
            "before starting another."
        )
    ]
    assert FrameworkVersion.objects.count() == 2


def test_coordinator_starts_an_empty_draft_of_a_new_framework(as_coordinator):
    created = as_coordinator.post(
        reverse("selfeval_frameworks:add"),
        {"name": "Early years", "slug": "early-years", "summary": "For nurseries."},
        follow=True,
    )
    framework = Framework.objects.get(slug="early-years")
    assert _messages(created) == ["Framework 'Early years' created."]

    added = as_coordinator.post(
        reverse("selfeval_versions:add"),
        {"framework": framework.pk, "introduction": "Hello.", "changes": ""},
        follow=True,
    )

    version = FrameworkVersion.objects.get(framework=framework)
    assert (version.number, version.status, version.introduction) == (1, "draft", "Hello.")
    assert added.redirect_chain == [(reverse("selfeval_versions:edit", args=[version.pk]), 302)]
    assert _messages(added) == ["Version 1 is a new draft. Add its domains below."]
    again = as_coordinator.post(
        reverse("selfeval_versions:add"), {"framework": framework.pk, "introduction": ""}
    )
    assert again.status_code == 200
    assert (
        "Early years already has a draft (version 1). Publish or delete it before starting "
        "another." in text(soup(again).main)
    )
    assert FrameworkVersion.objects.filter(framework=framework).count() == 1


def test_a_frameworks_slug_is_fixed_once_made(as_coordinator, reconnect_v1):
    url = reverse("selfeval_frameworks:edit", args=[reconnect_v1.framework_id])

    as_coordinator.post(url, {"name": "Renamed", "slug": "renamed", "summary": "New."})

    framework = Framework.objects.get(pk=reconnect_v1.framework_id)
    assert (framework.name, framework.slug, framework.summary) == ("Renamed", "reconnect", "New.")


def test_a_draft_can_be_deleted(as_coordinator, reconnect_v1, coordinator):
    draft = version_draft_from(version=reconnect_v1, user=coordinator)

    response = as_coordinator.post(reverse("selfeval_versions:delete", args=[draft.pk]))

    assert response.status_code == 302
    assert list(FrameworkVersion.objects.values_list("number", flat=True)) == [1]
    assert not Domain.objects.filter(version_id=draft.pk).exists()


def test_two_domains_with_one_code_are_a_form_error(as_coordinator, reconnect_v1, coordinator):
    draft = version_draft_from(version=reconnect_v1, user=coordinator)
    url = reverse("selfeval_versions:edit", args=[draft.pk])
    form = _form_data(as_coordinator.get(url))
    form["domains-1-code"] = ["attendance"]

    response = as_coordinator.post(url, form)

    assert response.status_code == 200
    errors = [text(error) for error in soup(response).select(".error-message")]
    assert errors == [
        "Please correct the duplicate data for version and code, which must be unique.",
        "Please correct the duplicate values below.",
    ]
    assert draft.domains.filter(code="attendance").count() == 1
    assert draft.domains.filter(code="belonging").count() == 1


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_version_and_domain_lists_take_as_many_queries_for_one_item_as_for_three(
    as_coordinator,
):
    one_domain = [("attendance", ["attendance"])]
    first = published_framework(domains=one_domain, statements_per_domain=1)
    as_coordinator.get(reverse("selfeval_versions:index"))  # fills the per-member caches
    versions_for_one = _queries(as_coordinator, reverse("selfeval_versions:index"))
    domains_for_one = _queries(as_coordinator, reverse("selfeval_domains:index"))
    published_framework(framework=first.framework, domains=one_domain, statements_per_domain=1)
    published_framework(
        framework=first.framework, domains=one_domain, statements_per_domain=1, status="draft"
    )

    versions_for_three = _queries(as_coordinator, reverse("selfeval_versions:index"))
    domains_for_three = _queries(as_coordinator, reverse("selfeval_domains:index"))

    assert (FrameworkVersion.objects.count(), Domain.objects.count()) == (3, 3)
    assert versions_for_three == versions_for_one
    assert domains_for_three == domains_for_one
    filtered = as_coordinator.get(reverse("selfeval_domains:index"), {"version": first.pk})
    assert [text(row.select("td")[2]) for row in soup(filtered).select("tbody tr")] == [
        "The Reconnect framework, version 1"
    ]
