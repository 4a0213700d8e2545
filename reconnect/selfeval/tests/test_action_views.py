import datetime
import re
from typing import Any, cast

import pytest
import time_machine
from django.core.cache import cache

from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.selfeval.models import Action, ActionStatus
from reconnect.selfeval.tests.factories import (
    ActionFactory,
    ReviewContributorFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def make_action(**fields: Any) -> Action:
    """``ActionFactory`` typed for mypy (the factory's base class is not parametrised)."""
    return cast(Action, ActionFactory(**fields))


# Attendance scores 1.5 and belonging 2.5 (the report's priorities, weakest first);
# transition 3.0 is a strength.
LEVELS = {"attendance": [1, 2, 2, 1], "belonging": [2, 3, 2, 3], "transition": [3, 3, 3, 3]}
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def review(school_a, head_at_school_a):
    return submitted_review(school_a, published_framework(), levels=LEVELS, user=head_at_school_a)


def url(review, tail=""):
    return f"/self-evaluation/reviews/{review.pk}/actions/{tail}"


def domain(review, code):
    return review.version.domains.get(code=code)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def main(html):
    return html.split('id="main-content"')[1].split("</main>")[0]


def headings(html, level):
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", main(html), re.S)
    return [text(h) for h in found]


def rows(html):
    """Each action row as (title, owner, due, status) in page order."""
    found = []
    for row in re.findall(r'<tr class="govuk-table__row" id="action-\d+">(.*?)</tr>', html, re.S):
        cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        found.append(tuple(cells[:4]))
    return found


def add_data(section, **fields):
    prefix = f"add-{section}"
    data = {
        "section": section,
        f"{prefix}-domain": fields.pop("domain", section),
        f"{prefix}-title": "Call home on the first morning of absence",
        f"{prefix}-owner": "",
        f"{prefix}-due_date_day": "27",
        f"{prefix}-due_date_month": "3",
        f"{prefix}-due_date_year": "2026",
        f"{prefix}-status": "not_started",
        f"{prefix}-notes": "",
        f"{prefix}-intervention": "",
    }
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return data


def test_plan_lists_the_priorities_weakest_first_then_other_domains_with_actions(
    client, review, staff_at_school_a
):
    make_action(review=review, domain=domain(review, "transition"), title="Visit feeders")
    make_action(review=review, domain=domain(review, "attendance"), title="Some day")
    make_action(
        review=review,
        domain=domain(review, "attendance"),
        title="Daily calls",
        owner=staff_at_school_a,
        due_date=datetime.date(2026, 3, 9),
        status=ActionStatus.IN_PROGRESS,
    )
    make_action(
        review=review,
        domain=domain(review, "attendance"),
        title="Attendance awards",
        due_date=datetime.date(2026, 4, 1),
        status=ActionStatus.DONE,
    )
    client.force_login(staff_at_school_a)

    response = client.get(url(review))

    html = response.content.decode()
    assert response.status_code == 200
    assert headings(html, 2) == ["Your priorities", "Other domains"]
    assert headings(html, 3) == ["Attendance", "Belonging", "Transition"]
    assert "Priority Scored 1.5 out of 4 (between Not yet and Emerging)." in text(html)
    assert "Priority Scored 2.5 out of 4 (between Emerging and Established)." in text(html)
    assert rows(html) == [
        ("Daily calls", "Sam Staff", "9 Mar 2026 Overdue", "In progress"),
        ("Attendance awards", "No owner yet", "1 Apr 2026", "Done"),
        ("Some day", "No owner yet", "No date", "Not started"),
        ("Visit feeders", "No owner yet", "No date", "Not started"),
    ]
    assert '<strong class="govuk-tag govuk-tag--yellow">In progress</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Not started</strong>' in html
    assert "4 actions: 1 done, 1 in progress, 2 not started. 1 overdue." in text(html)
    assert f'href="/self-evaluation/reviews/{review.pk}/signposts/attendance/"' in html


def test_plan_for_a_reader_has_no_forms_and_offers_the_owner_an_update(
    client, review, staff_at_school_a
):
    mine = make_action(review=review, owner=staff_at_school_a, title="Mine")
    make_action(review=review, title="Not mine")
    client.force_login(staff_at_school_a)

    html = client.get(url(review)).content.decode()

    assert "<form" not in main(html)
    assert "If an action is yours, you can update how it is going." in html
    assert re.findall(r'href="([^"]*actions/\d+/[^"]*)"', html) == [url(review, f"{mine.pk}/")]


def test_plan_offers_a_lead_a_form_under_each_priority_and_one_for_any_domain(
    client, review, head_at_school_a, staff_at_school_a
):
    client.force_login(head_at_school_a)

    html = client.get(url(review)).content.decode()

    summaries = re.findall(r'<span class="govuk-details__summary-text">([^<]+)</span>', html)
    assert summaries == [
        "Add an action for Attendance",
        "Add an action for Belonging",
        "Add an action for another domain",
    ]
    assert html.count('id="add-action"') == 1
    assert re.search(r'<details class="govuk-details rc-no-print" id="add-action">', html)
    owner_select = html.split('name="add-other-owner"')[1].split("</select>")[0]
    owners = re.findall(r'<option value="(\d*)"[^>]*>([^<]+)</option>', owner_select)
    assert owners == [
        ("", "No owner yet"),
        (str(head_at_school_a.pk), "Harriet Head, Teacher"),
        (str(staff_at_school_a.pk), "Sam Staff, Teacher"),
    ]


def test_plan_prefills_the_form_a_signpost_links_to(client, review, head_at_school_a):
    intervention = InterventionPageFactory(title="Parental engagement")
    client.force_login(head_at_school_a)

    html = client.get(
        url(review), {"domain": "belonging", "intervention": intervention.pk}
    ).content.decode()

    opened = re.findall(r"<details[^>]*>", html)
    assert opened == [
        '<details class="govuk-details rc-no-print">',
        '<details class="govuk-details rc-no-print" id="add-action" open>',
        '<details class="govuk-details rc-no-print">',
    ]
    belonging = html.split('id="add-action"')[1].split("</details>")[0]
    assert f'<option value="{intervention.pk}" selected>Parental engagement</option>' in belonging


def test_plan_prefills_the_general_form_for_a_domain_that_is_not_a_priority(
    client, review, head_at_school_a
):
    client.force_login(head_at_school_a)

    html = client.get(url(review), {"domain": "transition"}).content.decode()

    general = html.split('id="add-action" open>')[1].split("</details>")[0]
    assert "Add an action for another domain" in general
    assert '<option value="transition" selected>Transition</option>' in general


def test_lead_adds_an_action_without_javascript(
    client, review, head_at_school_a, staff_at_school_a
):
    intervention = InterventionPageFactory(title="Parental engagement")
    client.force_login(head_at_school_a)

    response = client.post(
        url(review),
        add_data(
            "attendance",
            owner=str(staff_at_school_a.pk),
            status="in_progress",
            notes="Start with Year 7.",
            intervention=str(intervention.pk),
        ),
    )

    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(review) + f"#action-{action.pk}"
    assert (action.domain.code, action.title, action.owner, action.due_date) == (
        "attendance",
        "Call home on the first morning of absence",
        staff_at_school_a,
        datetime.date(2026, 3, 27),
    )
    assert (action.status, action.notes, action.intervention_id, action.created_by) == (
        "in_progress",
        "Start with Year 7.",
        intervention.pk,
        head_at_school_a,
    )
    html = client.get(response["Location"]).content.decode()
    assert "Action added: Call home on the first morning of absence" in html
    assert "Intervention: Parental engagement" in text(html)


def test_the_form_under_a_priority_adds_to_that_priority_whatever_is_posted(
    client, review, head_at_school_a
):
    client.force_login(head_at_school_a)

    client.post(url(review), add_data("attendance", domain="transition"))

    assert Action.objects.get().domain.code == "attendance"


def test_lead_adds_an_action_for_another_domain(client, review, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(url(review), add_data("other", domain="transition"))

    assert response.status_code == 302
    assert Action.objects.get().domain.code == "transition"
    html = client.get(url(review)).content.decode()
    assert headings(html, 3) == ["Attendance", "Belonging", "Transition"]


def test_adding_with_htmx_swaps_the_domains_list(client, review, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        url(review), add_data("belonging", title="Buddy scheme"), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="rc-plan-section" id="domain-belonging"')
    assert "Action added: Buddy scheme" in html
    assert rows(html) == [("Buddy scheme", "No owner yet", "27 Mar 2026", "Not started")]
    assert 'value="Buddy scheme"' not in html  # a fresh form for the next action
    assert '<p id="plan-counts" hx-swap-oob="innerHTML">1 action:' in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "The due date must be a real date."),
        ("27", "", "2026", "The due date must include a month."),
        ("27", "3", "26", "The year must be four numbers, like 2026."),
        ("x", "3", "2026", "The due date must be a real date."),
    ],
)
def test_a_bad_due_date_is_explained_and_nothing_is_added(
    client, review, head_at_school_a, day, month, year, message
):
    client.force_login(head_at_school_a)

    response = client.post(
        url(review),
        add_data("attendance", due_date_day=day, due_date_month=month, due_date_year=year),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert f'<a href="#id_add-attendance-due_date_day">{message}</a>' in html
    assert "<title>Error: Action plan: Autumn review – Reconnect</title>" in html
    assert f'value="{day}"' in html
    assert re.search(r'<details class="govuk-details rc-no-print" id="add-action" open>', html)


def test_an_owner_from_another_school_is_refused(
    client, review, head_at_school_a, head_at_school_b
):
    client.force_login(head_at_school_a)

    response = client.post(url(review), add_data("attendance", owner=str(head_at_school_b.pk)))

    assert response.status_code == 200
    assert "Choose someone from your school." in response.content.decode()
    assert not Action.objects.exists()


def test_a_contributor_may_plan(client, review, staff_at_school_a):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(url(review), add_data("attendance"))

    assert response.status_code == 302
    assert Action.objects.get().created_by == staff_at_school_a


def test_staff_who_did_not_help_cannot_add(client, review, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(url(review), add_data("attendance"))

    assert response.status_code == 403
    assert not Action.objects.exists()


def test_another_schools_lead_gets_404_and_nothing_changes(client, review, head_at_school_b):
    action = make_action(review=review, title="Daily calls")
    client.force_login(head_at_school_b)

    responses = [
        client.get(url(review)),
        client.post(url(review), add_data("attendance")),
        client.post(url(review, f"{action.pk}/"), {"title": "Taken over"}),
        client.post(url(review, f"{action.pk}/delete/")),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert list(Action.objects.values_list("title", flat=True)) == ["Daily calls"]


def test_anonymous_visitors_are_sent_to_sign_in(client, review):
    response = client.get(url(review))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url(review)}"


def test_an_open_review_sends_members_to_the_review(client, school_b, head_at_school_b):
    review = open_review(school_b, published_framework(), user=head_at_school_b)
    client.force_login(head_at_school_b)

    response = client.get(url(review), follow=True)

    assert response.redirect_chain == [(f"/self-evaluation/reviews/{review.pk}/", 302)]
    assert "The action plan follows the report: submit the review to start planning." in (
        response.content.decode()
    )


def test_lead_changes_every_field_of_an_action(client, review, head_at_school_a, staff_at_school_a):
    action = make_action(review=review, domain=domain(review, "attendance"), title="Old")
    client.force_login(head_at_school_a)

    response = client.post(
        url(review, f"{action.pk}/"),
        {
            "domain": "transition",
            "title": "Visit feeders",
            "owner": str(staff_at_school_a.pk),
            "due_date_day": "1",
            "due_date_month": "7",
            "due_date_year": "2026",
            "status": "done",
            "notes": "All six visited.",
            "intervention": "",
        },
    )

    action.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url(review) + f"#action-{action.pk}"
    assert (action.domain.code, action.title, action.owner, action.due_date) == (
        "transition",
        "Visit feeders",
        staff_at_school_a,
        datetime.date(2026, 7, 1),
    )
    assert (action.status, action.notes) == ("done", "All six visited.")


def test_the_edit_form_shows_the_actions_values(client, review, head_at_school_a):
    action = make_action(
        review=review, title="Daily calls", due_date=datetime.date(2026, 4, 2), notes="Go."
    )
    client.force_login(head_at_school_a)

    html = client.get(url(review, f"{action.pk}/")).content.decode()

    assert '<h1 class="govuk-heading-l">Change an action</h1>' in html
    assert 'value="Daily calls"' in html
    assert re.findall(r'name="due_date_(\w+)"[^>]*value="(\d*)"', html) == [
        ("day", "2"),
        ("month", "4"),
        ("year", "2026"),
    ]


def test_the_owner_updates_status_and_notes_only(client, review, staff_at_school_a):
    action = make_action(review=review, owner=staff_at_school_a, title="Breakfast club")
    client.force_login(staff_at_school_a)

    page = client.get(url(review, f"{action.pk}/")).content.decode()
    response = client.post(
        url(review, f"{action.pk}/"),
        {"status": "in_progress", "notes": "Started Monday.", "title": "Renamed"},
    )

    action.refresh_from_db()
    assert '<h1 class="govuk-heading-l">Update an action</h1>' in page
    assert 'name="title"' not in page
    assert response.status_code == 302
    assert (action.title, action.status, action.notes) == (
        "Breakfast club",
        "in_progress",
        "Started Monday.",
    )


def test_staff_cannot_change_someone_elses_action(client, review, staff_at_school_a):
    action = make_action(review=review, title="Breakfast club")
    client.force_login(staff_at_school_a)

    response = client.post(url(review, f"{action.pk}/"), {"status": "done", "notes": ""})

    action.refresh_from_db()
    assert response.status_code == 403
    assert action.status == "not_started"


def test_lead_deletes_an_action_after_confirming(client, review, head_at_school_a):
    action = make_action(review=review, domain=domain(review, "belonging"), title="Buddy scheme")
    client.force_login(head_at_school_a)

    confirm = client.get(url(review, f"{action.pk}/delete/")).content.decode()
    response = client.post(url(review, f"{action.pk}/delete/"), follow=True)

    assert '<h1 class="govuk-heading-l">Delete this action?</h1>' in confirm
    assert '<p class="govuk-body-l">Buddy scheme</p>' in confirm
    assert response.redirect_chain == [(url(review) + "#domain-belonging", 302)]
    assert "Action deleted: Buddy scheme" in response.content.decode()
    assert not Action.objects.exists()


def _plan_with(count, review, owner):
    for index in range(count):
        make_action(
            review=review,
            owner=owner,
            title=f"Action {index}",
            due_date=datetime.date(2026, 3, 1),
            intervention=InterventionPageFactory(),
        )


@pytest.mark.parametrize("count", [1, 3])
def test_plan_query_count_does_not_grow_with_actions(
    client, review, head_at_school_a, staff_at_school_a, django_assert_num_queries, count
):
    _plan_with(count, review, staff_at_school_a)
    client.force_login(head_at_school_a)

    cache.clear()  # Wagtail caches the site's root paths; measure from cold

    # 17: one of them asks which actions already have an Innovation Lab pilot.
    with django_assert_num_queries(15):  # 14, and the header's notification bell
        response = client.get(url(review))

    assert len(rows(response.content.decode())) == count
