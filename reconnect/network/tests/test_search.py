"""Searching the discussions: what is found, what never leaks, filters, pages and queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search.models import IndexEntry

from reconnect.network.models import Post, PostStatus, Thread, ThreadKind
from reconnect.network.selectors.search import snippet
from reconnect.network.tests.factories import (
    CategoryFactory,
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("network:search")


def _thread(title: str, body: str = "We talked about it at the network meeting.", **fields):
    thread = ThreadFactory.create(title=title, **fields)
    PostFactory.create(thread=thread, number=1, author=thread.author, body=body)
    return thread


def _reply(thread: Thread, body: str, **fields) -> Post:
    number = thread.posts.count() + 1
    return PostFactory.create(thread=thread, number=number, body=body, **fields)


def _titles(client, query: str = "", **params) -> list[str]:
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    rows = response.context["rows"]
    return [row["thread"].title for row in rows]


@pytest.fixture
def member(client, head_at_school_b):
    client.force_login(head_at_school_b)
    return head_at_school_b


# --- indexing -------------------------------------------------------------------------------------


def test_saving_a_post_or_thread_indexes_it():
    thread = _thread("Breakfast club funding", "Our breakfast club costs £40 a week.")
    post = thread.posts.get()
    for model, pk in ((Thread, thread.pk), (Post, post.pk)):
        content_type = ContentType.objects.get_for_model(model)
        assert IndexEntry.objects.filter(content_type=content_type, object_id=str(pk)).count() == 1


# --- what is found --------------------------------------------------------------------------------


def test_finds_threads_by_title_and_by_a_posts_body_titles_first(client, member):
    older = _thread("Persistent absence in year 9", "How do you follow up?")
    by_reply = _thread("Attendance officers")
    _reply(by_reply, "Our persistent absence halved after home visits.")
    _thread("Transition to secondary", "Nothing about it here.")
    assert _titles(client, "persistent absence") == [older.title, by_reply.title]


def test_finds_every_word_not_any(client, member):
    _thread("Persistent absence", "Home visits.")
    _thread("Absence of a deputy head", "Cover arrangements.")
    assert _titles(client, "persistent absence") == ["Persistent absence"]


def test_finds_other_forms_of_a_word(client, member):
    _thread("Peer support", "We set up mentoring for new heads.")
    assert _titles(client, "mentored") == ["Peer support"]


def test_query_syntax_is_only_words(client, member):
    _thread("Breakfast club", "Toast and attendance.")
    for typed in [
        '"breakfast',
        "breakfast*",
        "(breakfast)",
        "breakfast:",
        "-breakfast^",
        "breakfast') --",
        "{breakfast}",
    ]:
        assert _titles(client, typed) == ["Breakfast club"], typed


def test_a_snippet_marks_the_words_in_the_matching_post(client, member):
    thread = _thread("Attendance ideas", "An opening post about something else entirely.")
    _reply(thread, "We found that **breakfast** clubs lifted attendance on Mondays.")
    response = client.get(URL, {"q": "breakfast"})
    html = response.content.decode()
    assert "We found that <mark>breakfast</mark> clubs lifted attendance on Mondays." in html


def test_a_snippet_escapes_the_posts_text():
    assert snippet("<p>Use &lt;script&gt; and toast</p>", ["toast"]) == (
        "Use &lt;script&gt; and <mark>toast</mark>"
    )


def test_a_long_snippet_starts_near_the_word_and_is_cut_at_a_space():
    words = " ".join(f"word{n}" for n in range(200))
    passage = snippet(f"<p>{words} quokka {words}</p>", ["quokka"], chars=60)
    assert passage.startswith("…")
    assert passage.endswith("…")
    assert "<mark>quokka</mark>" in passage
    assert len(passage) < 90


# --- what never leaks -----------------------------------------------------------------------------


def test_a_groups_words_are_found_by_its_members_only(
    client, head_at_school_a, head_at_school_b, coordinator
):
    group = GroupFactory.create(name="Riverside trio")
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread = _thread(
        "Zanzibarquokka plans", "The zanzibarquokka budget.", category=None, group=group
    )
    _reply(thread, "Secret xylophonewombat notes.")
    for outsider in (head_at_school_b, coordinator):
        client.force_login(outsider)
        for word in ("zanzibarquokka", "xylophonewombat"):
            response = client.get(URL, {"q": word})
            assert response.context["rows"] == []
            html = response.content.decode()
            assert "Zanzibarquokka plans" not in html
            assert "xylophonewombat notes" not in html.lower()
    client.force_login(head_at_school_a)
    assert _titles(client, "xylophonewombat") == ["Zanzibarquokka plans"]
    assert "Group: Riverside trio" in client.get(URL, {"q": "zanzibarquokka"}).content.decode()


def test_held_hidden_and_rejected_posts_are_never_searched(client, head_at_school_b):
    thread = _thread("Attendance ideas")
    for status in (PostStatus.PENDING, PostStatus.HIDDEN, PostStatus.REJECTED):
        _reply(thread, f"Flibbertigibbet {status} text.", author=head_at_school_b, status=status)
    client.force_login(head_at_school_b)  # even their own author
    response = client.get(URL, {"q": "flibbertigibbet"})
    assert response.context["rows"] == []
    assert "Flibbertigibbet" not in response.content.decode()


def test_a_hidden_thread_and_one_whose_opening_post_is_held_are_not_found(
    client, member, coordinator
):
    _thread("Quokkanomics hidden", is_hidden=True)
    held = ThreadFactory.create(title="Quokkanomics held")
    PostFactory.create(thread=held, number=1, status=PostStatus.PENDING)
    assert _titles(client, "quokkanomics") == []
    client.force_login(coordinator)
    assert _titles(client, "quokkanomics") == []


def test_a_snippet_never_shows_a_held_post(client, member):
    thread = _thread("Marmalade policy", "The opening post.")
    _reply(thread, "Marmalade secret held text.", status=PostStatus.PENDING)
    html = client.get(URL, {"q": "marmalade"}).content.decode()
    assert "Marmalade policy" in html
    assert "secret held" not in html
    assert "The opening post." in html


# --- filters --------------------------------------------------------------------------------------


def test_filters_by_category_kind_and_answered(client, member):
    attendance = CategoryFactory.create(slug="attendance", name="Attendance")
    send = CategoryFactory.create(slug="send", name="SEND")
    answered = _thread("Uniform question answered", category=attendance, kind=ThreadKind.QUESTION)
    answered.accepted_post = answered.posts.get()
    answered.save()
    _thread("Uniform question open", category=attendance, kind=ThreadKind.QUESTION)
    _thread("Uniform discussion", category=send)
    assert _titles(client, "uniform", category="send") == ["Uniform discussion"]
    assert _titles(client, "uniform", kind="question") == [
        "Uniform question open",
        "Uniform question answered",
    ]
    assert _titles(client, "uniform", answered="yes") == ["Uniform question answered"]
    assert _titles(client, "uniform", answered="no") == ["Uniform question open"]
    assert len(_titles(client, "uniform", category="no-such-category")) == 3


# --- pages ----------------------------------------------------------------------------------------


def test_an_empty_search_explains_how_to_search(client, member):
    _thread("Anything at all")
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["page"] is None
    assert "How to search" in html
    assert 'data-testid="results"' not in html
    only_common = client.get(URL, {"q": "the and of"}).content.decode()
    assert "Your words are too common to search for." in only_common


def test_no_match_says_what_to_try(client, member):
    html = client.get(URL, {"q": "nothingmatchesthis", "kind": "question"}).content.decode()
    assert "0 threads match “nothingmatchesthis”" in html
    assert "No threads you can read match all of your words." in html
    assert 'href="?q=nothingmatchesthis"' in html


def test_results_come_twenty_a_page(client, member):
    for number in range(23):
        _thread(f"Tutoring round {number:02d}")
    first = client.get(URL, {"q": "tutoring"})
    second = client.get(URL, {"q": "tutoring", "page": "2"})
    assert len(first.context["rows"]) == 20
    assert len(second.context["rows"]) == 3
    assert "23 threads match “tutoring”" in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_the_query_count_does_not_grow_with_results(client, member):
    """The same queries for one result and for three (the page's frame, the bell and the
    category list included, so compared rather than counted)."""
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=member)
    _thread("Reading recovery one")
    client.get(URL, {"q": "reading"})  # content types cached, as in a running server
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(URL, {"q": "reading"}).context["rows"]) == 1
    _thread("Reading recovery two", category=None, group=group)
    _thread("Reading recovery three")
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(URL, {"q": "reading"}).context["rows"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)
    searched = [q["sql"] for q in one.captured_queries if '"network_thread"' in q["sql"]]
    assert len(searched) == 2  # the count and the page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL, {"q": "attendance"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
