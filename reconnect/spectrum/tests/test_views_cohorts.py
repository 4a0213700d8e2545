"""The cohort views: prevalence, combinations and outcome gaps, and who gets links."""

import re
import zlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.spectrum.selectors import cohorts as cohort_selectors
from reconnect.spectrum.tests.factories import (
    IndicatorConfigFactory,
    StaffCohortGrantFactory,
    imported_snapshot,
)
from reconnect.spectrum.tests.test_views_pupils import AS_AT, ROWS, _csv

PAGES = ("cohort-overview", "cohort-combinations", "cohort-outcomes")


@pytest.fixture
def snapshot(school_a, head_at_school_a):
    return imported_snapshot(school_a, user=head_at_school_a, data=_csv())


def url(name, query=""):
    found = reverse(f"spectrum:{name}", kwargs={"urn": 900001})
    return f"{found}?{query}" if query else found


def test_prevalence_counts_each_factor_by_year_with_drill_down_links(
    client, head_at_school_a, snapshot
):
    client.force_login(head_at_school_a)

    response = client.get(url("cohort-overview"))

    page = response.context["page"]
    fsm = next(row for row in page.rows if row.key == "fsm_current")
    assert (fsm.total.count, fsm.total.share) == (3, "50.0%")
    assert page.groups == ["Year 7", "Year 8"]
    assert [(c.count, c.of) for c in fsm.cells] == [(2, 4), (1, 2)]
    assert fsm.cells[1].query == "factor=fsm_current&year=8"
    html = response.content.decode()
    assert 'href="/pupil-data/900001/pupils/?factor=fsm_current&amp;year=8"' in html
    assert 'role="img"' in html
    event = AuditEvent.objects.get(action="spectrum.cohort.viewed")
    assert event.detail["view"] == "prevalence"


def test_granted_staff_see_the_numbers_without_links(client, school_a, staff_at_school_a, snapshot):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    html = client.get(url("cohort-overview")).content.decode()

    assert "/pupil-data/900001/pupils/?" not in html
    assert "50.0%" in html


def test_combinations_show_exact_sets_and_the_pair_matrix(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(url("cohort-combinations"))

    page = response.context["page"]
    assert [(c.labels, c.count) for c in page.combinations] == [
        (["Free school meals"], 2),
        (["Looked after"], 1),
        (["Free school meals", "SEN support"], 1),
        (["EHC plan", "Young carer", "New to English"], 1),
    ]
    assert page.with_any == 5
    row = next(r for r in page.matrix if r.key == "fsm_current")
    counts = dict(zip(page.columns, [c.count for c in row.cells], strict=True))
    assert counts["Free school meals"] == 3
    assert counts["SEN support"] == 1
    assert counts["Looked after"] == 0


def test_outcomes_name_small_groups_and_write_sentences(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(url("cohort-outcomes"))

    page = response.context["page"]
    assert page.baseline_n == 1
    first = page.sections[0].rows[0]
    assert first.label == "Free school meals"
    assert first.too_small is True
    assert first.sentence == "Pupils with Free school meals: 3 pupils, too few to compare."
    assert 'role="img"' in response.content.decode()


def test_cohort_views_of_another_school_are_404(client, head_at_school_b, snapshot):
    client.force_login(head_at_school_b)

    for name in ("cohort-overview", "cohort-combinations", "cohort-outcomes"):
        assert client.get(url(name)).status_code == 404


def test_outcome_sentence_reads_the_gap_in_plain_english(client, school_a, head_at_school_a):
    imported_snapshot(school_a, user=head_at_school_a, pupils=400)
    client.force_login(head_at_school_a)

    response = client.get(url("cohort-outcomes"))

    sentences = [r.sentence for s in response.context["page"].sections for r in s.rows]
    assert any(
        re.fullmatch(
            r"Pupils with Free school meals attended \d+\.\d% \(95% CI \d+\.\d–\d+\.\d\), "
            r"\d+\.\d points .* (below|above) pupils with no circumstance factor\.",
            sentence,
        )
        for sentence in sentences
    ), sentences


@pytest.mark.parametrize("pupils", [10, 60])
def test_prevalence_query_count_does_not_grow_with_pupils(
    client, school_a, head_at_school_a, django_assert_num_queries, pupils
):
    imported_snapshot(school_a, pupils=pupils, user=head_at_school_a)
    client.force_login(head_at_school_a)
    client.get(url("cohort-overview"))

    # A repeat visit: the school with the user's grant in one query, the user's memberships
    # once, the snapshot with its settings and mapping in one, the audit record, and the
    # session and user; the figures (and the second-factor gate and the header's bell) come
    # from the cache, no pupil record read.
    with django_assert_num_queries(6):
        client.get(url("cohort-overview"))


def test_a_first_visit_reads_the_records_once(client, school_a, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    client.get(reverse("accounts:profile"))  # fills the per-member caches (gate, bell)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url("cohort-overview"))
    with CaptureQueriesContext(connection) as repeat:
        client.get(url("cohort-overview"))

    records = [q for q in first.captured_queries if "spectrum_pupilrecord" in q["sql"]]
    assert len(records) == 1
    assert len(first.captured_queries) == len(repeat.captured_queries) + 1
    assert not [q for q in repeat.captured_queries if "spectrum_pupilrecord" in q["sql"]]


# --- The cached figures ---------------------------------------------------------------------


def _fsm_total(html):
    """The prevalence table's count of pupils with free school meals (no links: staff)."""
    found = re.search(
        r"Free school meals<span[^>]*>[^<]*</span></th>\s*<td[^>]*>(?:<a[^>]*>)?(\d+)", html
    )
    assert found, html
    return int(found.group(1))


@pytest.mark.parametrize("name", PAGES)
def test_a_repeat_visit_shows_the_same_page_from_the_cache(
    client, head_at_school_a, snapshot, name
):
    client.force_login(head_at_school_a)

    first = client.get(url(name, "year=7"))
    repeat = client.get(url(name, "year=7"))

    assert "page" in first.context  # worked out
    assert "page" not in repeat.context  # from the cache
    strip = re.compile(r'(nonce|value)="[^"]{20,}"')
    assert strip.sub("", repeat.content.decode()) == strip.sub("", first.content.decode())


@pytest.mark.parametrize("name", PAGES)
def test_access_and_the_audit_run_on_every_visit(
    client, head_at_school_a, head_at_school_b, snapshot, name
):
    client.force_login(head_at_school_a)
    client.get(url(name))
    client.get(url(name))

    assert AuditEvent.objects.filter(action="spectrum.cohort.viewed").count() == 2
    client.force_login(head_at_school_b)
    assert client.get(url(name)).status_code == 404


def test_a_new_import_shows_its_own_figures_at_once(client, school_a, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    before = client.get(url("cohort-overview"))
    assert next(r for r in before.context["page"].rows if r.key == "fsm_current").total.count == 3

    # The next export: P2 no longer eligible for free school meals.
    rows = [
        {**row, "fsm_eligible": "N", "fsm_ever6": "N"} if row["pupil_ref"] == "P2" else row
        for row in ROWS
    ]
    imported_snapshot(school_a, user=head_at_school_a, data=_csv(rows, AS_AT + timedelta(days=7)))
    after = client.get(url("cohort-overview"))

    assert next(r for r in after.context["page"].rows if r.key == "fsm_current").total.count == 2
    assert "From the export of 23 October 2026." in after.content.decode()


def test_a_corrected_export_of_the_same_date_replaces_the_figures(
    client, school_a, head_at_school_a, snapshot
):
    client.force_login(head_at_school_a)
    client.get(url("cohort-overview"))

    rows = [
        {**row, "fsm_eligible": "N", "fsm_ever6": "N"} if row["pupil_ref"] == "P2" else row
        for row in ROWS
    ]
    imported_snapshot(school_a, user=head_at_school_a, data=_csv(rows))
    after = client.get(url("cohort-overview"))

    assert next(r for r in after.context["page"].rows if r.key == "fsm_current").total.count == 2


def test_changed_indicator_settings_show_at_once(client, school_a, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    assert "Free school meals" in client.get(url("cohort-overview")).content.decode()

    IndicatorConfigFactory(school=school_a, overrides={"enabled.fsm_current": False})
    after = client.get(url("cohort-overview"))

    assert "fsm_current" not in [row.key for row in after.context["page"].rows]


def test_staff_never_get_the_leads_links_from_the_cache(
    client, school_a, head_at_school_a, staff_at_school_a, snapshot
):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(head_at_school_a)
    lead = client.get(url("cohort-overview")).content.decode()
    assert "/pupil-data/900001/pupils/?" in lead
    assert reverse("spectrum:settings", kwargs={"urn": 900001}) in lead

    client.force_login(staff_at_school_a)
    html = client.get(url("cohort-overview")).content.decode()

    assert "/pupil-data/900001/pupils/?" not in html
    assert reverse("spectrum:settings", kwargs={"urn": 900001}) not in html
    assert _fsm_total(html) == 3


def test_one_schools_figures_are_never_served_for_another(
    client, school_a, school_b, head_at_school_a, head_at_school_b, snapshot
):
    imported_snapshot(school_b, user=head_at_school_b, data=_csv(ROWS[:2]))
    client.force_login(head_at_school_a)
    for name in PAGES:
        client.get(url(name))
    keys_a = set(cache._cache)  # type: ignore[attr-defined]

    client.force_login(head_at_school_b)
    b = reverse("spectrum:cohort-overview", kwargs={"urn": school_b.urn})
    response = client.get(b)

    assert "page" in response.context  # worked out for B, not found under A's key
    assert response.context["page"].pupils == 2
    assert next(r for r in response.context["page"].rows if r.key == "fsm_current").total.count == 2
    new_figures = [k for k in set(cache._cache) - keys_a if "spectrum:v1:cohort:" in k]  # type: ignore[attr-defined]
    assert new_figures
    for key in new_figures:
        assert f":{school_b.pk}:" in key


def test_the_cache_holds_figures_only(client, school_a, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)
    for name in PAGES:
        client.get(url(name))

    keys = [key for key in cache._cache if "spectrum:v1:cohort:" in key]  # type: ignore[attr-defined]
    assert len(keys) == 3
    for key in keys:
        assert key.split(":")[-2] == str(snapshot.pk)
        assert not re.search(r"P\d", key.split(":cohort:")[1])
        html = zlib.decompress(cache.get(key.split(":", 2)[2])).decode()
        assert not re.search(r"\bP[1-6]\b", html)  # no pupil reference
        assert "csrfmiddlewaretoken" not in html
        assert head_at_school_a.first_name not in html


def test_the_key_names_school_snapshot_and_everything_the_figures_depend_on(
    school_a, head_at_school_a, snapshot
):
    from reconnect.spectrum.selectors.pupils import latest_head

    head = latest_head(school_a)
    assert head is not None
    chosen = cohort_selectors.filter_from_query(_Query({}))
    key = cohort_selectors.figures_key(
        "prevalence",
        head,
        chosen,
        options={"by": "year_group"},
        allowed={"may_see_pupils": True},
        path="/p/",
    )
    assert key.startswith(f"spectrum:v1:cohort:prevalence:{school_a.pk}:{snapshot.pk}:")
    others = {
        cohort_selectors.figures_key(
            "prevalence",
            head,
            chosen,
            options={"by": "reg_group"},
            allowed={"may_see_pupils": True},
            path="/p/",
        ),
        cohort_selectors.figures_key(
            "prevalence",
            head,
            chosen,
            options={"by": "year_group"},
            allowed={"may_see_pupils": False},
            path="/p/",
        ),
        cohort_selectors.figures_key(
            "prevalence",
            head,
            cohort_selectors.filter_from_query(_Query({"year": ["7"]})),
            options={"by": "year_group"},
            allowed={"may_see_pupils": True},
            path="/p/",
        ),
    }
    assert key not in others
    assert len(others) == 3


class _Query(dict):
    def getlist(self, key):
        return self.get(key, [])
