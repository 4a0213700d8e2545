"""Posting on the board: who may, what is stored, who is told, closing and reopening."""

from typing import Any

import pytest
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.network.models import BoardKind, BoardPost, Notification, NotificationKind
from reconnect.network.services.board import (
    board_post_close,
    board_post_create,
    board_post_reopen,
    board_post_update,
)
from reconnect.network.tests.factories import BoardPostFactory
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _theme(slug="attendance"):
    return Theme.objects.get(slug=slug)


def _create(author, school, **fields):
    values: dict[str, Any] = {
        "kind": BoardKind.REQUEST,
        "title": "Cutting persistent absence",
        "body": "We would like to **visit** a school.",
        "themes": [_theme()],
        "phases": [],
    }
    values.update(fields)
    return board_post_create(author=author, school=school, **values)


def test_a_member_posts_for_their_school_with_markdown_rendered_safely(head_at_school_a, school_a):
    post = _create(
        head_at_school_a,
        school_a,
        body="We would like to **visit**. <script>alert(1)</script> [x](javascript:alert(1))",
        phases=["secondary", "primary", "primary"],
    )
    post.refresh_from_db()
    assert post.school == school_a
    assert post.author == head_at_school_a
    assert post.body_html == (
        "<p>We would like to <strong>visit</strong>. &lt;script&gt;alert(1)&lt;/script&gt; "
        "[x](javascript:alert(1))</p>\n"
    )
    assert post.phases == ["primary", "secondary"]  # the list's order, once each
    assert list(post.themes.values_list("slug", flat=True)) == ["attendance"]
    assert post.closed_at is None


def test_a_member_cannot_post_for_another_school(head_at_school_b, school_a):
    with pytest.raises(ApplicationError) as error:
        _create(head_at_school_b, school_a)
    assert error.value.message == "You can only post for a school you belong to."
    assert BoardPost.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "Enter a title."),
        ({"body": ""}, "Say what you can offer or are looking for."),
        ({"themes": []}, "Choose at least one theme."),
        ({"phases": ["kindergarten"]}, "Choose phases from the list."),
        ({"kind": "gift"}, "Choose whether you offer or look for help."),
    ],
)
def test_a_post_needs_its_fields(head_at_school_a, school_a, fields, message):
    with pytest.raises(ApplicationError) as error:
        _create(head_at_school_a, school_a, **fields)
    assert error.value.message == message
    assert BoardPost.objects.count() == 0


def test_a_new_offer_tells_other_schools_requesters_sharing_a_theme(
    head_at_school_a, school_a, staff_at_school_a
):
    other = SchoolFactory.create(name="Other Primary")
    wanting = UserFactory.create()
    MembershipFactory.create(school=other, user=wanting)
    BoardPostFactory.create(school=other, author=wanting, themes=[_theme(), _theme("send")])
    BoardPostFactory.create(
        school=other, author=UserFactory.create(), themes=[_theme("send")]
    )  # no match
    BoardPostFactory.create(  # closed: not told
        school=other, author=UserFactory.create(), themes=[_theme()], closed_at=timezone.now()
    )
    BoardPostFactory.create(
        school=school_a, author=staff_at_school_a, themes=[_theme()]
    )  # own school
    BoardPostFactory.create(  # an offer is not a request
        school=other, author=UserFactory.create(), kind=BoardKind.OFFER, themes=[_theme()]
    )

    offer = _create(head_at_school_a, school_a, kind=BoardKind.OFFER, title="Our attendance team")

    told = list(Notification.objects.values_list("user_id", "kind", "text", "url", "board_post"))
    assert told == [
        (
            wanting.pk,
            NotificationKind.BOARD,
            "Demo School A offers help on the board: Our attendance team",
            f"/network/board/{offer.pk}/",
            offer.pk,
        )
    ]


def test_a_new_request_tells_no_one(head_at_school_a, school_a):
    BoardPostFactory.create(kind=BoardKind.OFFER, themes=[_theme()])
    _create(head_at_school_a, school_a)
    assert Notification.objects.count() == 0


def test_update_changes_words_and_tags_but_not_kind_or_school(head_at_school_a, school_a):
    post = _create(head_at_school_a, school_a)
    board_post_update(
        post=post,
        title="Transition help",
        body="_Year 6 to 7_",
        themes=[_theme("transition")],
        phases=["secondary"],
    )
    post.refresh_from_db()
    assert (post.title, post.body, post.body_html, post.phases) == (
        "Transition help",
        "_Year 6 to 7_",
        "<p><em>Year 6 to 7</em></p>\n",
        ["secondary"],
    )
    assert list(post.themes.values_list("slug", flat=True)) == ["transition"]
    assert (post.kind, post.school_id) == (BoardKind.REQUEST, school_a.pk)


def test_close_and_reopen_are_idempotent(head_at_school_a, school_a):
    post = _create(head_at_school_a, school_a)
    board_post_close(post=post)
    closed_at = post.closed_at
    assert closed_at is not None
    board_post_close(post=post)
    post.refresh_from_db()
    assert post.closed_at == closed_at
    board_post_reopen(post=post)
    board_post_reopen(post=post)
    post.refresh_from_db()
    assert post.closed_at is None
