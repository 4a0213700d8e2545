"""The thread page's queries, compiled once (``core.compiled_query``), read what the ORM reads."""

from typing import Any

import pytest
from django.db.models import Model

from reconnect.accounts.acting_school import act_for_school, acting_for_one_school
from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.compiled_query import CompiledQuery
from reconnect.network.models import (
    Attachment,
    FlagOutcome,
    PostStatus,
    ThreadRead,
    ThreadWatch,
)
from reconnect.network.models.discussions import MemberHandle
from reconnect.network.selectors import discussions as selectors
from reconnect.network.tests.factories import FlagFactory, PostFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def _state(obj: Model, related: tuple[str, ...], annotations: tuple[str, ...]) -> dict[str, Any]:
    """Everything a page reads of ``obj``: its fields, annotations and joined objects."""
    state = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    state.update({name: getattr(obj, name) for name in annotations})
    for path in related:
        target: Any = obj
        for name in path.split("__"):
            target = getattr(target, name, None)
        state[path] = (
            None if target is None else _state(target, (), ())  # the joined row's fields
        )
    return state


def _thread_with_everything(reader: Any) -> Any:
    thread = thread_with_posts(replies=3)
    posts = list(thread.posts.order_by("number"))
    posts[1].status = PostStatus.HIDDEN
    posts[1].reply_to = posts[0]
    posts[1].save(update_fields=["status", "reply_to"])
    PostFactory.create(thread=thread, number=5, author=reader, status=PostStatus.PENDING)
    Attachment.objects.create(
        post=posts[2],
        stored_as="a1",
        filename="plan.pdf",
        content_type="application/pdf",
        size_bytes=10,
    )
    FlagFactory.create(post=posts[3], flagged_by=reader, outcome=FlagOutcome.OPEN)
    assert thread.author is not None
    MemberHandle.objects.create(user=thread.author, handle="first-author")
    ThreadRead.objects.create(user=reader, thread=thread, last_read_number=2)
    ThreadWatch.objects.create(user=reader, thread=thread, level="watching")
    return thread


@pytest.mark.parametrize("moderator", [True, False])
def test_the_thread_and_its_posts_are_what_the_orm_reads(moderator, coordinator):
    reader = coordinator if moderator else UserFactory.create()
    thread = _thread_with_everything(reader)
    read = selectors._THREAD_TO_READ[moderator]
    values = {"user_id": reader.pk, "thread_id": thread.pk}
    annotations = ("reader_last_read", "reader_level", "reader_top")

    compiled = [_state(t, ("category", "group"), annotations) for t in read(**values)]
    orm = [_state(t, ("category", "group"), annotations) for t in read._build(**values)]

    assert compiled == orm
    assert compiled[0]["reader_last_read"] == 2
    assert compiled[0]["reader_top"] == 5  # the reader's own pending post, or a moderator's
    for flags in (True, False):
        posts = selectors._THREAD_POSTS[(moderator, flags)]
        values = {"user_id": reader.pk, "thread_id": thread.pk, "after": 0, "upto": 50}
        names = ("reply_to_number", "has_files") + (("reader_flagged",) if flags else ())
        related = ("author", "author__network_handle")

        compiled = [_state(p, related, names) for p in posts(**values)]
        orm = [_state(p, related, names) for p in posts._build(**values)]

        assert compiled == orm
        numbers = [state["number"] for state in compiled]
        assert numbers == ([1, 2, 3, 4, 5] if moderator else [1, 3, 4, 5])
        assert [state["has_files"] for state in compiled].count(True) == 1
        assert compiled[0]["author__network_handle"]["handle"] == "first-author"
        if flags:
            assert [state["reader_flagged"] for state in compiled].count(True) == 1


def test_a_page_of_posts_is_bounded_by_the_values_given():
    reader = UserFactory.create()
    thread = thread_with_posts(replies=6)
    posts = selectors._THREAD_POSTS[(False, False)]

    found = posts(user_id=reader.pk, thread_id=thread.pk, after=2, upto=5)

    assert [post.number for post in found] == [3, 4, 5]
    assert all(post._state.db == "default" and not post._state.adding for post in found)


def test_a_token_request_compiles_nothing_and_reads_the_same():
    """A token's request runs the ORM's query: a manager's narrowing to its school must
    never be compiled into the query later requests run."""
    reader = UserFactory.create()
    thread = thread_with_posts(replies=2)
    query = selectors._THREAD_POSTS[(False, True)]
    query._plans.clear()  # as in a new process, whose first request is a token's
    values = {"user_id": reader.pk, "thread_id": thread.pk, "after": 0, "upto": 50}

    with acting_for_one_school():
        act_for_school(user_id=reader.pk, school_id=1)
        through_token = [post.pk for post in query(**values)]

        assert len(query._plans) == 0
        with pytest.raises(RuntimeError):
            query._compile(query._build(**values), None)

    assert through_token == [post.pk for post in query(**values)]
    assert len(query._plans) == 1


def test_a_query_whose_values_are_not_parameters_is_refused():
    """A value the SQL does not carry as a parameter (dropped or written into the SQL)
    would be the stand-in's for every later request."""
    from django.db import connection

    from reconnect.network.models import Post

    def build(user_id: int, number: int) -> Any:
        return Post.objects.filter(author_id=user_id)[:number]  # a limit is written in

    query = CompiledQuery(Post, build, "user_id", "number")

    with pytest.raises(ValueError, match="only parameters"):
        query._compile(build(**query._stand_ins()), connection)


def test_the_opening_post_s_poll_is_what_the_orm_reads():
    from django.utils import timezone

    from reconnect.network.models import Poll
    from reconnect.network.selectors import polls

    thread = thread_with_posts(replies=1)
    opening = thread.posts.get(number=1)
    Poll.objects.create(
        post=opening, question="Breakfast?", show_voters=True, closes_at=timezone.now()
    )

    compiled = [_state(poll, (), ()) for poll in polls._OPENING_POLL(post_id=opening.pk)]
    orm = [_state(poll, (), ()) for poll in Poll.objects.filter(post_id=opening.pk)]

    assert compiled == orm
    assert len(compiled) == 1
    assert polls._OPENING_POLL(post_id=thread.posts.get(number=2).pk) == []
