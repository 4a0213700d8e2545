"""Links into the pilots from what exists: a target group, the action plan, the header."""

import pytest
from django.urls import reverse

from reconnect.lab.templatetags.lab_nav import SESSION_KEY
from reconnect.lab.tests.factories import PilotFactory
from reconnect.selfeval.tests.factories import ActionFactory, published_framework, submitted_review
from reconnect.spectrum.tests.factories import SavedCohortFactory, imported_snapshot
from reconnect.spectrum.tests.test_views_pupils import _csv


def test_a_target_group_offers_a_pilot_to_those_who_may_start_one(
    client, school_a, head_at_school_a
):
    imported_snapshot(school_a, user=head_at_school_a, data=_csv())
    group = SavedCohortFactory.create(school=school_a, name="FSM")
    client.force_login(head_at_school_a)

    page = client.get(f"/pupil-data/900001/target-groups/{group.pk}/").content.decode()

    assert (
        f'<a class="govuk-link" href="/lab/900001/pilots/new/?target_group={group.pk}">'
        "Start a pilot for this group</a>"
    ) in page
    form = client.get(f"/lab/900001/pilots/new/?target_group={group.pk}")
    assert form.context["form"].initial == {"target_group": group.pk}


def test_the_action_plan_offers_a_pilot_for_each_action_without_one(
    client, school_a, head_at_school_a, staff_at_school_a
):
    review = submitted_review(school_a, published_framework())
    open_action = ActionFactory.create(review=review, title="Call home on day one")
    piloted = ActionFactory.create(review=review, title="Breakfast club")
    PilotFactory.create(school=school_a, priority=piloted)
    client.force_login(head_at_school_a)

    page = client.get(f"/self-evaluation/reviews/{review.pk}/actions/").content.decode()
    client.force_login(staff_at_school_a)
    staff_page = client.get(f"/self-evaluation/reviews/{review.pk}/actions/").content.decode()

    assert f'href="/lab/900001/pilots/new/?priority={open_action.pk}"' in page
    assert f"?priority={piloted.pk}" not in page
    assert "Start a pilot" not in staff_page
    form = client.get(f"/lab/900001/pilots/new/?priority={open_action.pk}")
    assert form.status_code == 403  # staff may not start one, whatever the link says


def test_the_new_pilot_form_takes_the_action_from_the_link(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework())
    action = ActionFactory.create(review=review, title="Call home on day one")
    client.force_login(head_at_school_a)

    form = client.get(f"/lab/900001/pilots/new/?priority={action.pk}")

    assert form.context["form"].initial == {"priority": action.pk, "title": "Call home on day one"}


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("staff_at_school_a", True),
        ("head_at_school_a", True),
        ("coordinator", True),
        ("system_leader", False),
    ],
)
def test_the_header_offers_the_lab_from_sign_in_with_no_query_per_page(
    client, request, persona, shown
):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    html = client.get("/lab/").content.decode()

    assert client.session.get(SESSION_KEY) == ("/lab/" if shown else "")
    assert ('href="/lab/"' in html) is shown
    assert reverse("lab:home") == "/lab/"
