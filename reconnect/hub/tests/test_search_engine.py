"""hub_search over published Hub items, through Wagtail's real index."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.search.models import IndexEntry

from reconnect.hub.models import HubPage, SearchTerm, Visibility
from reconnect.hub.search import engine, state
from reconnect.hub.search.engine import hub_search
from reconnect.hub.search.tasks import rebuild_hub_vocabulary
from reconnect.hub.search.vocabulary import indexed_texts, vocabulary_rebuild
from reconnect.hub.tests import factories_search as make

pytestmark = pytest.mark.django_db

VISITOR = AnonymousUser()


def _titles(page):
    return [result.title for result in page.results]


def _search(query, user=VISITOR, **kwargs):
    return hub_search(user=user, query=query, **kwargs)


def test_search_finds_word_forms_through_the_stemmed_index():
    make.intervention("Peer support", body="Structured mentoring by older pupils.")

    page = _search("mentors")

    assert _titles(page) == ["Peer support"]
    assert page.mode == engine.MODE_ALL
    assert page.results[0].snippet.as_marked_text() == (
        "About Peer support. Structured [mentoring] by older pupils. Attendance"
    )


def test_search_matches_every_word_then_falls_back_to_any_word():
    make.intervention("Breakfast clubs", body="Free breakfast improves attendance.")
    make.intervention("Mentoring", body="Mentors improve attendance.")

    both = _search("breakfast attendance")
    either = _search("breakfast homework")

    assert _titles(both) == ["Breakfast clubs"]
    assert both.mode == engine.MODE_ALL
    assert _titles(either) == ["Breakfast clubs"]
    assert either.mode == engine.MODE_ANY


def test_search_corrects_a_typo_when_nothing_matches_as_typed():
    make.intervention("Mentoring programmes", body="Mentoring raises attainment.")
    vocabulary_rebuild()

    page = _search("mentorng")

    assert page.mode == engine.MODE_CORRECTED
    assert page.corrected_query == "mentoring"
    assert _titles(page) == ["Mentoring programmes"]
    assert _search("mentorng", correct=False).mode == engine.MODE_NONE


def test_search_finds_attendance_for_attendence():
    make.research("Why pupils miss school", body="Attendance fell after the pandemic.")
    vocabulary_rebuild()

    assert _titles(_search("attendence")) == ["Why pupils miss school"]
    assert _titles(_search("attendanse")) == ["Why pupils miss school"]


def test_search_corrects_one_word_of_several():
    make.intervention("Tutoring", body="Tutoring helps attendance.")
    vocabulary_rebuild()

    page = _search("tutoring attendanse")

    assert page.mode == engine.MODE_CORRECTED
    assert page.corrected_query == "tutoring attendance"
    assert _titles(page) == ["Tutoring"]


def test_search_suggests_a_correction_beside_results_for_any_word():
    # Not in the Attendance theme, whose name is indexed with the item.
    make.intervention("Tutoring", body="Small groups.", themes=["send"])
    make.intervention("Breakfast clubs", body="Attendance rises.", themes=["send"])
    vocabulary_rebuild()

    page = _search("tutoring attendanse")

    assert page.mode == engine.MODE_ANY
    assert _titles(page) == ["Tutoring"]
    assert page.suggestion == "tutoring attendance"


def test_visitors_never_see_members_only_items_counts_facets_or_words(head_at_school_a):
    make.intervention("Open tutoring", body="Tutoring for all.", themes=["send"])
    make.case_study(
        "Secret zeppelin project",
        body="Tutoring with a zeppelin.",
        visibility=Visibility.MEMBERS,
        themes=["transition"],
    )
    vocabulary_rebuild()

    visitor = _search("tutoring")
    member = _search("tutoring", user=head_at_school_a)

    assert _titles(visitor) == ["Open tutoring"]
    assert visitor.total == 1
    facet_counts = {f.name: {o.value: o.count for o in f.options} for f in visitor.facets}
    assert facet_counts["type"]["case-study"] == 0
    assert facet_counts["theme"]["transition"] == 0
    assert _search("zeppelin").mode == engine.MODE_NONE
    assert _search("zeppelln").corrected_query == ""  # no suggestion from members' words
    any_word = _search("zeppelln tutoring")
    assert (any_word.mode, _titles(any_word), any_word.suggestion) == (
        engine.MODE_ANY,
        ["Open tutoring"],
        "",
    )
    assert _search("zeppelln", user=head_at_school_a).corrected_query == "zeppelin"
    assert sorted(_titles(member)) == ["Open tutoring", "Secret zeppelin project"]
    secret = next(r for r in member.results if r.title == "Secret zeppelin project")
    assert secret.members_only is True
    assert secret.snippet.as_marked_text() == (
        "About Secret zeppelin project. Our school. [Tutoring] with a zeppelin. "
        "It helped. Try it. Transition"
    )
    assert SearchTerm.objects.get(word="zeppelin").public_count == 0


def test_drafts_and_unpublished_items_are_never_found(head_at_school_a):
    make.intervention("Draft tutoring", body="Tutoring.", live=False)
    published = make.intervention("Gone tutoring", body="Tutoring.")
    published.unpublish()

    assert _search("tutoring", user=head_at_school_a).total == 0
    assert _search("", user=head_at_school_a).total == 0


def test_facet_counts_and_filters():
    make.intervention("A tutoring", impact_months=5, evidence=4, cost=1, themes=["send"])
    make.intervention("B tutoring", impact_months=None, evidence=1, cost=3)
    make.research("C tutoring", body="Tutoring research.", themes=["send", "attendance"])

    page = _search("tutoring", filters={"theme": ["send"], "type": ["intervention"]})

    counts = {f.name: {o.value: o.count for o in f.options} for f in page.facets}
    assert _titles(page) == ["A tutoring"]
    assert counts["type"]["intervention"] == 1
    assert counts["type"]["research"] == 1
    assert counts["theme"]["send"] == 1
    assert counts["theme"]["attendance"] == 1
    assert counts["impact"] == {"none": 0, "negative": 0, "0-1": 0, "2-3": 0, "4-5": 1, "6+": 0}
    assert counts["cost"] == {"1": 1, "2": 0, "3": 0, "4": 0, "5": 0}


def test_unknown_filter_values_and_pages_are_ignored():
    make.intervention("Tutoring")

    page = _search("tutoring", filters={"theme": ["nope"], "evidence": ["9"]}, page="abc")

    assert _titles(page) == ["Tutoring"]
    assert page.page == 1
    assert page.filters["theme"] == frozenset()


def test_sorts_by_impact_and_newest():
    make.research("Report on tutoring", body="Tutoring.")
    make.intervention("Small tutoring", impact_months=2, evidence=5)
    make.intervention("Big tutoring", impact_months=5, evidence=2)

    assert _titles(_search("tutoring", sort="impact")) == [
        "Big tutoring",
        "Small tutoring",
        "Report on tutoring",
    ]
    assert _titles(_search("", sort="newest"))[0] == "Big tutoring"


def test_relevance_ranks_title_matches_first():
    make.intervention("Homework clubs", body="Pupils learn together after school.")
    make.intervention("After school provision", body="Some homework help.")

    assert _titles(_search("homework")) == ["Homework clubs", "After school provision"]


@pytest.mark.parametrize(
    ("query", "mode", "total"),
    [
        ('" OR 1=1 --', engine.MODE_NONE, 0),
        ("title:foo NEAR(a b) *", engine.MODE_ANY, 1),
        ("x" * 2_000, engine.MODE_NONE, 0),
        ("'; DROP", engine.MODE_NONE, 0),
    ],
)
def test_odd_input_never_errors(query, mode, total):
    make.intervention("Foo tutoring", body="Foo near b.")

    page = _search(query)

    assert (page.mode, page.total) == (mode, total)


def test_punctuation_only_is_browse_mode_newest_first():
    make.intervention("First")
    make.intervention("Second")

    page = _search("?!*")

    assert page.mode == engine.MODE_BROWSE
    assert _titles(page) == ["Second", "First"]
    assert page.sort == "newest"


def test_theme_named_in_the_query_is_offered_as_a_card():
    page = _search("persistent absence")

    assert [(card.slug, card.url) for card in page.themes] == [
        ("attendance", "/hub/themes/attendance/")
    ]


def test_snippet_of_a_body_with_markup_is_escaped():
    make.case_study("Scripted", body="We ran <script>alert('x')</script> tutoring.")

    result = _search("tutoring").results[0]

    assert str(result.snippet_html) == (
        "About Scripted. Our school. We ran &lt;script&gt;alert(&#x27;x&#x27;)"
        "&lt;/script&gt; <mark>tutoring</mark>. It helped. Try it. Attendance"
    )


def test_pages_of_twenty():
    for n in range(23):
        make.news(f"Tutoring news {n}", body="Tutoring.")

    first = _search("tutoring")
    second = _search("tutoring", page=2)

    assert (first.total, first.page_count, len(first.results)) == (23, 2, 20)
    assert (second.page, len(second.results), second.first_index) == (2, 3, 21)


def test_rebuild_hub_vocabulary_command():
    make.intervention("Zeppelin tutoring", body="Zeppelin.")

    call_command("rebuild_hub_vocabulary", verbosity=0)

    assert SearchTerm.objects.get(word="zeppelin").total_count == 1


def test_publishing_rebuilds_the_vocabulary_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make.intervention("Quokka tutoring", body="Quokka.")

    assert SearchTerm.objects.get(word="quokka").public_count == 1


def test_a_stale_vocabulary_never_suggests_words_of_an_item_now_members_only(head_at_school_a):
    make.intervention("Open tutoring", body="Tutoring for all.", themes=["send"])
    secret = make.case_study("Zeppelin tutoring", body="A zeppelin.", themes=["send"])
    vocabulary_rebuild()
    secret.visibility = Visibility.MEMBERS
    secret.save_revision().publish()  # the queued vocabulary rebuild has not run

    visitor = _search("zeppelln tutoring")
    member = _search("zeppelln tutoring", user=head_at_school_a)

    assert SearchTerm.objects.get(word="zeppelin").public_count == 1  # still stale
    assert (visitor.mode, _titles(visitor), visitor.suggestion) == (
        engine.MODE_ANY,
        ["Open tutoring"],
        "",
    )
    assert (member.mode, member.corrected_query, _titles(member)) == (
        engine.MODE_CORRECTED,
        "zeppelin tutoring",
        ["Zeppelin tutoring"],
    )


def test_a_corrected_query_offers_the_card_of_the_theme_it_was_corrected_to():
    make.research("Why pupils miss school", body="Attendance fell after the pandemic.")
    vocabulary_rebuild()

    # "attendanse" shares no stem with "attendance" ("attendence" does, and matches as typed).
    page = _search("attendanse")

    assert (page.mode, page.corrected_query) == (engine.MODE_CORRECTED, "attendance")
    assert [(card.slug, card.name, card.url) for card in page.themes] == [
        ("attendance", "Attendance", "/hub/themes/attendance/")
    ]


def test_result_dates_are_the_london_date_of_first_publication():
    item = make.intervention("Midnight tutoring")
    # 00:30 BST on 2 June is 23:30 UTC on 1 June.
    HubPage.objects.filter(pk=item.pk).update(
        first_published_at=datetime.datetime(2025, 6, 1, 23, 30, tzinfo=datetime.UTC)
    )
    state.content_changed()

    assert _search("tutoring").results[0].published == datetime.date(2025, 6, 2)


def test_indexed_texts_keep_the_title_when_the_body_is_null():
    item = make.intervention("Zeppelin tutoring", body="Quokka.")
    # SQLite keeps the body's text in a nullable "body"; PostgreSQL keeps it in "body_text",
    # which cannot be NULL, so there the nearest case is an empty body.
    if connection.vendor == "postgresql":
        IndexEntry.objects.filter(object_id=str(item.pk)).update(body_text="")
    else:
        IndexEntry.objects.filter(object_id=str(item.pk)).update(body=None)

    texts = dict(indexed_texts())

    assert texts[item.pk] == "Zeppelin tutoring "
    vocabulary_rebuild()
    assert SearchTerm.objects.get(word="zeppelin").total_count == 1


def test_a_vocabulary_rebuild_asked_for_before_the_last_one_began_stands_down():
    make.intervention("Zeppelin tutoring")
    asked_before = timezone.now().isoformat()
    vocabulary_rebuild()  # began reading after the first request: it has the change
    SearchTerm.objects.filter(word="zeppelin").delete()  # a marker only a rebuild restores

    skipped = rebuild_hub_vocabulary.call(asked_before)
    marker_after_skip = SearchTerm.objects.filter(word="zeppelin").count()
    rebuilt = rebuild_hub_vocabulary.call(timezone.now().isoformat())

    assert (skipped, marker_after_skip) == (-1, 0)
    assert rebuilt > 0
    assert SearchTerm.objects.filter(word="zeppelin").count() == 1
