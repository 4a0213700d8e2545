"""Reading what was typed into the Hub's search box: pure, no database."""

import pytest

from reconnect.hub.analysis import facets
from reconnect.hub.analysis.snippets import make_snippet, stem
from reconnect.hub.search.fulltext import fts5_expression
from reconnect.hub.search.query import MAX_TERMS, parse_query
from reconnect.hub.search.spelling import Speller, damerau_levenshtein
from reconnect.hub.search.theme_matches import matching_themes


def test_parse_query_keeps_plain_lower_case_words():
    assert parse_query("  Attendance MENTORING  ").terms == ("attendance", "mentoring")


@pytest.mark.parametrize("raw", ["", "   ", "!!! ??? ...", "*", "---", None])
def test_parse_query_punctuation_only_is_browse(raw):
    parsed = parse_query(raw)

    assert parsed.terms == ()
    assert parsed.is_browse is True


def test_parse_query_sql_injection_is_plain_words():
    assert parse_query('" OR 1=1 --').terms == ("1",)


def test_parse_query_fts_syntax_is_plain_words():
    parsed = parse_query("title:foo NEAR(a b) *")

    assert parsed.terms == ("title", "foo", "near", "b")
    assert fts5_expression(parsed.terms) == '{title body} : ("title" AND "foo" AND "near" AND "b")'


def test_fts5_expression_doubles_quotes():
    assert fts5_expression(['a"b'], any_term=True) == '{title body} : ("a""b")'


def test_parse_query_caps_two_thousand_characters_and_twelve_words():
    parsed = parse_query("attendance " * 400)

    assert parsed.terms == ("attendance",)
    assert parsed.truncated is True
    assert len(parsed.text) == 1_990  # 181 whole words of the first 2,000 characters


def test_parse_query_keeps_twelve_distinct_words():
    words = [f"word{n}" for n in range(20)]

    parsed = parse_query(" ".join(words))

    assert parsed.terms == tuple(words[:MAX_TERMS])
    assert parsed.truncated is True


def test_parse_query_caps_each_word_at_forty_characters():
    assert parse_query("a" * 100).terms == ("a" * 40,)


def test_parse_query_normalises_unicode():
    # NFKC turns the ligature and the full-width letters into plain ones.
    assert parse_query("ＳＥＮＤ ﬁnance Élève").terms == ("send", "finance", "élève")


def test_parse_query_drops_stop_words_and_says_so_when_nothing_is_left():
    assert parse_query("the attendance of pupils").terms == ("attendance", "pupils")
    assert parse_query("the and of").dropped_stop_words is True
    assert parse_query("the and of").is_browse is True


def test_stem_matches_word_forms():
    assert stem("mentors") == stem("mentoring") == "mentor"


def test_damerau_levenshtein_counts_a_swap_as_one_edit():
    assert damerau_levenshtein("attendnace", "attendance", 2) == 1
    assert damerau_levenshtein("kitten", "sitting", 2) == 3


def test_speller_prefers_the_closest_then_the_most_frequent_word():
    speller = Speller(
        frequencies={"attendance": 10, "attendants": 2, "mentoring": 5, "mentor": 4},
        stem=stem,
    )

    assert speller.correct("attendanse") == "attendance"
    assert speller.correct("mentorng") == "mentoring"
    assert speller.correct("mentors") is None  # known through its stem
    assert speller.correct("tutr") is None  # too short to correct
    assert speller.correct("xylophone") is None


def test_snippet_marks_stemmed_matches_and_escapes_html():
    snippet = make_snippet("Our <script>alert(1)</script> mentors & tutors", ["mentoring"])

    assert snippet.as_marked_text() == "Our <script>alert(1)</script> [mentors] & tutors"
    assert snippet.as_html() == (
        "Our &lt;script&gt;alert(1)&lt;/script&gt; <mark>mentors</mark> &amp; tutors"
    )


def test_snippet_picks_the_window_with_the_most_distinct_terms():
    text = " ".join(
        ["filler"] * 50 + ["attendance"] + ["filler"] * 50 + ["attendance", "mentoring"]
    )

    snippet = make_snippet(text, ["attendance", "mentoring"], width=60)

    assert snippet.as_marked_text() == "filler filler filler filler filler [attendance] [mentoring]"
    assert snippet.cut_before is True
    assert snippet.cut_after is False


def test_matching_themes_finds_synonyms_by_stem():
    names = {"attendance": "Attendance", "send": "SEND", "transition": "Transition"}

    assert matching_themes(["persistent", "absence"], names) == ["attendance"]
    assert matching_themes(["absences"], names) == ["attendance"]
    assert matching_themes(["special", "educational", "needs"], names) == ["send"]
    assert matching_themes(["homework"], names) == []


def _table():
    rows = [
        facets.FacetRow(1, "intervention", True, 10.0, 4, 1, 5, ("attendance",), ("primary",)),
        facets.FacetRow(2, "intervention", True, 20.0, None, 3, 2, ("send",), ()),
        facets.FacetRow(3, "research", True, 30.0, themes=("attendance", "send")),
        facets.FacetRow(4, "intervention", False, 40.0, 7, 2, 4, ("attendance",), ()),
    ]
    return facets.build_table(
        rows,
        kinds=("research", "intervention"),
        theme_slugs=("attendance", "send"),
        phase_slugs=("primary",),
        intervention_kind="intervention",
    )


def test_facet_counts_are_disjunctive():
    table = _table()
    rows = facets.visible_rows(table, facets.np.arange(4), members=True)
    filters = {"theme": frozenset({"attendance"}), "type": frozenset({"intervention"})}

    counts = facets.facet_counts(table, rows, filters)

    # Each facet's counts apply the other facet's filter only.
    assert counts["type"] == {"research": 1, "intervention": 2}
    assert counts["theme"] == {"attendance": 2, "send": 1}
    assert counts["impact"] == {"none": 0, "negative": 0, "0-1": 0, "2-3": 0, "4-5": 1, "6+": 1}
    assert counts["evidence"] == {"0": 0, "1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert list(table.pks[rows[facets.apply_filters(table, rows, filters)]]) == [1, 4]


def test_visible_rows_hide_members_only_items_from_visitors():
    table = _table()

    rows = facets.visible_rows(table, facets.np.arange(4), members=False)

    assert list(table.pks[rows]) == [1, 2, 3]


def test_order_rows_by_impact_puts_interventions_first_then_evidence():
    table = _table()
    rows = facets.np.arange(4)

    ordered = facets.order_rows(table, rows, None, facets.SORT_IMPACT)

    assert list(table.pks[ordered]) == [4, 1, 2, 3]
    assert list(table.pks[facets.order_rows(table, rows, None, facets.SORT_NEWEST)]) == [
        4,
        3,
        2,
        1,
    ]
    scores = facets.np.array([1.0, 3.0, 2.0, 0.5])
    assert list(table.pks[facets.order_rows(table, rows, scores, facets.SORT_RELEVANCE)]) == [
        2,
        3,
        1,
        4,
    ]


def test_facets_work_with_more_themes_and_phases_than_a_64_bit_mask_holds():
    themes = tuple(f"theme-{n}" for n in range(70))
    phases = tuple(f"phase-{n}" for n in range(70))
    rows = [
        facets.FacetRow(
            1, "research", True, 10.0, themes=("theme-0", "theme-69"), phases=("phase-65",)
        ),
        facets.FacetRow(2, "research", True, 20.0, themes=("theme-64",), phases=("phase-0",)),
        facets.FacetRow(3, "research", True, 30.0, themes=("theme-69", "unknown")),
    ]
    table = facets.build_table(
        rows, kinds=("research",), theme_slugs=themes, phase_slugs=phases, intervention_kind="x"
    )
    everything = facets.np.arange(3)

    counts = facets.facet_counts(table, everything, {})
    only_69 = facets.apply_filters(table, everything, {"theme": frozenset({"theme-69"})})
    only_64 = facets.apply_filters(table, everything, {"theme": frozenset({"theme-64"})})
    phase_65 = facets.apply_filters(table, everything, {"phase": frozenset({"phase-65"})})

    assert {slug: n for slug, n in counts["theme"].items() if n} == {
        "theme-0": 1,
        "theme-64": 1,
        "theme-69": 2,
    }
    assert len(counts["theme"]) == 70
    assert {slug: n for slug, n in counts["phase"].items() if n} == {"phase-0": 1, "phase-65": 1}
    assert list(table.pks[everything[only_69]]) == [1, 3]
    assert list(table.pks[everything[only_64]]) == [2]
    assert list(table.pks[everything[phase_65]]) == [1]


def test_versioned_cache_builds_once_when_threads_find_it_cold_together():
    import threading
    import time

    from reconnect.hub.search.facet_table import VersionedCache

    cache = VersionedCache()
    builds: list[int] = []
    start = threading.Barrier(8)
    results: list[object] = []

    def build():
        builds.append(1)
        time.sleep(0.2)
        return object()

    def request():
        start.wait()
        results.append(cache.get(7, build))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(builds) == 1
    assert len(results) == 8
    assert len({id(value) for value in results}) == 1
    assert cache.get(7, build) is results[0]
    assert len(builds) == 1
