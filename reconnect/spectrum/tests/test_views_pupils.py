"""The pupil pages: home, overview, list, profile and export, through the real import."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from reconnect.accounts.tests.factories import TEST_PASSWORD
from reconnect.core.models import AuditEvent
from reconnect.spectrum.models import PupilRecord
from reconnect.spectrum.templatetags.spectrum_nav import SESSION_KEY, nav_target
from reconnect.spectrum.tests.factories import (
    IndicatorConfigFactory,
    StaffCohortGrantFactory,
    imported_snapshot,
    pupil_csv,
)

AS_AT = date(2026, 10, 16)

# Six pupils whose factors are known by construction (canonical rows, every other column
# blank): P1 FSM + SEN support + persistent absence; P2 FSM; P3 nothing; P4 looked after;
# P5 EHC plan + young carer + EAL new to English; P6 FSM + persistent absence with no
# support recorded (a support gap), Year 8.
ROWS = [
    {"pupil_ref": "P1", "year_group": "7", "reg_group": "7A", "fsm_eligible": "Y",
     "fsm_ever6": "Y", "looked_after": "N", "sen_provision": "K", "sessions_possible": 100,
     "sessions_present": 85},
    {"pupil_ref": "P2", "year_group": "7", "reg_group": "7A", "fsm_eligible": "Y",
     "fsm_ever6": "Y", "looked_after": "N", "sen_provision": "N", "sessions_possible": 100,
     "sessions_present": 97},
    {"pupil_ref": "P3", "year_group": "7", "reg_group": "7B", "fsm_eligible": "N",
     "fsm_ever6": "N", "looked_after": "N", "sen_provision": "N", "sessions_possible": 100,
     "sessions_present": 99},
    {"pupil_ref": "P4", "year_group": "7", "reg_group": "7B", "fsm_eligible": "N",
     "fsm_ever6": "N", "looked_after": "Y", "sen_provision": "N", "sessions_possible": 100,
     "sessions_present": 96},
    {"pupil_ref": "P5", "year_group": "8", "reg_group": "8A", "fsm_eligible": "N",
     "fsm_ever6": "N", "looked_after": "N", "sen_provision": "E", "young_carer": "P",
     "eal": "Y", "english_proficiency": "B", "sessions_possible": 100, "sessions_present": 98},
    {"pupil_ref": "P6", "year_group": "8", "reg_group": "8A", "fsm_eligible": "Y",
     "fsm_ever6": "Y", "looked_after": "N", "sen_provision": "N", "sessions_possible": 100,
     "sessions_present": 85},
]  # fmt: skip


def _csv(rows=ROWS, as_at=AS_AT):
    return pupil_csv([{**row, "as_at_date": as_at.isoformat()} for row in rows])


@pytest.fixture
def snapshot(school_a, head_at_school_a):
    return imported_snapshot(school_a, user=head_at_school_a, data=_csv())


def record_id(ref):
    return PupilRecord.objects.get(pupil_ref=ref, snapshot__is_latest=True).pk


def list_url(school, query=""):
    url = reverse("spectrum:pupil-list", kwargs={"urn": school.urn})
    return f"{url}?{query}" if query else url


def refs(response):
    return re.findall(r'href="/pupil-data/\d+/pupils/\d+/">([^<]+)</a>', response.content.decode())


# --- Home and overview ----------------------------------------------------------------------


def test_home_sends_a_lead_with_one_school_to_it(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(reverse("spectrum:home"))

    assert response.status_code == 302
    assert response["Location"] == "/pupil-data/900001/"
    assert client.session[SESSION_KEY] == "/pupil-data/"


def test_home_tells_staff_without_a_grant_who_can_see_pupil_data(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get(reverse("spectrum:home"))

    assert response.status_code == 200
    assert "You cannot see any school’s pupil data." in response.content.decode()
    assert client.session[SESSION_KEY] == ""


def test_home_lists_each_school_with_its_data_date(
    client, school_a, school_b, head_at_school_a, snapshot
):
    from reconnect.schools.roles import SchoolRole
    from reconnect.schools.tests.factories import MembershipFactory

    MembershipFactory(user=head_at_school_a, school=school_b, role=SchoolRole.STAFF)
    StaffCohortGrantFactory(school=school_b, user=head_at_school_a)
    client.force_login(head_at_school_a)

    page = client.get(reverse("spectrum:home")).content.decode()

    assert "Demo School A" in page
    assert "data as at 16 October 2026" in page
    assert "Demo School B" in page
    assert "cohort views only" in page
    assert "no data yet" in page


def test_overview_shows_headline_figures_with_links_for_a_lead(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(reverse("spectrum:school", kwargs={"urn": 900001}))

    page = response.content.decode()
    overview = response.context["overview"]
    assert overview.pupils == 6
    # Bands: P3 none; P2, P4 one; P1 (FSM, SEN support, PA), P5 (EHCP, young carer, new to
    # English) and P6 (FSM, PA) 2–5.
    assert [(b.label, b.count, b.share) for b in overview.bands] == [
        ("0", 1, "16.7%"),
        ("1", 2, "33.3%"),
        ("2–5", 3, "50.0%"),
        ("6+", 0, "0.0%"),
    ]
    assert [(f.label, f.count) for f in overview.flags] == [
        ("Support gap", 1),
        ("Known to services", 2),
    ]
    assert 'href="/pupil-data/900001/pupils/?band=2%E2%80%935"' in page
    assert 'href="/pupil-data/900001/pupils/?gap=1"' in page
    event = AuditEvent.objects.get(action="spectrum.cohort.viewed")
    assert event.school_urn == 900001
    assert event.detail == {"view": "overview", "snapshot": snapshot.pk}


def test_overview_for_granted_staff_has_figures_but_no_pupil_links(
    client, school_a, staff_at_school_a, snapshot
):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    page = client.get(reverse("spectrum:school", kwargs={"urn": 900001})).content.decode()

    assert "50.0%" in page
    assert "/pupil-data/900001/pupils/" not in page
    assert "/pupil-data/900001/cohorts/" in page


def test_overview_without_data_explains_and_links_to_the_upload(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get(reverse("spectrum:school", kwargs={"urn": 900001}))

    assert response.status_code == 200
    assert "There is no pupil data for this school yet." in response.content.decode()
    assert not AuditEvent.objects.filter(action="spectrum.cohort.viewed").exists()


def test_overview_of_another_school_is_404_and_not_audited(client, head_at_school_b, snapshot):
    client.force_login(head_at_school_b)

    response = client.get(reverse("spectrum:school", kwargs={"urn": 900001}))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="spectrum.cohort").exists()


def test_anonymous_is_sent_to_sign_in(client, snapshot):
    response = client.get(list_url(snapshot.school))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- The pupil list -------------------------------------------------------------------------


def test_list_orders_by_factor_count_and_audits_without_references(
    client, head_at_school_a, snapshot
):
    client.force_login(head_at_school_a)

    response = client.get(list_url(snapshot.school))

    assert refs(response) == ["P1", "P5", "P6", "P2", "P4", "P3"]
    event = AuditEvent.objects.get(action="spectrum.pupils.viewed")
    assert event.detail["pupils"] == 6
    assert event.detail["sort"] == "factors"
    assert "P1" not in str(event.detail)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("factor=fsm_current", ["P1", "P6", "P2"]),
        ("factor=fsm_current&factor=sen_support", ["P1"]),
        ("year=8", ["P5", "P6"]),
        ("reg=7B", ["P4", "P3"]),
        ("band=0", ["P3"]),
        ("gap=1", ["P6"]),
        ("known=1", ["P5", "P4"]),
        ("factor=fsm_current&sort=ref", ["P1", "P2", "P6"]),
        ("sort=ref", ["P1", "P2", "P3", "P4", "P5", "P6"]),
    ],
)
def test_list_filters_and_sorts_from_the_query_string(
    client, head_at_school_a, snapshot, query, expected
):
    client.force_login(head_at_school_a)

    assert refs(client.get(list_url(snapshot.school, query))) == expected


def test_list_answers_htmx_with_the_results_only(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(list_url(snapshot.school, "year=8"), headers={"HX-Request": "true"})

    page = response.content.decode()
    assert "<html" not in page
    assert 'hx-swap-oob="innerHTML"' in page
    assert refs(response) == ["P5", "P6"]


def test_list_names_an_unknown_factor_and_shows_everyone(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(list_url(snapshot.school, "factor=not_a_factor"))

    assert "Part of the filter could not be used" in response.content.decode()
    assert len(refs(response)) == 6


def test_list_shows_the_weighted_score_only_when_the_school_sets_weights(
    client, school_a, head_at_school_a, snapshot
):
    client.force_login(head_at_school_a)
    before = client.get(list_url(school_a)).content.decode()
    IndicatorConfigFactory(school=school_a, overrides={"weight.fsm_current": 5})

    after = client.get(list_url(school_a)).content.decode()

    assert "Weighted score" not in before
    assert "Weighted score" in after


def test_list_is_404_for_granted_staff(client, school_a, staff_at_school_a, snapshot):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(staff_at_school_a)

    assert client.get(list_url(school_a)).status_code == 404


@pytest.mark.parametrize("pupils", [10, 60])
def test_list_query_count_does_not_grow_with_pupils(
    client, school_a, head_at_school_a, django_assert_num_queries, pupils
):
    imported_snapshot(school_a, pupils=pupils, user=head_at_school_a)
    client.force_login(head_at_school_a)
    client.get(list_url(school_a))  # the first request fills the per-member caches

    with django_assert_num_queries(11):
        client.get(list_url(school_a))


# --- The profile ----------------------------------------------------------------------------


def test_profile_lists_factors_by_domain_with_their_source_and_why_the_gap(
    client, head_at_school_a, snapshot
):
    client.force_login(head_at_school_a)

    response = client.get(
        reverse("spectrum:pupil-detail", kwargs={"urn": 900001, "record_id": record_id("P1")})
    )

    profile = response.context["profile"]
    assert [(g.label, [f.factor.label for f in g.factors]) for g in profile.groups] == [
        ("Economic", ["Free school meals"]),
        ("SEND and health", ["SEN support"]),
        ("Engagement", ["Persistent absence"]),
    ]
    page = response.content.decode()
    assert "From column ‘fsm_eligible’, export of 16 October 2026" in page
    assert profile.support_gap is False  # SEN support is recorded support
    assert profile.score == 2 + 1 + 2
    event = AuditEvent.objects.get(action="spectrum.pupil.viewed")
    assert (event.target_type, event.target_id) == ("spectrum.pupilrecord", str(record_id("P1")))
    assert event.detail == {"snapshot": snapshot.pk}


def test_profile_of_another_schools_record_is_404(client, school_b, head_at_school_a, snapshot):
    other = imported_snapshot(school_b, pupils=3)
    foreign = PupilRecord.objects.filter(snapshot=other).get(
        pupil_ref=PupilRecord.objects.filter(snapshot=other).values_list("pupil_ref", flat=True)[0]
    )
    client.force_login(head_at_school_a)

    response = client.get(
        reverse("spectrum:pupil-detail", kwargs={"urn": 900001, "record_id": foreign.pk})
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="spectrum.pupil.viewed").exists()


def test_profile_shows_the_change_since_the_previous_export(
    client, school_a, head_at_school_a, snapshot
):
    later = [dict(row) for row in ROWS]
    later[1]["sen_provision"] = "K"  # P2 now has SEN support
    imported_snapshot(school_a, user=head_at_school_a, data=_csv(later, date(2026, 12, 4)))
    client.force_login(head_at_school_a)

    response = client.get(
        reverse("spectrum:pupil-detail", kwargs={"urn": 900001, "record_id": record_id("P2")})
    )

    profile = response.context["profile"]
    assert profile.previous_as_at == AS_AT
    assert profile.on_previous is True
    assert len(profile.changes) == 1
    assert "SEN support" in profile.changes[0].text


# --- The export -----------------------------------------------------------------------------


def export_url(query=""):
    url = reverse("spectrum:cohort-export", kwargs={"urn": 900001})
    return f"{url}?{query}" if query else url


def test_export_sends_a_stale_session_to_reauthenticate(client, head_at_school_a, snapshot):
    client.force_login(head_at_school_a)

    response = client.get(export_url("year=8"))

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('account_reauthenticate')}?next=%2Fpupil-data%2F900001%2Fpupils%2Fexport.csv%3Fyear%3D8"
    )
    assert not AuditEvent.objects.filter(action="spectrum.export").exists()


def test_export_after_reauthenticating_is_the_filtered_list_made_safe(
    client, school_a, head_at_school_a
):
    imported_snapshot(school_a, user=head_at_school_a, data=_csv())
    # The importer refuses formula-like cells; the export must not rely on it.
    PupilRecord.objects.filter(pupil_ref="P6").update(reg_group="=1+1")
    client.force_login(head_at_school_a)
    assert (
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD}).status_code
        == 302
    )

    response = client.get(export_url("year=8"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store, max-age=0, no-cache, must-revalidate"
    assert response["Content-Disposition"] == 'attachment; filename="pupils-900001-2026-10-16.csv"'
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Pupil reference", "Year group", "Registration group", "Factors", "Number of factors",
         "Number of domains", "Domains", "Known to services", "Support gap"],
        ["P5", "8", "8A", "EHC plan (high); Young carer (high); New to English (high)", "3", "3",
         "SEND and health; Family roles and circumstances; Language and mobility", "Yes", "No"],
        ["P6", "8", "'=1+1", "Free school meals (high); Persistent absence (high)", "2", "2",
         "Economic; Engagement", "No", "Yes"],
    ]  # fmt: skip
    event = AuditEvent.objects.get(action="spectrum.export")
    assert event.detail["rows"] == 2
    assert event.detail["filter"]["year_groups"] == ["8"]


def test_export_of_another_school_is_404_without_asking_to_reauthenticate(
    client, head_at_school_b, snapshot
):
    client.force_login(head_at_school_b)

    assert client.get(export_url()).status_code == 404


# --- The header item ------------------------------------------------------------------------


def test_nav_target_follows_access(school_a, staff_at_school_a, head_at_school_a, coordinator):
    assert nav_target(head_at_school_a) == "/pupil-data/"
    assert nav_target(staff_at_school_a) == ""
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    assert nav_target(staff_at_school_a) == "/pupil-data/"
    assert nav_target(coordinator) in ("/pupil-data/network/", "/pupil-data/")


def test_header_shows_pupil_data_from_sign_in_to_those_with_somewhere_to_go(
    client, head_at_school_a, staff_at_school_a
):
    client.force_login(head_at_school_a)
    lead_page = client.get("/accounts/profile/").content.decode()
    client.force_login(staff_at_school_a)
    staff_page = client.get("/accounts/profile/").content.decode()

    assert 'href="/pupil-data/"' in lead_page
    assert ">Pupil data<" in lead_page
    assert ">Pupil data<" not in staff_page  # no cohort grant: nowhere to go
