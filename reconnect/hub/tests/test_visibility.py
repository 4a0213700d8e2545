"""Members-only pages do not exist for visitors; drafts do not exist outside the admin.

Requests go through Wagtail's own serve (the catch-all URL), for every Hub page type.
"""

import pytest
from django.urls import reverse

from reconnect.hub.models import Visibility
from reconnect.hub.tests.factories import (
    CaseStudyPageFactory,
    FurtherReadingPageFactory,
    InterventionPageFactory,
    NewsPageFactory,
    ReadingListPageFactory,
    ResearchReportPageFactory,
    ThematicReviewPageFactory,
)

FACTORIES = [
    ResearchReportPageFactory,
    ThematicReviewPageFactory,
    InterventionPageFactory,
    CaseStudyPageFactory,
    FurtherReadingPageFactory,
    ReadingListPageFactory,
    NewsPageFactory,
]
IDS = [factory._meta.model.__name__ for factory in FACTORIES]


def url_of(page) -> str:
    return f"/hub/{page.get_parent().slug}/{page.slug}/"


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_members_only_page_is_404_to_visitors_and_200_to_members(
    factory, client, staff_at_school_a
):
    page = factory(title="Members' item", visibility=Visibility.MEMBERS)
    url = url_of(page)

    visitor = client.get(url)
    client.force_login(staff_at_school_a)
    member = client.get(url)

    assert page.url == url
    assert visitor.status_code == 404
    assert b"Members&#x27; item" not in visitor.content
    assert member.status_code == 200
    assert b"Members&#x27; item" in member.content


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_public_page_is_200_to_visitors(factory, client, db):
    page = factory(title="Public item")

    response = client.get(url_of(page))

    assert response.status_code == 200
    assert b"Public item" in response.content


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_draft_is_404_to_everyone_outside_the_admin(
    factory, client, staff_at_school_a, coordinator, admin_user
):
    page = factory(title="Unpublished item", live=False)
    url = url_of(page)

    statuses = [client.get(url).status_code]
    for user in (staff_at_school_a, coordinator, admin_user):
        client.force_login(user)
        statuses.append(client.get(url).status_code)

    assert statuses == [404, 404, 404, 404]


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_draft_preview_is_for_the_admin_only(
    factory, client, staff_at_school_a, head_at_school_a, coordinator
):
    page = factory(title="Unpublished item", live=False)
    draft = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    revision = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id])

    visitor = [client.get(draft).status_code, client.get(revision).status_code]
    members = []
    for user in (staff_at_school_a, head_at_school_a):
        client.force_login(user)
        members += [client.get(draft).status_code, client.get(revision).status_code]
    client.force_login(coordinator)
    editor = client.get(draft)

    assert visitor == [302, 302]
    assert members == [302, 302, 302, 302]
    assert editor.status_code == 200
    assert b"Unpublished item" in editor.content


def test_unpublishing_makes_a_page_404_again(client, staff_at_school_a):
    page = NewsPageFactory(title="Retracted", visibility=Visibility.MEMBERS)
    client.force_login(staff_at_school_a)
    assert client.get(url_of(page)).status_code == 200

    page.unpublish()

    assert client.get(url_of(page)).status_code == 404
