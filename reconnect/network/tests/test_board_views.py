"""The board's pages: the listing and its filters, posting, a post and its matches,
changing, closing and reopening, and who gets what."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.hub.tests.factories import InterventionPageFactory
from reconnect.lab.models import PilotStatus
from reconnect.lab.tests.factories import PilotFactory
from reconnect.network.models import BoardKind, BoardPost
from reconnect.network.tests.factories import BoardPostFactory
from reconnect.schools.models import School
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

BOARD = reverse("network:board")


def _theme(slug="attendance"):
    return Theme.objects.get(slug=slug)


def _post(school, *, days_ago=0, **fields):
    fields.setdefault("themes", [_theme()])
    post = BoardPostFactory.create(school=school, **fields)
    BoardPost.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return post


def _url(name, post):
    return reverse(f"network:{name}", kwargs={"post_id": post.pk})


def _titles(response):
    return [post.title for post in response.context["posts"]]


# --- The listing -------------------------------------------------------------------------


def test_the_board_lists_open_posts_newest_first(client, staff_at_school_a, school_a, school_b):
    _post(school_b, title="Older request", days_ago=3)
    _post(school_a, title="Newer offer", kind=BoardKind.OFFER, days_ago=1)
    _post(school_b, title="Closed request", closed_at=timezone.now())
    client.force_login(staff_at_school_a)
    response = client.get(BOARD)
    assert response.status_code == 200
    assert _titles(response) == ["Newer offer", "Older request"]
    assert "Closed request" not in response.content.decode()


def test_a_school_may_list_its_own_closed_posts_but_never_anothers(
    client, staff_at_school_a, school_a, school_b
):
    _post(school_a, title="Our closed post", closed_at=timezone.now(), days_ago=1)
    _post(school_b, title="Their closed post", closed_at=timezone.now())
    _post(school_b, title="Their open post", days_ago=2)
    client.force_login(staff_at_school_a)
    response = client.get(BOARD, {"closed": "on"})
    assert _titles(response) == ["Our closed post", "Their open post"]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"kind": "offer"}, ["Offer, SEND, secondary, Southwark"]),
        ({"kind": "request"}, ["Request, any phase, Camden", "Request, primary, Camden"]),
        ({"theme": "send"}, ["Offer, SEND, secondary, Southwark"]),
        ({"phase": "primary"}, ["Request, any phase, Camden", "Request, primary, Camden"]),
        ({"phase": "secondary"},
         ["Request, any phase, Camden", "Offer, SEND, secondary, Southwark"]),
        ({"borough": "southwark"}, ["Offer, SEND, secondary, Southwark"]),
        ({"theme": "attendance", "phase": "primary", "kind": "request"},
         ["Request, any phase, Camden", "Request, primary, Camden"]),
        ({"theme": "no-such-theme"}, ["Request, any phase, Camden", "Request, primary, Camden",
                                      "Offer, SEND, secondary, Southwark"]),
    ],
)  # fmt: skip
def test_the_board_filters(client, staff_at_school_a, school_a, school_b, query, titles):
    _post(school_a, title="Request, any phase, Camden", days_ago=1)
    _post(school_a, title="Request, primary, Camden", phases=["primary"], days_ago=2)
    _post(
        school_b,
        title="Offer, SEND, secondary, Southwark",
        kind=BoardKind.OFFER,
        themes=[_theme("send")],
        phases=["secondary"],
        days_ago=3,
    )
    client.force_login(staff_at_school_a)
    assert _titles(client.get(BOARD, query)) == titles


def _board_queries(client, user):
    client.force_login(user)
    client.get(BOARD)  # fills the per-member caches (second-factor gate, bell)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BOARD)
    assert response.status_code == 200
    return len(captured), len(response.context["posts"])


def test_the_board_costs_the_same_queries_for_one_post_and_for_three(
    client, staff_at_school_a, school_a, school_b
):
    _post(school_a, themes=[_theme(), _theme("send")], phases=["primary"])
    one, listed = _board_queries(client, staff_at_school_a)
    assert listed == 1
    _post(
        school_b, author=UserFactory.create(), kind=BoardKind.OFFER, themes=[_theme("transition")]
    )
    _post(SchoolFactory.create(local_authority__code=306), author=None, themes=[_theme()])
    three, listed = _board_queries(client, staff_at_school_a)
    assert listed == 3
    assert three == one


def test_the_board_is_paginated(client, staff_at_school_a, school_a):
    for day in range(21):
        _post(school_a, title=f"Post {day:02d}", days_ago=day)
    client.force_login(staff_at_school_a)
    second = client.get(BOARD, {"page": 2})
    assert _titles(second) == ["Post 20"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(BOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Posting -----------------------------------------------------------------------------


def _form(school, **fields):
    data = {
        "kind": BoardKind.REQUEST,
        "school": school.pk,
        "title": "Help with persistent absence",
        "body": "We would like to visit.",
        "themes": [_theme().pk],
        "phases": ["primary"],
    }
    data.update(fields)
    return data


def test_a_member_posts_a_request(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)
    response = client.post(reverse("network:board-post-new"), _form(school_a))
    post = BoardPost.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("board-post", post)
    assert (post.school, post.author, post.kind, post.title, post.phases) == (
        school_a,
        staff_at_school_a,
        BoardKind.REQUEST,
        "Help with persistent absence",
        ["primary"],
    )


def test_the_school_choice_is_hidden_for_a_member_of_one_school(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    response = client.get(reverse("network:board-post-new"), {"kind": "offer"})
    school_id = staff_at_school_a.memberships.get().school_id
    html = response.content.decode()
    assert f'<input type="hidden" name="school" value="{school_id}"' in html
    assert response.context["form"]["kind"].value() == "offer"


def test_a_member_of_two_schools_chooses_one(client, staff_at_school_a, school_a, school_b):
    MembershipFactory.create(user=staff_at_school_a, school=school_b)
    client.force_login(staff_at_school_a)
    response = client.post(reverse("network:board-post-new"), _form(school_b))
    assert response.status_code == 302
    assert BoardPost.objects.get().school == school_b


def test_posting_for_another_school_is_refused(client, head_at_school_b, school_a):
    client.force_login(head_at_school_b)
    response = client.post(reverse("network:board-post-new"), _form(school_a))
    assert response.status_code == 400
    assert response.context["form"].errors["school"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert BoardPost.objects.count() == 0


def test_a_post_without_a_theme_is_refused(client, staff_at_school_a, school_a):
    client.force_login(staff_at_school_a)
    response = client.post(reverse("network:board-post-new"), _form(school_a, themes=[]))
    assert response.status_code == 400
    assert response.context["form"].errors["themes"] == ["Choose at least one theme."]
    assert "There is a problem" in response.content.decode()
    assert BoardPost.objects.count() == 0


def test_members_without_a_school_may_not_post(client, system_leader):
    client.force_login(system_leader)
    assert client.get(reverse("network:board-post-new")).status_code == 403


# --- A post and its matches ----------------------------------------------------------------


def _open_school(name, code, *, phase=School.Phase.PRIMARY, first="Open"):
    school = SchoolFactory.create(name=name, local_authority__code=code, phase=phase)
    MembershipFactory.create(
        school=school,
        user=UserFactory.create(first_name=first, last_name="Contact", open_to_contact=True),
    )
    return school


def _completed_pilot(school, title):
    PilotFactory.create(
        school=school,
        status=PilotStatus.COMPLETED,
        completed_at=datetime.datetime(2025, 11, 5, tzinfo=datetime.UTC),
        intervention=InterventionPageFactory.create(title=title, themes=["attendance"]),
    )


def test_a_request_shows_the_schools_that_may_help_ranked(
    client, head_at_school_b, school_a, staff_at_school_a
):
    request = _post(school_a, author=staff_at_school_a, title="Absence help", phases=["primary"])
    near = _open_school("Islington Primary", 206, first="Near")
    _completed_pilot(near, "Magnetic Reading")
    far = _open_school("Croydon Primary", 306, first="Far")
    _completed_pilot(far, "Attendance Mentors")
    secondary = _open_school("Camden Secondary", 202, phase=School.Phase.SECONDARY)
    _post(secondary, kind=BoardKind.OFFER, title="Our first-day calls")
    _completed_pilot(school_a, "Own Pilot")  # the post's own school: never a match
    client.force_login(head_at_school_b)
    response = client.get(_url("board-post", request))
    assert response.status_code == 200
    rows = [(row.school.name, [r.text for r in row.reasons]) for row in response.context["matches"]]
    assert rows == [
        # pilot 3 + neighbouring borough 1 + primary wanted 1
        ("Islington Primary", ["Completed a pilot of Magnetic Reading, 2025\u201326",
                               "Neighbouring borough: Islington", "Phase: Primary"]),
        # offer 2 + same borough 2, secondary not wanted
        ("Camden Secondary", ["Offers help on the board: Our first-day calls",
                              "Same borough: Camden"]),
        # pilot 3 + primary 1
        ("Croydon Primary", ["Completed a pilot of Attendance Mentors, 2025\u201326",
                             "Phase: Primary"]),
    ]  # fmt: skip
    html = response.content.decode()
    assert "Schools that may help" in html
    contact = reverse("network:board-contact", kwargs={"post_id": request.pk, "school_id": near.pk})
    assert f'href="{contact}"' in html


def test_an_offer_shows_the_schools_that_may_want_it(client, staff_at_school_a, school_a):
    offer = _post(school_a, kind=BoardKind.OFFER, title="Visit our breakfast club")
    wanting = _open_school("Wanting Primary", 210)
    _post(wanting, title="Breakfast club advice")
    _completed_pilot(_open_school("Pilot Primary", 210), "Magnetic Reading")  # not a want
    client.force_login(staff_at_school_a)
    response = client.get(_url("board-post", offer))
    rows = [(row.school.name, [r.text for r in row.reasons]) for row in response.context["matches"]]
    assert rows == [
        ("Wanting Primary", ["Is looking for help on the board: Breakfast club advice",
                             "Phase: Primary"]),
    ]  # fmt: skip
    assert "Schools that may want this" in response.content.decode()


def test_a_closed_post_is_hidden_from_other_schools(client, head_at_school_b, school_a):
    post = _post(school_a, closed_at=timezone.now())
    client.force_login(head_at_school_b)
    assert client.get(_url("board-post", post)).status_code == 404


def test_a_closed_post_shows_its_school_no_matches(client, staff_at_school_a, school_a):
    post = _post(school_a, closed_at=timezone.now())
    _completed_pilot(_open_school("Pilot Primary", 210), "Magnetic Reading")
    client.force_login(staff_at_school_a)
    response = client.get(_url("board-post", post))
    assert response.status_code == 200
    assert response.context["matches"] == []
    assert 'data-testid="closed"' in response.content.decode()


def test_the_post_page_costs_the_same_queries_for_one_match_and_for_three(
    client, head_at_school_b, school_a
):
    post = _post(school_a)
    _completed_pilot(_open_school("One Primary", 206), "Approach One")

    def count():
        client.force_login(head_at_school_b)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url("board-post", post))
        return len(captured), len(response.context["matches"])

    one, listed = count()
    assert listed == 1
    _completed_pilot(_open_school("Two Primary", 302), "Approach Two")
    _post(_open_school("Three Primary", 306), kind=BoardKind.OFFER)
    cache.clear()
    three, listed = count()
    assert listed == 3
    assert three == one


# --- Changing, closing, reopening -----------------------------------------------------------


def test_the_author_edits_their_post(client, staff_at_school_a, school_a):
    post = _post(school_a, author=staff_at_school_a)
    client.force_login(staff_at_school_a)
    response = client.post(
        _url("board-post-edit", post),
        {"title": "New title", "body": "New body", "themes": [_theme("send").pk]},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.body, post.phases) == ("New title", "New body", [])


def test_another_member_of_the_school_may_not_edit(
    client, staff_at_school_a, head_at_school_a, school_a
):
    post = _post(school_a, author=head_at_school_a, title="Kept")
    client.force_login(staff_at_school_a)
    response = client.post(
        _url("board-post-edit", post), {"title": "Changed", "body": "x", "themes": [_theme().pk]}
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Kept"


def test_the_school_lead_closes_and_reopens_a_colleagues_post(
    client, staff_at_school_a, head_at_school_a, school_a
):
    post = _post(school_a, author=staff_at_school_a)
    client.force_login(head_at_school_a)
    assert client.post(_url("board-post-close", post)).status_code == 302
    post.refresh_from_db()
    assert post.closed_at is not None
    assert client.post(_url("board-post-reopen", post)).status_code == 302
    post.refresh_from_db()
    assert post.closed_at is None


def test_another_school_may_not_close_a_post(client, head_at_school_b, school_a):
    post = _post(school_a)
    client.force_login(head_at_school_b)
    assert client.post(_url("board-post-close", post)).status_code == 403
    post.refresh_from_db()
    assert post.closed_at is None


def test_closing_takes_post_only(client, head_at_school_a, school_a):
    post = _post(school_a, author=head_at_school_a)
    client.force_login(head_at_school_a)
    assert client.get(_url("board-post-close", post)).status_code == 405
