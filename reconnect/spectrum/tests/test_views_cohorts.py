"""The cohort views: prevalence, combinations and outcome gaps, and who gets links."""

import re

import pytest
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.spectrum.tests.factories import StaffCohortGrantFactory, imported_snapshot
from reconnect.spectrum.tests.test_views_pupils import _csv


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

    with django_assert_num_queries(17):  # 16, and the header's notification bell
        client.get(url("cohort-overview"))
