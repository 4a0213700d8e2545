"""The front page's lists (``views.home``): nothing kept per member; which rows a member
sees, their places and counts read for each request; the HTML of a list kept once for
everyone who gets the same rows, the member's counts and markers laid on it.

The page writes exactly what it wrote when its lists were built for each member; a change
shows at once; one member's counts, markers, private groups or thread waiting for review
never reach another; a member's visit after another's costs a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.models import User
from reconnect.accounts.tests.factories import UserFactory
from reconnect.network import page_cache
from reconnect.network.models import Category, GroupMembership, Thread, ThreadRead
from reconnect.network.selectors import discussions as selectors
from reconnect.network.selectors.home import upcoming_events
from reconnect.network.selectors.unread import unread_by_category
from reconnect.network.services import discussions as services
from reconnect.network.services import moderation
from reconnect.network.tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    thread_with_posts,
)
from reconnect.network.views.home import lay_unread

pytestmark = pytest.mark.django_db

# The lists as the page wrote them for each member, in one template with every value the
# member's own (``home_lists.html`` before the lists were shared): what the page must still
# write, byte for byte.
OLD_LISTS = engines["django"].from_string(
    """{% load i18n %}
<h2 class="govuk-heading-l">{% translate "Coming up" %}</h2>
{% if upcoming %}
<ul class="govuk-list govuk-list--spaced" data-testid="upcoming-events">
  {% for event in upcoming %}
  <li><a class="govuk-link" href="{% url 'network:event' event_id=event.pk %}">{{ event.title }}</a><br><span class="govuk-body-s">{{ event.starts_at|date:"l j F Y, H:i" }}{% if event.group %} · {{ event.group.name }}{% endif %}</span></li>
  {% endfor %}
</ul>
{% else %}
<p class="govuk-body" data-testid="upcoming-events">{% translate "No events are coming up." %}</p>
{% endif %}
<p class="govuk-body"><a class="govuk-link" href="{% url 'network:event-list' %}">{% translate "All events" %}</a></p>

<h2 class="govuk-heading-l">{% translate "Categories" %}</h2>
<p class="govuk-body" data-testid="unread-total">{% blocktranslate count counter=unread_total %}{{ counter }} thread with posts you have not read{% plural %}{{ counter }} threads with posts you have not read{% endblocktranslate %}</p>
<table class="govuk-table" data-testid="categories">
  <caption class="govuk-visually-hidden">{% translate "Categories" %}</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">{% translate "Category" %}</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">{% translate "Threads" %}</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">{% translate "Posts" %}</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">{% translate "Unread" %}</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    {% for category in categories %}
    <tr class="govuk-table__row" data-testid="category-{{ category.slug }}">
      <td class="govuk-table__cell"><a class="govuk-link govuk-!-font-weight-bold" href="{% url 'network:category' slug=category.slug %}">{{ category.name }}</a>{% if category.description %}<br><span class="govuk-body-s">{{ category.description }}</span>{% endif %}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ category.thread_count }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ category.posts }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric" data-testid="unread">{{ category.unread }}</td>
    </tr>
    {% endfor %}
  </tbody>
</table>

{% translate "Latest threads" as caption %}
{% include "network/discussions/thread_rows.html" with threads=latest caption=caption show_place=True %}
"""  # noqa: E501
)


def _old_lists(user: User) -> str:
    """The lists for ``user`` as ``views.home._lists`` built them for each member."""
    user = User.objects.get(pk=user.pk)  # nothing remembered from the page's request
    unread = unread_by_category(user)
    categories = selectors.categories_with_counts()
    for category in categories:
        category.unread = unread.get(category.pk, 0)  # type: ignore[attr-defined]
    latest = selectors.latest_threads(user)
    return OLD_LISTS.render(
        {
            "categories": categories,
            "latest": latest,
            "unread_total": sum(unread.values()),
            "upcoming": upcoming_events(user),
        }
    )


def _lists(client, user) -> str:
    """The lists part of the front page as ``user`` gets it."""
    client.force_login(user)
    response = client.get(reverse("network:home"))
    assert response.status_code == 200
    return str(response.context["lists"])


def _latest_titles(lists: str) -> list[str]:
    table = lists.split('data-testid="threads"')[1]
    return re.findall(r'href="/network/threads/\d+/">([^<]*)</a>', table)


def _marker(lists: str, title: str) -> str:
    """The marker after ``title`` in the latest threads: "New", "n unread" or ""."""
    table = lists.split('data-testid="threads"')[1]
    found = re.search(re.escape(title) + r"</a>\s*(?:<strong [^>]*>([^<]*)</strong>)?", table)
    assert found is not None, title
    return found.group(1) or ""


def _general() -> Category:
    return Category.objects.get(slug="general")


def _aged(thread: Thread, *, days: int = 0, minutes: int) -> Thread:
    """Started ``days`` ago and last posted in ``minutes`` ago: the latest list's order
    (by last post) is then the same for every query that reads it."""
    now = timezone.now()
    Thread.objects.filter(pk=thread.pk).update(
        created_at=now - datetime.timedelta(days=days, minutes=minutes),
        last_posted_at=now - datetime.timedelta(minutes=minutes),
    )
    thread.refresh_from_db()
    return thread


@pytest.fixture
def network(head_at_school_a, head_at_school_b, coordinator):
    """Threads read, part-read, new and old, a private group with a thread and an event, a
    hidden thread, a thread waiting for review and events: every kind of row the lists
    show."""
    general = _general()
    attendance = Category.objects.get(slug="attendance")
    behind = _aged(
        thread_with_posts(category=general, title="Attendance letters", replies=2),
        days=400,
        minutes=10,
    )
    _aged(thread_with_posts(category=general, title="Breakfast club rotas"), minutes=20)
    read_up = _aged(
        thread_with_posts(category=attendance, title="Home visits", replies=1),
        days=400,
        minutes=30,
    )
    one_more = _aged(
        thread_with_posts(category=attendance, title="Text nudges", replies=1), minutes=40
    )
    _aged(thread_with_posts(category=attendance, title="Quiet thread"), days=400, minutes=50)
    group = GroupFactory.create(name="Governors' circle")
    grouped = UserFactory.create()
    GroupMembershipFactory.create(group=group, user=grouped)
    plans = _aged(
        thread_with_posts(category=None, group=group, title="Our private plans", replies=3),
        days=400,
        minutes=15,
    )
    hidden = _aged(thread_with_posts(category=general, title="Soon hidden"), minutes=5)
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    for user, thread, number in [
        (head_at_school_a, behind, 1),
        (head_at_school_a, read_up, 2),
        (head_at_school_a, one_more, 1),
        (grouped, plans, 2),
        (coordinator, hidden, 1),
    ]:
        ThreadRead.objects.create(user=user, thread=thread, last_read_number=number)
    # A new member's first thread waits for review: in their own lists alone.
    services.thread_start(
        author=head_at_school_b, title="My first question", body="How?", category=general
    )
    now = timezone.now()
    EventFactory.create(title="Spring network meeting")
    EventFactory.create(
        title="Circle meeting",
        group=group,
        starts_at=now + datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=2, hours=1),
    )
    # Members since before every thread, so a thread started in the last fortnight they
    # have not opened is new to them.
    User.objects.filter(pk__in=[head_at_school_a.pk, head_at_school_b.pk, grouped.pk]).update(
        date_joined=now - datetime.timedelta(days=30)
    )
    page_cache.content_changed()  # the updates above send no signal
    return {"group": group, "grouped": grouped, "plans": plans, "hidden": hidden}


def test_a_member_s_markers_and_counts_are_as_before(client, head_at_school_a, network):
    # Another member of the same groups (none) keeps the shared lists first.
    _lists(client, UserFactory.create())

    lists = _lists(client, head_at_school_a)

    assert lists == _old_lists(head_at_school_a)
    assert _marker(lists, "Breakfast club rotas") == "New"
    assert _marker(lists, "Attendance letters") == "2 unread"
    assert _marker(lists, "Text nudges") == "1 unread"
    assert _marker(lists, "Home visits") == ""  # read to the end
    assert _marker(lists, "Quiet thread") == ""  # never opened, but old
    assert '"unread-total">3 threads with posts you have not read</p>' in lists
    assert "Our private plans" not in lists
    assert "Circle meeting" not in lists
    assert "Soon hidden" not in lists
    assert "My first question" not in lists
    assert _lists(client, head_at_school_a) == lists  # again, from the cache


def test_a_private_group_s_member_sees_its_thread_and_event_as_before(client, network):
    grouped = network["grouped"]
    another = UserFactory.create()
    GroupMembershipFactory.create(group=network["group"], user=another)
    _lists(client, another)  # the group's members' lists kept

    lists = _lists(client, grouped)

    assert lists == _old_lists(grouped)
    assert "Our private plans" in lists
    assert "Governors&#x27; circle" in lists
    assert "Circle meeting" in lists
    assert _marker(lists, "Our private plans") == "2 unread"


def test_a_member_s_thread_waiting_for_review_is_in_their_list_alone(
    client, head_at_school_a, head_at_school_b, network
):
    _lists(client, head_at_school_a)  # the lists of members in no group kept

    mine = _lists(client, head_at_school_b)

    assert mine == _old_lists(head_at_school_b)
    assert "My first question" in mine
    assert "My first question" not in _lists(client, head_at_school_a)


def test_a_moderator_sees_the_hidden_thread_as_before(
    client, head_at_school_a, coordinator, network
):
    _lists(client, head_at_school_a)  # the members' lists kept first

    lists = _lists(client, coordinator)

    assert lists == _old_lists(coordinator)
    assert "Soon hidden" in lists
    assert "My first question" in lists  # moderators see every thread waiting for review
    assert "Soon hidden" not in _lists(client, head_at_school_a)


def test_every_persona_gets_the_old_lists_whoever_kept_the_shared_parts(
    client, head_at_school_a, head_at_school_b, coordinator, network
):
    people = [coordinator, network["grouped"], head_at_school_b, head_at_school_a]

    for user in people + people[::-1]:
        assert _lists(client, user) == _old_lists(user), user.email


def test_a_reply_moves_the_thread_up_and_counts_for_its_readers(
    client, head_at_school_a, head_at_school_b, coordinator, network
):
    read_up = Thread.objects.get(title="Home visits")
    assert _marker(_lists(client, head_at_school_a), "Home visits") == ""
    before_b = _lists(client, head_at_school_b)

    services.reply_create(author=coordinator, thread=read_up, body="We visit on day three.")

    lists = _lists(client, head_at_school_a)
    assert _latest_titles(lists)[0] == "Home visits"
    assert _marker(lists, "Home visits") == "1 unread"
    assert '"unread-total">4 threads with posts you have not read</p>' in lists
    assert lists == _old_lists(head_at_school_a)
    theirs = _lists(client, head_at_school_b)
    assert theirs != before_b
    assert _latest_titles(theirs)[0] == "Home visits"
    assert theirs == _old_lists(head_at_school_b)


def test_opening_a_thread_changes_the_reader_s_markers_alone(client, head_at_school_a, network):
    other = UserFactory.create()
    before_other = _lists(client, other)
    assert _marker(_lists(client, head_at_school_a), "Attendance letters") == "2 unread"
    behind = Thread.objects.get(title="Attendance letters")

    client.get(reverse("network:thread", kwargs={"thread_id": behind.pk}))  # read to the end

    lists = _lists(client, head_at_school_a)
    assert _marker(lists, "Attendance letters") == ""
    assert '"unread-total">2 threads with posts you have not read</p>' in lists
    assert lists == _old_lists(head_at_school_a)
    assert _lists(client, other) == before_other


def test_joining_and_leaving_a_group_shows_at_once(client, head_at_school_a, network):
    assert "Our private plans" not in _lists(client, head_at_school_a)

    # Straight in the database: no signal, no service; the keys name the member's groups.
    GroupMembership.objects.create(group=network["group"], user=head_at_school_a)
    lists = _lists(client, head_at_school_a)
    assert "Our private plans" in lists
    assert "Circle meeting" in lists
    assert lists == _old_lists(head_at_school_a)

    GroupMembership.objects.filter(group=network["group"], user=head_at_school_a).delete()
    lists = _lists(client, head_at_school_a)
    assert "Our private plans" not in lists
    assert "Circle meeting" not in lists


def test_a_new_event_shows_to_the_groups_it_is_for(client, head_at_school_a, network):
    _lists(client, head_at_school_a)
    _lists(client, network["grouped"])

    now = timezone.now()
    EventFactory.create(
        title="Circle planning day",
        group=network["group"],
        starts_at=now + datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=1, hours=1),
    )
    EventFactory.create(
        title="Open evening",
        starts_at=now + datetime.timedelta(hours=3),
        ends_at=now + datetime.timedelta(hours=4),
    )

    mine = _lists(client, head_at_school_a)
    theirs = _lists(client, network["grouped"])
    assert "Open evening" in mine
    assert "Circle planning day" not in mine
    assert "Open evening" in theirs
    assert "Circle planning day" in theirs


def test_a_hidden_thread_leaves_members_lists_not_moderators(
    client, head_at_school_a, coordinator, network
):
    assert "Text nudges" in _lists(client, head_at_school_a)
    assert "Text nudges" in _lists(client, coordinator)

    thread = Thread.objects.get(title="Text nudges")
    moderation.thread_set_hidden(thread=thread, moderator=coordinator, hidden=True, reason="x")

    lists = _lists(client, head_at_school_a)
    assert "Text nudges" not in lists
    assert lists == _old_lists(head_at_school_a)
    assert "Text nudges" in _lists(client, coordinator)


def test_a_list_is_kept_by_its_rows_never_by_who_asked():
    version = "1"

    def key(name: str, rows: tuple[int, ...] = ()) -> str:
        return page_cache.rows_key(version, page_cache.Rows(name, str, rows))

    assert key("home-latest", (3, 1)) == key("home-latest", (3, 1))
    assert key("home-latest", (3, 1)) != key("home-latest", (1, 3))
    assert key("home-latest", (3, 1)) != key("home-events", (3, 1))
    assert key("home-latest", (3, 1)) != page_cache.rows_key(
        "2", page_cache.Rows("home-latest", str, (3, 1))
    )
    assert re.fullmatch(r"network:v1:rows:home-latest:[0-9a-f]{32}", key("home-latest", (3, 1)))


def test_a_member_s_visit_after_another_s_costs_seven_queries(client, head_at_school_a, network):
    other = UserFactory.create()
    _lists(client, head_at_school_a)  # the lists' HTML kept
    client.force_login(other)
    url = reverse("network:home")
    client.get(url)  # warm: their session, second factor and bell

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert "Attendance letters" in response.content.decode()
    tables = " ".join(query["sql"] for query in queries)
    assert "network_post" not in tables  # no list's rows read or rendered: they are kept
    assert '"network_category"."name"' not in tables
    assert '"network_event"."title"' not in tables
    # Exact: the session and the member (2), their groups (1), which latest threads they
    # see with their places in them (1), which events (1), their unread threads by category
    # (1), their unread conversations (1).
    assert len(queries) == 7, [query["sql"][:120] for query in queries]


def test_the_counts_are_laid_as_the_template_wrote_them():
    html = (
        '<p><!--unread-total--></p><td data-testid="unread"><!--unread-category:3--></td>'
        "<td><!--unread-category:4--></td><td><!--unread-category:12--></td>"
    )

    assert lay_unread(html, {3: 1, 12: 1234}) == (
        '<p>1235 threads with posts you have not read</p><td data-testid="unread">1</td>'
        "<td>0</td><td>1234</td>"
    )
    assert lay_unread("<!--unread-total-->", {3: 1}) == "1 thread with posts you have not read"
    assert lay_unread("<!--unread-total-->", {}) == "0 threads with posts you have not read"


def test_a_member_in_other_groups_with_the_same_rows_gets_the_kept_lists(
    client, head_at_school_a, network
):
    other = UserFactory.create()
    GroupMembershipFactory.create(user=other)  # a group with no thread and no event
    theirs = Client()
    theirs.force_login(other)
    url = reverse("network:home")
    theirs.get(url)  # warm: their session, second factor and bell
    page_cache.content_changed()
    _lists(client, head_at_school_a)  # the lists kept afresh by a member of no group

    with CaptureQueriesContext(connection) as queries:
        lists = str(theirs.get(url).context["lists"])

    assert lists == _old_lists(other)
    assert "network_post" not in " ".join(query["sql"] for query in queries)
    assert len(queries) == 7, [query["sql"][:120] for query in queries]


def _places(user: User) -> list[tuple[int, int | None]]:
    return [(listed.pk, listed.last_read) for listed in selectors.latest_places(user)]


def test_the_latest_places_are_the_latest_threads_for_any_number_of_groups(
    head_at_school_a, network
):
    user = User.objects.get(pk=network["grouped"].pk)
    expected = [thread.pk for thread in selectors.latest_threads(user)]
    assert [pk for pk, _place in _places(user)] == expected
    assert (network["plans"].pk, 2) in _places(user)

    # More groups than one compiled query takes: the query is built for them.
    for _ in range(selectors.GROUP_SLOTS):
        GroupMembershipFactory.create(user=user)
    user = User.objects.get(pk=user.pk)
    many = GroupFactory.create(name="The ninth")
    GroupMembershipFactory.create(group=many, user=user)
    late = thread_with_posts(category=None, group=many, title="In the ninth group")
    user = User.objects.get(pk=user.pk)

    places = _places(user)
    assert places[0] == (late.pk, None)
    assert [pk for pk, _place in places] == [t.pk for t in selectors.latest_threads(user)]


def test_the_compiled_reads_are_the_orm_s(head_at_school_a, coordinator, network):
    from reconnect.accounts.acting_school import act_for_school, acting_for_one_school
    from reconnect.network.models import ThreadWatch, WatchLevel

    muted = Thread.objects.get(title="Text nudges")
    ThreadWatch.objects.create(user=head_at_school_a, thread=muted, level=WatchLevel.MUTED)
    for user in (head_at_school_a, coordinator, network["grouped"]):
        user = User.objects.get(pk=user.pk)
        compiled = (unread_by_category(user), _places(user))
        with acting_for_one_school():
            act_for_school(user_id=user.pk, school_id=1)  # a token request: the ORM's own
            through_orm = (unread_by_category(user), _places(user))

        assert compiled == through_orm
    reader = User.objects.get(pk=head_at_school_a.pk)
    general, attendance = _general(), Category.objects.get(slug="attendance")
    # Attendance letters (2 unread) and Breakfast club rotas (new); Text nudges is muted.
    assert unread_by_category(reader) == {general.pk: 2}
    assert attendance.pk not in unread_by_category(reader)
