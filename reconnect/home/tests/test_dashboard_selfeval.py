"""The dashboard's self-evaluation: a school lead's next step, and everyone's actions due."""

import datetime
import re
from typing import Any, cast

import pytest
import time_machine

from reconnect.accounts.tests.factories import UserFactory
from reconnect.home.tests.test_dashboard import links, statuses, steps
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.selfeval.models import Action, ActionStatus, Level
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import (
    ActionFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def make_action(**fields: Any) -> Action:
    """``ActionFactory`` typed for mypy (the factory's base class is not parametrised)."""
    return cast(Action, ActionFactory(**fields))


def step(html: str, name_start: str) -> tuple[str, str, str]:
    """(name, href, status) of the one next step whose name starts so."""
    found = [
        (name, href, status)
        for (name, href), status in zip(links(html), statuses(html), strict=True)
        if name.startswith(name_start)
    ]
    assert len(found) == 1, found
    return found[0]


def due_items(html: str) -> list[str]:
    """Each item of the Actions due panel as text."""
    panel = html.split('id="actions-due"')[1].split("</ul>")[0]
    items = re.findall(r'<li class="rc-result-list__item">(.*?)</li>', panel, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip() for item in items]


def test_a_lead_is_asked_to_start_a_self_evaluation(client, head_at_school_a):
    published_framework()
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert step(html, "Start your") == ("Start your self-evaluation", "/self-evaluation/", "To do")
    assert (
        "Rate how Demo School A supports disadvantaged pupils, compare with similar schools, "
        "and find what works on your priorities."
    ) in html


def test_no_self_evaluation_step_before_a_framework_is_published(client, head_at_school_a):
    published_framework(status="draft")
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert not [name for name in steps(html) if "self-evaluation" in name]


def test_a_lead_is_asked_to_continue_an_open_review_with_its_progress(
    client, school_a, head_at_school_a
):
    review = open_review(school_a, published_framework(), user=head_at_school_a)
    statements = list(review.version.domains.get(code="attendance").statements.all())
    for statement in statements:
        answer_save(
            review=review,
            statement=statement,
            user=head_at_school_a,
            level=Level.EMERGING,
            evidence="",
            seen_revision=None,
        )
    # Evidence noted without a level does not count as answered.
    answer_save(
        review=review,
        statement=review.version.domains.get(code="transition").statements.first(),
        user=head_at_school_a,
        level=None,
        evidence="Notes so far",
        seen_revision=None,
    )
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert step(html, "Continue") == (
        "Continue your review (4 of 12 answered)",
        f"/self-evaluation/reviews/{review.pk}/",
        "To do",
    )


def test_a_review_submitted_this_year_is_done(client, school_a, head_at_school_a):
    review = submitted_review(
        school_a,
        published_framework(),
        user=head_at_school_a,
        submitted_at=datetime.datetime(2025, 6, 12, 15, 0, tzinfo=datetime.UTC),
    )
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert step(html, "Read your") == (
        "Read your self-evaluation report",
        f"/self-evaluation/reviews/{review.pk}/report/",
        "Completed",
    )
    assert "Demo School A submitted its review on 12 June 2025." in html


def test_a_review_submitted_over_a_year_ago_is_due_again(client, school_a, head_at_school_a):
    submitted_review(
        school_a,
        published_framework(),
        user=head_at_school_a,
        submitted_at=datetime.datetime(2025, 3, 1, 15, 0, tzinfo=datetime.UTC),
    )
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert step(html, "Start this") == (
        "Start this year’s self-evaluation",
        "/self-evaluation/",
        "To do",
    )
    assert "Demo School A last submitted a review on 1 March 2025." in html


def test_staff_are_not_asked_to_start_a_self_evaluation(client, staff_at_school_a):
    published_framework()
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert not [name for name in steps(html) if "self-evaluation" in name]


def test_actions_due_lists_overdue_first_then_by_date(
    client, school_a, school_b, head_at_school_a, staff_at_school_a, head_at_school_b
):
    version = published_framework()
    review = submitted_review(school_a, version, user=head_at_school_a)
    other = submitted_review(school_b, version, user=head_at_school_b)
    attendance = review.version.domains.get(code="attendance")

    def due(title, days, **fields):
        return make_action(
            review=review,
            domain=attendance,
            title=title,
            due_date=datetime.date(2026, 3, 10) + datetime.timedelta(days=days),
            **fields,
        )

    soon = due("Soon", 14, owner=staff_at_school_a)
    today = due("Today", 0, status=ActionStatus.IN_PROGRESS)
    late = due("Late", -1, owner=head_at_school_a)
    later_late = due("Very late", -20)
    due("Finished", -3, status=ActionStatus.DONE)
    due("Far off", 15)
    make_action(review=review, title="Whenever")
    make_action(review=other, title="Elsewhere", due_date=datetime.date(2026, 3, 11))
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert due_items(html) == [
        "Very late Overdue : was due 18 February 2026 · No owner yet · Attendance",
        "Late Overdue : was due 9 March 2026 · Owner: you · Attendance",
        "Today Due 10 March 2026 · No owner yet · Attendance",
        "Soon Due 24 March 2026 · Owner: Sam Staff · Attendance",
    ]
    plan = f"/self-evaluation/reviews/{review.pk}/actions/"
    assert re.findall(r'href="([^"]*#action-\d+)"', html) == [
        f"{plan}#action-{later_late.pk}",
        f"{plan}#action-{late.pk}",
        f"{plan}#action-{today.pk}",
        f"{plan}#action-{soon.pk}",
    ]


def test_every_member_of_the_school_sees_its_actions_due(client, school_a, staff_at_school_a):
    review = submitted_review(school_a, published_framework())
    make_action(review=review, title="Breakfast club", due_date=datetime.date(2026, 3, 12))
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert due_items(html) == ["Breakfast club Due 12 March 2026 · No owner yet · Attendance"]


def test_actions_due_names_the_school_for_a_member_of_several(
    client, school_a, school_b, head_at_school_a
):
    MembershipFactory(user=head_at_school_a, school=school_b, role=SchoolRole.STAFF)
    review = submitted_review(school_b, published_framework())
    make_action(review=review, title="Transition visits", due_date=datetime.date(2026, 3, 12))
    client.force_login(head_at_school_a)

    html = client.get("/").content.decode()

    assert due_items(html) == [
        "Transition visits Due 12 March 2026 · No owner yet · Attendance · Demo School B"
    ]


def test_actions_due_says_when_there_are_more_than_it_lists(client, school_a, staff_at_school_a):
    review = submitted_review(school_a, published_framework())
    for day in range(1, 13):
        make_action(review=review, title=f"Step {day}", due_date=datetime.date(2026, 3, day))
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert len(due_items(html)) == 10
    assert due_items(html)[0].startswith("Step 1 Overdue")
    assert "These are the 10 due soonest; the action plans list the rest." in html


def test_no_actions_due_panel_when_nothing_is_due(client, school_a, staff_at_school_a):
    review = submitted_review(school_a, published_framework())
    make_action(review=review, title="Later", due_date=datetime.date(2026, 6, 1))
    client.force_login(staff_at_school_a)

    html = client.get("/").content.decode()

    assert 'id="actions-due"' not in html


def _lead_of(schools: int, actions: int):
    user = UserFactory()
    version = published_framework()
    for index in range(schools):
        school = SchoolFactory()
        MembershipFactory(user=user, school=school, role=SchoolRole.SCHOOL_LEAD)
        submitted_review(school, version, user=user, title="Last year")
        if index == 0:
            review = submitted_review(school, version, user=user)
            for _ in range(actions):
                make_action(review=review, owner=user, due_date=datetime.date(2026, 3, 1))
        open_review(school, version, user=user)
    return user


@pytest.mark.parametrize(("schools", "actions"), [(1, 1), (3, 3)])
def test_dashboard_query_count_for_a_lead_does_not_grow(
    client, django_assert_num_queries, schools, actions
):
    from tests.personas import enrol_mfa

    client.force_login(enrol_mfa(_lead_of(schools, actions)))

    # + the lead's latest pupil data, + the invitations waiting at their schools, + reading
    # the due actions once some are found, + the bell
    with django_assert_num_queries(14):
        response = client.get("/")

    html = response.content.decode()
    assert len(due_items(html)) == actions
    assert len([name for name in steps(html) if name.startswith("Continue your review")]) == schools
