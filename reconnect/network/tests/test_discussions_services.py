"""The discussions services: posting, numbering, mentions, fan-out of notifications,
edits, answers, categories for themes and handles."""

import pytest

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.network.models import (
    Category,
    CategoryWatch,
    Mention,
    Notification,
    NotificationKind,
    PostRevision,
    Thread,
    ThreadKind,
    ThreadRead,
    ThreadWatch,
    WatchLevel,
)
from reconnect.network.models.discussions import MemberHandle
from reconnect.network.models.moderation import Block
from reconnect.network.services import discussions as services
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def _member(first: str, last: str = "Head"):
    """A member past the trust model's first held posts (two published posts elsewhere),
    so what they post now is published."""
    user = UserFactory.create(first_name=first, last_name=last)
    elsewhere = ThreadFactory.create(category=Category.objects.get(slug="introductions"))
    PostFactory.create_batch(2, thread=elsewhere, author=user)
    return user


def _notified(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


@pytest.fixture
def general():
    return Category.objects.get(slug="general")


def test_every_theme_has_a_category_and_the_general_ones_exist():
    themes = set(Theme.objects.values_list("slug", flat=True))

    slugs = set(Category.objects.values_list("slug", flat=True))

    assert themes <= slugs
    assert {"general", "introductions", "announcements"} <= slugs
    assert Category.objects.get(slug="announcements").coordinators_only is True
    assert Category.objects.get(slug="attendance").theme == Theme.objects.get(slug="attendance")


def test_a_theme_without_its_category_gets_it_when_ensured():
    theme = Theme.objects.create(slug="oracy", name="Oracy", summary="Talk.", position=40)
    # Saving a theme now makes its category; a theme from before that has none.
    Category.objects.filter(theme=theme).delete()

    made = services.categories_for_themes_ensure()

    assert [c.slug for c in made] == ["oracy"]
    assert Category.objects.get(theme=theme).name == "Oracy"
    assert services.categories_for_themes_ensure() == []


def test_handles_are_made_from_names_and_numbered_when_taken():
    first, second = _member("Ann", "Lee"), _member("Ann", "Lee")

    services.handles_ensure()

    assert services.handle_of(first) == "ann-lee"
    assert services.handle_of(second) == "ann-lee-2"
    assert MemberHandle.objects.count() >= 2


def test_starting_a_thread_numbers_the_opening_post_and_watches_it(general):
    author = _member("Ada")

    thread = services.thread_start(
        author=author, title=" Breakfast ", body="How?", category=general
    )

    assert thread.title == "Breakfast"
    assert (thread.post_count, thread.last_post_number) == (1, 1)
    assert list(thread.posts.values_list("number", flat=True)) == [1]
    assert ThreadWatch.objects.get(user=author, thread=thread).level == WatchLevel.WATCHING
    assert ThreadRead.objects.get(user=author, thread=thread).last_read_number == 1


def test_a_thread_in_a_theme_category_carries_its_theme_and_the_extra_ones():
    author = _member("Ada")
    attendance = Category.objects.get(slug="attendance")
    send = Theme.objects.get(slug="send")

    thread = services.thread_start(
        author=author, title="Calls", body="Text", category=attendance, themes=[send]
    )

    assert set(thread.themes.values_list("slug", flat=True)) == {"attendance", "send"}


def test_a_repeated_submission_key_makes_one_thread_and_one_reply(general):
    author = _member("Ada")
    first = services.thread_start(
        author=author, title="T", body="B", category=general, submission_key="k1"
    )
    again = services.thread_start(
        author=author, title="T", body="B", category=general, submission_key="k1"
    )
    reply = services.reply_create(author=author, thread=first, body="R", submission_key="k2")
    reply_again = services.reply_create(author=author, thread=first, body="R", submission_key="k2")

    assert again.pk == first.pk
    assert reply_again.pk == reply.pk
    assert Thread.objects.filter(category=general).count() == 1
    assert first.posts.count() == 2


def test_a_reply_moves_the_thread_on_and_the_replier_tracks_it(general):
    author, replier = _member("Ada"), _member("Ben")
    thread = services.thread_start(author=author, title="T", body="B", category=general)

    post = services.reply_create(author=replier, thread=thread, body="R")

    thread.refresh_from_db()
    assert post.number == 2
    assert (thread.post_count, thread.last_post_number) == (2, 2)
    assert thread.last_posted_at == post.created_at
    assert ThreadWatch.objects.get(user=replier, thread=thread).level == WatchLevel.TRACKING
    assert ThreadRead.objects.get(user=replier, thread=thread).last_read_number == 2


def test_a_locked_thread_refuses_a_reply(general):
    author = _member("Ada")
    thread = services.thread_start(author=author, title="T", body="B", category=general)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    with pytest.raises(ApplicationError, match="locked"):
        services.reply_create(author=author, thread=thread, body="R")

    assert thread.posts.count() == 1


def test_watch_levels_fan_out_to_exactly_the_right_members(general):
    author, replier = _member("Ada"), _member("Ben")
    thread_watcher, category_watcher = _member("Cy"), _member("Di")
    muted_in_thread, muted_category_watcher = _member("Ed"), _member("Flo")
    tracker, quoted = _member("Gus"), _member("Hal")
    thread = services.thread_start(author=author, title="T", body="B", category=general)
    earlier = services.reply_create(author=quoted, thread=thread, body="First reply")
    ThreadWatch.objects.create(user=thread_watcher, thread=thread, level=WatchLevel.WATCHING)
    ThreadWatch.objects.filter(user=quoted).update(level=WatchLevel.TRACKING)
    CategoryWatch.objects.create(user=category_watcher, category=general, level="watching")
    CategoryWatch.objects.create(user=muted_in_thread, category=general, level="watching")
    ThreadWatch.objects.create(user=muted_in_thread, thread=thread, level=WatchLevel.MUTED)
    CategoryWatch.objects.create(user=muted_category_watcher, category=general, level="muted")
    ThreadWatch.objects.create(user=tracker, thread=thread, level=WatchLevel.TRACKING)
    Notification.objects.all().delete()

    services.reply_create(author=replier, thread=thread, body="Agreed", reply_to=earlier)

    # The thread's author watches it, but a reply to their thread is a REPLY, once.
    assert _notified(NotificationKind.REPLY) == {author.pk, quoted.pk}
    assert _notified(NotificationKind.WATCHED) == {thread_watcher.pk, category_watcher.pk}
    assert _notified(NotificationKind.MENTION) == set()
    assert Notification.objects.count() == 4


def test_category_watchers_hear_of_new_threads(general):
    watcher, author = _member("Cy"), _member("Ada")
    CategoryWatch.objects.create(user=watcher, category=general, level=WatchLevel.WATCHING)

    services.thread_start(author=author, title="Hello", body="B", category=general)

    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (watcher, NotificationKind.WATCHED)
    assert notification.text == "Ada Head started “Hello”"


def test_a_mention_links_the_profile_records_and_notifies_once(general):
    author, ann = _member("Ada"), _member("Ann", "Lee")
    services.handles_ensure()
    thread = services.thread_start(author=author, title="T", body="B", category=general)
    ThreadWatch.objects.create(user=ann, thread=thread, level=WatchLevel.WATCHING)

    post = services.reply_create(
        author=author, thread=thread, body="Ask @ann-lee and @ann-lee, or @nobody."
    )

    assert f'<a href="/members/{ann.pk}/" class="network-mention"' in post.body_html
    assert "or @nobody.</p>" in post.body_html
    assert list(Mention.objects.filter(post=post).values_list("user_id", flat=True)) == [ann.pk]
    assert list(Notification.objects.values_list("user_id", "kind")) == [
        (ann.pk, NotificationKind.MENTION)
    ]


def test_a_mention_of_someone_outside_the_group_notifies_nobody():
    author, outsider, insider = _member("Ada"), _member("Out"), _member("In")
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=author)
    GroupMembershipFactory.create(group=group, user=insider)
    services.handles_ensure()

    thread = services.thread_start(
        author=author, title="T", body="Hi @out-head and @in-head", group=group
    )

    assert set(Mention.objects.values_list("user_id", flat=True)) == {outsider.pk, insider.pk}
    assert list(Notification.objects.values_list("user_id", flat=True)) == [insider.pk]
    assert thread.group == group


def test_a_member_who_blocked_the_author_is_not_told_of_the_mention(general):
    author, blocker = _member("Ada"), _member("Bea")
    Block.objects.create(blocker=blocker, blocked=author)
    services.handles_ensure()

    services.thread_start(author=author, title="T", body="Hi @bea-head", category=general)

    assert Notification.objects.count() == 0


def test_mentions_are_capped_at_ten_a_post(general):
    author = _member("Ada")
    people = [_member(f"P{i}") for i in range(12)]
    services.handles_ensure()
    body = " ".join(f"@p{i}-head" for i in range(12))

    thread = services.thread_start(author=author, title="T", body=body, category=general)

    post = thread.posts.get()
    assert Mention.objects.filter(post=post).count() == 10
    assert Notification.objects.count() == 10
    assert people[11].pk not in set(Mention.objects.values_list("user_id", flat=True))


def test_an_edit_keeps_the_old_text_and_can_change_the_title(general):
    author = _member("Ada")
    thread = services.thread_start(author=author, title="Old", body="Before", category=general)
    post = thread.posts.get()

    services.post_edit(post=post, editor=author, body="After", title="New")

    post.refresh_from_db()
    thread.refresh_from_db()
    revision = PostRevision.objects.get()
    assert (revision.body, revision.title, revision.edited_by) == ("Before", "Old", author)
    assert (post.body, post.body_html, post.edit_count) == ("After", "<p>After</p>\n", 1)
    assert post.edited_at is not None
    assert thread.title == "New"


def test_an_edit_that_changes_nothing_is_refused(general):
    author = _member("Ada")
    thread = services.thread_start(author=author, title="T", body="Same", category=general)

    with pytest.raises(ApplicationError, match="Nothing has changed"):
        services.post_edit(post=thread.posts.get(), editor=author, body="Same", title="T")


def test_accepting_an_answer_notifies_its_author(general):
    asker, helper = _member("Ada"), _member("Ben")
    thread = services.thread_start(
        author=asker, title="Q", body="?", category=general, kind=ThreadKind.QUESTION
    )
    answer = services.reply_create(author=helper, thread=thread, body="This.")
    Notification.objects.all().delete()

    services.answer_accept(thread=thread, post=answer, by=asker)

    thread.refresh_from_db()
    assert thread.accepted_post == answer
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (helper, NotificationKind.ACCEPTED)
    services.answer_unaccept(thread=thread, by=asker)
    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_a_discussion_has_no_accepted_answer(general):
    asker, helper = _member("Ada"), _member("Ben")
    thread = services.thread_start(author=asker, title="D", body="!", category=general)
    reply = services.reply_create(author=helper, thread=thread, body="Yes.")

    with pytest.raises(ApplicationError, match="Only a question"):
        services.answer_accept(thread=thread, post=reply, by=asker)


def test_quote_text_is_a_blockquote_naming_the_author(general):
    author = _member("Ada")
    thread = services.thread_start(
        author=author, title="T", body="Line one\n\nLine two", category=general
    )

    text = services.quote_text(thread.posts.get(), path="/network/threads/1/#post-1")

    assert text == (
        "> [Ada Head wrote (#1)](/network/threads/1/#post-1):\n>\n> Line one\n>\n> Line two\n\n"
    )


def test_a_held_post_is_not_counted_nor_notified(general):
    watcher = _member("Cy")
    CategoryWatch.objects.create(user=watcher, category=general, level=WatchLevel.WATCHING)
    newcomer = UserFactory.create(first_name="New", last_name="Comer")

    thread = services.thread_start(author=newcomer, title="Hi", body="First", category=general)

    thread.refresh_from_db()
    assert thread.posts.get().status == "pending"
    assert (thread.post_count, thread.last_post_number) == (0, 0)
    assert Notification.objects.count() == 0
