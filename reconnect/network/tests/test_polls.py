"""Polls: adding one to a thread's opening post, voting, results and closing."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.network.models import Poll, PollKind, PollVote, Post, PostStatus
from reconnect.network.selectors.polls import polls_for_posts
from reconnect.network.services.polls import poll_close, poll_create, poll_vote
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db


def _poll(thread=None, **fields) -> Poll:
    thread = thread or thread_with_posts()
    opening = Post.objects.get(thread=thread, number=1)
    defaults = {
        "question": "When should the network meet?",
        "kind": PollKind.SINGLE,
        "options": ["Monday after school", "Friday morning", "Saturday"],
    }
    return poll_create(post=opening, by=thread.author, **{**defaults, **fields})


def _first(poll: Poll) -> int:
    return poll.options.values_list("pk", flat=True)[0]


def _labels(poll: Poll) -> list[str]:
    return list(poll.options.values_list("label", flat=True))


def _votes(poll: Poll) -> list[tuple[str, str]]:
    return sorted(PollVote.objects.filter(poll=poll).values_list("user__email", "option__label"))


# --- poll_create --------------------------------------------------------------------------------


def test_create_keeps_the_options_in_order_without_blanks():
    poll = _poll(options=[" Monday ", "", "Friday", "  "])
    assert _labels(poll) == ["Monday", "Friday"]
    assert (poll.kind, poll.max_choices, poll.show_voters, poll.closes_at) == (
        PollKind.SINGLE,
        1,
        False,
        None,
    )


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"options": ["Only one"]}, "Enter at least 2 options, one on each line.", "options"),
        (
            {"options": [f"Option {n}" for n in range(11)]},
            "Enter at most 10 options, one on each line.",
            "options",
        ),
        ({"options": ["Friday", "friday"]}, "Each option must be different.", "options"),
        (
            {"kind": PollKind.MULTIPLE, "max_choices": 4},
            "Members may choose between 1 and 3 options: enter a number in that range.",
            "max_choices",
        ),
        (
            {"closes_at": timezone.now() - datetime.timedelta(minutes=1)},
            "The closing date must be in the future.",
            "closes_at",
        ),
    ],
)
def test_create_refuses_bad_polls(fields, message, field):
    with pytest.raises(ApplicationError) as refused:
        _poll(**fields)
    assert (refused.value.message, refused.value.field) == (message, field)
    assert Poll.objects.count() == 0


def test_create_refuses_a_reply_and_a_second_poll():
    thread = thread_with_posts(replies=1)
    reply = Post.objects.get(thread=thread, number=2)
    with pytest.raises(ApplicationError, match=re.escape("only be added to a thread’s first post")):
        poll_create(post=reply, by=thread.author, question="Q?", kind="single", options=["a", "b"])
    _poll(thread)
    with pytest.raises(ApplicationError, match=re.escape("This thread already has a poll.")):
        _poll(thread)
    assert Poll.objects.count() == 1


def test_create_single_choice_ignores_a_maximum():
    assert _poll(max_choices=3).max_choices == 1


# --- poll_vote ------------------------------------------------------------------------------------


def test_vote_is_idempotent_and_changes_replace_the_old_vote():
    poll = _poll()
    monday, friday, _saturday = poll.options.all()
    voter = UserFactory.create(email="voter@school.example.org")
    poll_vote(poll=poll, user=voter, option_ids=[monday.pk])
    poll_vote(poll=poll, user=voter, option_ids=[monday.pk])
    assert _votes(poll) == [("voter@school.example.org", "Monday after school")]
    poll_vote(poll=poll, user=voter, option_ids=[friday.pk])
    assert _votes(poll) == [("voter@school.example.org", "Friday morning")]


def test_vote_multiple_up_to_the_maximum():
    poll = _poll(kind=PollKind.MULTIPLE, max_choices=2)
    monday, friday, saturday = poll.options.all()
    voter = UserFactory.create(email="voter@school.example.org")
    poll_vote(poll=poll, user=voter, option_ids=[monday.pk, saturday.pk])
    assert _votes(poll) == [
        ("voter@school.example.org", "Monday after school"),
        ("voter@school.example.org", "Saturday"),
    ]
    with pytest.raises(ApplicationError, match=re.escape("Choose at most 2 options.")):
        poll_vote(poll=poll, user=voter, option_ids=[monday.pk, friday.pk, saturday.pk])
    assert len(_votes(poll)) == 2


def test_vote_refuses_two_choices_in_a_single_poll_another_polls_option_and_nothing():
    poll, other = _poll(), _poll()
    monday, friday, _ = poll.options.all()
    voter = UserFactory.create()
    with pytest.raises(ApplicationError, match=re.escape("Choose one option.")):
        poll_vote(poll=poll, user=voter, option_ids=[monday.pk, friday.pk])
    with pytest.raises(ApplicationError, match=re.escape("Choose one of the poll’s options.")):
        poll_vote(poll=poll, user=voter, option_ids=[_first(other)])
    with pytest.raises(ApplicationError, match=re.escape("Choose an option.")):
        poll_vote(poll=poll, user=voter, option_ids=[])
    assert PollVote.objects.count() == 0


def test_vote_refuses_a_closed_poll_by_date_or_by_hand():
    by_hand = _poll()
    poll_close(poll=by_hand, by=by_hand.post.author)
    by_date = _poll(closes_at=timezone.now() + datetime.timedelta(hours=1))
    Poll.objects.filter(pk=by_date.pk).update(closes_at=timezone.now())
    by_date.refresh_from_db()
    for poll in (by_hand, by_date):
        with pytest.raises(ApplicationError, match=re.escape("This poll has closed.")):
            poll_vote(poll=poll, user=UserFactory.create(), option_ids=[_first(poll)])
    assert PollVote.objects.count() == 0


# --- results --------------------------------------------------------------------------------------


def test_results_count_voters_and_percentages(head_at_school_a):
    poll = _poll(kind=PollKind.MULTIPLE, max_choices=3, show_voters=True)
    monday, friday, saturday = poll.options.all()
    ann = UserFactory.create(first_name="Ann", last_name="Adams")
    bob = UserFactory.create(first_name="Bob", last_name="Brown")
    poll_vote(poll=poll, user=ann, option_ids=[monday.pk, friday.pk])
    poll_vote(poll=poll, user=bob, option_ids=[monday.pk])
    poll_vote(poll=poll, user=head_at_school_a, option_ids=[saturday.pk])
    post = Post.objects.select_related("thread").get(pk=poll.post_id)
    view = polls_for_posts([post], head_at_school_a)[post.pk]
    assert post.poll_view is view
    assert view.voter_count == 3
    assert [(r.option.label, r.votes, r.percent, r.chosen) for r in view.options] == [
        ("Monday after school", 2, 67, False),
        ("Friday morning", 1, 33, False),
        ("Saturday", 1, 33, True),
    ]
    assert [[v.pk for v in r.voters] for r in view.options] == [
        [ann.pk, bob.pk],
        [ann.pk],
        [head_at_school_a.pk],
    ]


def test_polls_for_posts_costs_the_same_for_one_and_many_polls(
    django_assert_num_queries, head_at_school_a
):
    def page(count):
        posts = []
        for _ in range(count):
            poll = _poll(show_voters=True)
            poll_vote(poll=poll, user=head_at_school_a, option_ids=[_first(poll)])
            posts.append(poll.post_id)
        replies = [
            PostFactory.create(thread_id=Post.objects.get(pk=pk).thread_id, number=2).pk
            for pk in posts
        ]
        return list(Post.objects.select_related("thread").filter(pk__in=posts + replies))

    one, three = page(1), page(3)
    head_at_school_a.refresh_from_db()
    for posts in (one, three):
        with django_assert_num_queries(5):
            polls_for_posts(posts, head_at_school_a)
        assert sum(1 for post in posts if post.poll_view is not None) == len(posts) // 2
    replies_only = [post for post in three if post.number == 2]
    with django_assert_num_queries(0):
        polls_for_posts(replies_only, head_at_school_a)
    assert all(post.poll_view is None for post in replies_only)


# --- pages ----------------------------------------------------------------------------------------


def test_author_adds_a_poll_through_the_form(client, head_at_school_a):
    thread = thread_with_posts(author=head_at_school_a)
    client.force_login(head_at_school_a)
    url = reverse("network:poll-new", kwargs={"thread_id": thread.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "question": "Which day suits you?",
            "kind": "multiple",
            "max_choices": "2",
            "options": "Monday\r\nWednesday\r\n\r\nFriday",
            "show_voters": "on",
            "closes_at": "2099-03-31T17:00",
        },
    )
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/network/threads/{thread.pk}/#poll-{poll.pk}"
    assert _labels(poll) == ["Monday", "Wednesday", "Friday"]
    assert (poll.question, poll.kind, poll.max_choices, poll.show_voters) == (
        "Which day suits you?",
        "multiple",
        2,
        True,
    )
    assert timezone.localtime(poll.closes_at).strftime("%Y-%m-%d %H:%M") == "2099-03-31 17:00"


def test_the_form_shows_what_is_wrong(client, head_at_school_a):
    thread = thread_with_posts(author=head_at_school_a)
    client.force_login(head_at_school_a)
    response = client.post(
        reverse("network:poll-new", kwargs={"thread_id": thread.pk}),
        {"question": "", "kind": "single", "options": "Only one"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter the question" in html
    assert "Enter at least 2 options, one on each line." not in html  # question first
    assert Poll.objects.count() == 0
    response = client.post(
        reverse("network:poll-new", kwargs={"thread_id": thread.pk}),
        {"question": "Q?", "kind": "single", "options": "Only one"},
    )
    assert response.status_code == 400
    assert "Enter at least 2 options, one on each line." in response.content.decode()


def test_only_the_author_or_a_moderator_adds_a_poll(
    client, head_at_school_a, head_at_school_b, coordinator
):
    thread = thread_with_posts(author=head_at_school_a)
    url = reverse("network:poll-new", kwargs={"thread_id": thread.pk})
    client.force_login(head_at_school_b)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


def test_a_second_poll_page_leads_to_the_first(client, head_at_school_a):
    thread = thread_with_posts(author=head_at_school_a)
    poll = _poll(thread)
    client.force_login(head_at_school_a)
    response = client.get(reverse("network:poll-new", kwargs={"thread_id": thread.pk}))
    assert response.status_code == 302
    assert response["Location"] == f"/network/polls/{poll.pk}/"


def test_voting_without_javascript_goes_back_to_the_thread(client, head_at_school_b):
    poll = _poll()
    friday = poll.options.get(label="Friday morning")
    client.force_login(head_at_school_b)
    thread_path = f"/network/threads/{poll.post.thread_id}/"
    response = client.post(
        reverse("network:poll-vote", kwargs={"poll_id": poll.pk}),
        {"options": str(friday.pk), "next": thread_path},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{thread_path}#poll-{poll.pk}"
    assert list(PollVote.objects.values_list("user", "option")) == [
        (head_at_school_b.pk, friday.pk)
    ]


def test_voting_refuses_a_next_url_elsewhere(client, head_at_school_b):
    poll = _poll()
    client.force_login(head_at_school_b)
    response = client.post(
        reverse("network:poll-vote", kwargs={"poll_id": poll.pk}),
        {"options": str(_first(poll)), "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/network/polls/{poll.pk}/"


def test_voting_with_htmx_returns_the_poll_alone(client, head_at_school_b):
    poll = _poll()
    client.force_login(head_at_school_b)
    response = client.post(
        reverse("network:poll-vote", kwargs={"poll_id": poll.pk}),
        {"options": str(_first(poll))},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<section class="rc-poll govuk-!-margin-bottom-6" id="poll-{poll.pk}"'
    )
    assert "<html" not in html
    assert "1 member voted." in html
    assert "Change your vote" in html


def test_a_bad_vote_shows_the_error_on_the_poll_page(client, head_at_school_b):
    poll = _poll()
    client.force_login(head_at_school_b)
    response = client.post(reverse("network:poll-vote", kwargs={"poll_id": poll.pk}), {})
    assert response.status_code == 400
    assert "Choose an option." in response.content.decode()
    assert PollVote.objects.count() == 0


def test_poll_page_shows_results_with_a_meter_and_anonymous_by_default(
    client, head_at_school_a, head_at_school_b
):
    poll = _poll()
    monday = poll.options.get(label="Monday after school")
    poll_vote(poll=poll, user=head_at_school_a, option_ids=[monday.pk])
    client.force_login(head_at_school_b)
    html = client.get(reverse("network:poll", kwargs={"poll_id": poll.pk})).content.decode()
    assert "Votes are anonymous." in html
    assert "Voted:" not in html
    assert head_at_school_a.display_name not in html
    assert (
        '<meter class="rc-poll__bar" min="0" max="100" value="100" aria-hidden="true"></meter> 100%'
        in html
    )
    assert re.search(r"Monday after school\s*</th>\s*<td[^>]*>1</td>", html)
    assert "style=" not in html


def test_poll_page_names_voters_when_the_poll_shows_them(
    client, head_at_school_a, head_at_school_b
):
    poll = _poll(show_voters=True)
    poll_vote(poll=poll, user=head_at_school_a, option_ids=[_first(poll)])
    client.force_login(head_at_school_b)
    html = client.get(reverse("network:poll", kwargs={"poll_id": poll.pk})).content.decode()
    assert "Votes are shown with members’ names." in html
    assert f"Voted: {head_at_school_a.display_name}" in html


def test_the_author_closes_the_poll_and_others_may_not(client, head_at_school_a, head_at_school_b):
    poll = _poll(thread_with_posts(author=head_at_school_a))
    url = reverse("network:poll-close", kwargs={"poll_id": poll.pk})
    client.force_login(head_at_school_b)
    assert client.post(url).status_code == 403
    poll.refresh_from_db()
    assert poll.closed_at is None
    client.force_login(head_at_school_a)
    response = client.post(url)
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.closed_at is not None
    html = client.get(reverse("network:poll", kwargs={"poll_id": poll.pk})).content.decode()
    assert "Closed." in html
    assert 'name="options"' not in html
    assert "Close the poll" not in html


def test_a_group_poll_is_its_members_only(client, head_at_school_a, head_at_school_b):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread = ThreadFactory.create(category=None, group=group, author=head_at_school_a)
    PostFactory.create(thread=thread, number=1, author=head_at_school_a)
    poll = _poll(thread)
    client.force_login(head_at_school_b)
    for name in ("network:poll",):
        assert client.get(reverse(name, kwargs={"poll_id": poll.pk})).status_code == 404
    vote = client.post(
        reverse("network:poll-vote", kwargs={"poll_id": poll.pk}),
        {"options": str(_first(poll))},
    )
    assert vote.status_code == 404
    new = client.get(reverse("network:poll-new", kwargs={"thread_id": thread.pk}))
    assert new.status_code == 404
    assert PollVote.objects.count() == 0
    client.force_login(head_at_school_a)
    assert client.get(reverse("network:poll", kwargs={"poll_id": poll.pk})).status_code == 200


def test_a_poll_on_a_held_opening_post_is_hidden_from_other_members(client, head_at_school_b):
    poll = _poll()
    Post.objects.filter(pk=poll.post_id).update(status=PostStatus.PENDING)
    client.force_login(head_at_school_b)
    assert client.get(reverse("network:poll", kwargs={"poll_id": poll.pk})).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    poll = _poll()
    response = client.get(reverse("network:poll", kwargs={"poll_id": poll.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_include_renders_without_queries(django_assert_num_queries, rf, head_at_school_a):
    from django.template.loader import render_to_string

    poll = _poll()
    posts = list(Post.objects.select_related("thread").filter(thread=poll.post.thread))
    reply = PostFactory.create(thread=poll.post.thread, number=2)
    posts.append(Post.objects.select_related("thread").get(pk=reply.pk))
    polls_for_posts(posts, head_at_school_a)
    request = rf.get("/network/threads/1/")
    request.user = head_at_school_a
    with django_assert_num_queries(0):
        rendered = [
            render_to_string("network/polls/poll.html", {"post": post}, request=request)
            for post in posts
        ]
    assert "When should the network meet?" in rendered[0]
    assert 'name="options"' in rendered[0]
    assert rendered[1].strip() == ""


def test_the_include_links_to_the_poll_when_the_view_did_not_load_results(
    django_assert_num_queries, rf, head_at_school_a
):
    from django.template.loader import render_to_string

    poll = _poll()
    post = Post.objects.select_related("poll").get(pk=poll.post_id)
    request = rf.get("/network/threads/1/")
    request.user = head_at_school_a
    with django_assert_num_queries(0):
        html = render_to_string("network/polls/poll.html", {"post": post}, request=request)
    assert f'href="/network/polls/{poll.pk}/">Vote and see the results' in html


def test_the_opening_post_offers_its_author_to_add_a_poll(rf, head_at_school_a, head_at_school_b):
    from django.template.loader import render_to_string

    thread = thread_with_posts(author=head_at_school_a, replies=1)
    request = rf.get("/network/threads/1/")
    for user, expected in ((head_at_school_a, [True, False]), (head_at_school_b, [False, False])):
        posts = list(Post.objects.select_related("thread").filter(thread=thread))
        polls_for_posts(posts, user)
        request.user = user
        offered = [
            'data-testid="poll-add"'
            in render_to_string("network/polls/poll.html", {"post": post}, request=request)
            for post in posts
        ]
        assert offered == expected
    assert posts[0].poll_add_url == ""
    polls_for_posts(posts, head_at_school_a)
    assert posts[0].poll_add_url == f"/network/threads/{thread.pk}/poll/new/"
