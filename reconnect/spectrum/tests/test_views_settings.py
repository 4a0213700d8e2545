"""The privacy pages: retention, staff grants, remembered column matches, indicator
settings and deleting all pupil data."""

import datetime
import re
from typing import Any, cast

import pytest
import time_machine

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.models import AuditEvent
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory
from reconnect.spectrum import storage
from reconnect.spectrum.analysis import catalogue
from reconnect.spectrum.models import (
    ColumnMapping,
    ImportStatus,
    IndicatorChange,
    IndicatorConfig,
    PupilImport,
    PupilRecord,
    SchoolDataSettings,
    Snapshot,
    StaffCohortGrant,
)
from reconnect.spectrum.tests.factories import (
    ColumnMappingFactory,
    IndicatorChangeFactory,
    PupilImportFactory,
    PupilRecordFactory,
    SchoolDataSettingsFactory,
    SnapshotFactory,
    StaffCohortGrantFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def url(school, tail=""):
    return f"/pupil-data/{school.urn}/{tail}"


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def found(pattern, html, flags=0):
    """The match of a pattern that must be there."""
    match = re.search(pattern, html, flags)
    assert match is not None, pattern
    return match


def main(response):
    html = response.content.decode()
    return html.split('id="main-content"')[1].split("</main>")[0]


def banner(response):
    """The text of the messages banner(s) of a page."""
    found = re.findall(
        r'<p class="govuk-notification-banner__heading">(.*?)</p>', response.content.decode(), re.S
    )
    return [text(f) for f in found]


def errors(response):
    html = response.content.decode()
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return (
        [text(li) for li in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)]
        if summary
        else []
    )


def audits(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def staff_member(school, **fields: Any):
    user = UserFactory(**fields)
    MembershipFactory(user=user, school=school, role=SchoolRole.STAFF)
    return user


# --- the settings page ----------------------------------------------------------------


def test_settings_show_the_lead_retention_form_and_when_the_oldest_snapshot_goes(
    client, school_a, head_at_school_a
):
    SchoolDataSettingsFactory(school=school_a, retention_months=24)
    SnapshotFactory(school=school_a, as_at_date=datetime.date(2026, 1, 15))
    SnapshotFactory(school=school_a, as_at_date=datetime.date(2026, 10, 16))
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "settings/"))

    page = text(main(response))
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert (
        "Snapshots are kept for 24 months after their as-at date, then deleted automatically "
        "overnight." in page
    )
    assert "The oldest snapshot, as at 15 January 2026, will be deleted on 16 January 2028." in page
    assert 'name="months"' in main(response)
    assert 'value="24"' in main(response)
    assert "Delete all pupil data" in page


def test_settings_tell_a_data_lead_only_the_school_lead_sets_retention(
    client, school_a, data_lead_at_school_a
):
    client.force_login(data_lead_at_school_a)

    response = client.get(url(school_a, "settings/"))

    page = text(main(response))
    assert response.status_code == 200
    assert "Only the school lead can change how long snapshots are kept." in page
    assert "There are no snapshots yet." in page
    assert 'name="months"' not in main(response)
    assert "/delete/" not in main(response)


def test_settings_list_grants_and_offer_only_staff_without_one(
    client, school_a, head_at_school_a, staff_at_school_a, data_lead_at_school_a
):
    other = staff_member(school_a, first_name="Olu", last_name="Other", email="olu@example.org")
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a, granted_by=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "settings/"))

    html = main(response)
    grant_rows = re.findall(r'<tr class="govuk-table__row" id="grant-(\d+)">(.*?)</tr>', html, re.S)
    assert [(int(pk), text(row).split(" 2 Nov")[0]) for pk, row in grant_rows] == [
        (staff_at_school_a.pk, "Sam Staff Teacher")
    ]
    assert "2 Nov 2026 by Harriet Head" in text(html)
    options = re.findall(r'<option value="(\d*)"[^>]*>(.*?)</option>', html)
    assert options == [("", "Choose a staff member"), (str(other.pk), "Olu Other, Teacher")]


# --- retention ------------------------------------------------------------------------


def test_lead_sets_the_retention_period_and_it_is_audited(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "settings/retention/"), {"months": "12"}, follow=True)

    assert response.redirect_chain == [(url(school_a, "settings/#retention"), 302)]
    assert banner(response) == ["Snapshots are now kept for 12 months."]
    data_settings = SchoolDataSettings.objects.get(school=school_a)
    assert data_settings.retention_months == 12
    assert data_settings.updated_by == head_at_school_a
    [event] = audits("spectrum.retention.changed")
    assert (event.actor, event.school_urn, event.detail) == (
        head_at_school_a,
        school_a.urn,
        {"before": 24, "after": 12},
    )


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ("2", "Keep snapshots for at least 3 months."),
        ("85", "Keep snapshots for at most 84 months (7 years)."),
        ("a year", "Enter a whole number of months."),
        ("", "Enter how many months to keep snapshots."),
    ],
)
def test_retention_outside_the_range_is_refused_and_nothing_changes(
    client, school_a, head_at_school_a, months, message
):
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "settings/retention/"), {"months": months})

    assert response.status_code == 200
    assert errors(response) == [message]
    assert not SchoolDataSettings.objects.filter(school=school_a).exists()
    assert audits("spectrum.retention.changed") == []


def test_the_same_retention_again_changes_nothing_and_is_not_audited(
    client, school_a, head_at_school_a
):
    SchoolDataSettingsFactory(school=school_a, retention_months=24)
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "settings/retention/"), {"months": "24"})

    assert response.status_code == 302
    assert audits("spectrum.retention.changed") == []


def test_a_data_lead_may_not_set_retention(client, school_a, data_lead_at_school_a):
    client.force_login(data_lead_at_school_a)

    response = client.post(url(school_a, "settings/retention/"), {"months": "12"})

    assert response.status_code == 403
    assert not SchoolDataSettings.objects.filter(school=school_a).exists()


def test_another_schools_lead_cannot_set_retention(client, school_a, head_at_school_b):
    SchoolDataSettingsFactory(school=school_a, retention_months=24)
    client.force_login(head_at_school_b)

    response = client.post(url(school_a, "settings/retention/"), {"months": "3"})

    assert response.status_code == 404
    assert SchoolDataSettings.objects.get(school=school_a).retention_months == 24


# --- staff grants ---------------------------------------------------------------------


def test_a_data_lead_gives_a_staff_member_the_cohort_views(
    client, school_a, data_lead_at_school_a, staff_at_school_a
):
    client.force_login(data_lead_at_school_a)

    response = client.post(
        url(school_a, "settings/staff/"), {"staff_user": staff_at_school_a.pk}, follow=True
    )

    assert response.redirect_chain == [(url(school_a, "settings/#staff"), 302)]
    assert banner(response) == ["Sam Staff can now see the cohort views."]
    grant = StaffCohortGrant.objects.get(school=school_a)
    assert (grant.user, grant.granted_by) == (staff_at_school_a, data_lead_at_school_a)
    [event] = audits("spectrum.grant.added")
    assert (event.school_urn, event.detail, event.target_id) == (
        school_a.urn,
        {"user_id": staff_at_school_a.pk},
        str(grant.pk),
    )


@pytest.mark.parametrize("who", ["lead", "other_school_staff", "nobody"])
def test_only_the_schools_staff_can_be_given_the_cohort_views(
    client, school_a, school_b, head_at_school_a, data_lead_at_school_a, who
):
    person = {
        "lead": data_lead_at_school_a.pk,
        "other_school_staff": staff_member(school_b).pk,
        "nobody": "",
    }[who]
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "settings/staff/"), {"staff_user": person})

    assert response.status_code == 200
    expected = {
        "lead": "Choose a staff member of this school.",
        "other_school_staff": "Choose a staff member of this school.",
        "nobody": "Choose the staff member who should see the cohort views.",
    }[who]
    assert errors(response) == [expected]
    assert not StaffCohortGrant.objects.exists()
    assert audits("spectrum.grant.added") == []


def test_a_lead_removes_a_grant_and_it_is_audited(
    client, school_a, head_at_school_a, staff_at_school_a
):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(
        url(school_a, f"settings/staff/{staff_at_school_a.pk}/remove/"), follow=True
    )

    assert response.redirect_chain == [(url(school_a, "settings/#staff"), 302)]
    assert banner(response) == ["Sam Staff can no longer see the cohort views."]
    assert not StaffCohortGrant.objects.exists()
    [event] = audits("spectrum.grant.removed")
    assert (event.actor, event.school_urn, event.detail) == (
        head_at_school_a,
        school_a.urn,
        {"user_id": staff_at_school_a.pk},
    )


def test_removing_a_grant_takes_the_cohort_views_away_at_once(
    client, school_a, head_at_school_a, staff_at_school_a
):
    from reconnect.spectrum.selectors.access import school_for

    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    assert school_for(staff_at_school_a, school_a.urn, need="cohorts") == school_a
    client.force_login(head_at_school_a)

    client.post(url(school_a, f"settings/staff/{staff_at_school_a.pk}/remove/"))

    from django.http import Http404

    with pytest.raises(Http404):
        school_for(staff_at_school_a, school_a.urn, need="cohorts")


def test_another_schools_lead_cannot_remove_a_grant(
    client, school_a, head_at_school_b, staff_at_school_a
):
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    client.force_login(head_at_school_b)

    response = client.post(url(school_a, f"settings/staff/{staff_at_school_a.pk}/remove/"))

    assert response.status_code == 404
    assert StaffCohortGrant.objects.count() == 1
    assert audits("spectrum.grant.removed") == []


# --- remembered column matches --------------------------------------------------------


def test_mappings_list_each_header_with_its_column_alphabetically(
    client, school_a, school_b, data_lead_at_school_a
):
    ColumnMappingFactory(school=school_a, header="tutorinitials", canonical="")
    ColumnMappingFactory(
        school=school_a, header="formclass", canonical="reg_group", updated_by=data_lead_at_school_a
    )
    ColumnMappingFactory(school=school_b, header="schoolbonly", canonical="sex")
    client.force_login(data_lead_at_school_a)

    response = client.get(url(school_a, "settings/columns/"))

    rows = re.findall(
        r'<tr class="govuk-table__row" id="mapping-\d+">(.*?)</tr>', main(response), re.S
    )
    assert [text(row) for row in rows] == [
        "formclass Registration group 2 Nov 2026 by Dana Data Forget formclass",
        "tutorinitials Ignored 2 Nov 2026 Forget tutorinitials",
    ]


def test_mappings_list_costs_the_same_queries_for_one_or_three(
    client, school_a, data_lead_at_school_a, django_assert_max_num_queries
):
    client.force_login(data_lead_at_school_a)
    ColumnMappingFactory(school=school_a, canonical="sex")
    client.get(url(school_a, "settings/columns/"))  # warm the session and caches
    with django_assert_max_num_queries(100) as one:
        client.get(url(school_a, "settings/columns/"))
    ColumnMappingFactory(school=school_a, canonical="", updated_by=data_lead_at_school_a)
    ColumnMappingFactory(school=school_a, canonical="cin", updated_by=data_lead_at_school_a)

    with django_assert_max_num_queries(100) as three:
        response = client.get(url(school_a, "settings/columns/"))

    assert response.status_code == 200
    assert len(three.captured_queries) == len(one.captured_queries)


def test_forgetting_a_mapping_deletes_it_and_is_audited(client, school_a, head_at_school_a):
    mapping = cast(
        ColumnMapping, ColumnMappingFactory(school=school_a, header="form", canonical="reg_group")
    )
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, f"settings/columns/{mapping.pk}/delete/"), follow=True)

    assert response.redirect_chain == [(url(school_a, "settings/columns/"), 302)]
    assert banner(response) == ["Forgotten: files with the heading “form” will ask again."]
    assert not ColumnMapping.objects.exists()
    [event] = audits("spectrum.mapping.changed")
    assert (event.school_urn, event.detail) == (
        school_a.urn,
        {"header": "form", "before": "reg_group", "after": None},
    )


def test_another_schools_mapping_cannot_be_forgotten(client, school_a, school_b, head_at_school_a):
    mapping = cast(ColumnMapping, ColumnMappingFactory(school=school_b, canonical="sex"))
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, f"settings/columns/{mapping.pk}/delete/"))

    assert response.status_code == 404
    assert ColumnMapping.objects.count() == 1


# --- indicator settings ---------------------------------------------------------------


def indicator_data(reason="", **changes: Any) -> dict[str, Any]:
    """The indicator form as posted with the defaults, and ``changes`` by field name."""
    data: dict[str, Any] = {p.key: p.default for p in catalogue.PARAMETERS}
    for factor in catalogue.FACTORS:
        data[f"enabled__{factor.key}"] = "on"
        data[f"weight__{factor.key}"] = catalogue.DEFAULT_WEIGHTS[factor.key]
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}  # None: leave the box unticked
    data["reason"] = reason
    return data


def test_indicators_show_every_parameter_and_factor_with_its_default(
    client, school_a, data_lead_at_school_a
):
    IndicatorConfig.objects.create(school=school_a, overrides={"attendance_expected": 96.0})
    client.force_login(data_lead_at_school_a)

    response = client.get(url(school_a, "settings/indicators/"))

    html = main(response)
    page = text(html)
    assert response.status_code == 200
    for parameter in catalogue.PARAMETERS:
        assert f'for="id_{parameter.key}">{parameter.label}</label>' in html
        assert f"Default: {parameter.default}." in page
    assert found(r'name="attendance_expected"[^>]*value="96.0"', html)
    factor_rows = re.findall(r'id="factor-([a-z_0-9]+)"', html)
    assert factor_rows == [f.key for f in catalogue.FACTORS]
    assert "1 setting differs from the default." in page
    assert "No changes yet: every setting is the default." in page


def test_changing_indicators_logs_each_key_with_the_reason_and_audits_once(
    client, school_a, data_lead_at_school_a
):
    client.force_login(data_lead_at_school_a)
    data = indicator_data(
        "Our attendance policy uses 96%",
        attendance_expected="96",
        weight__fsm_current="3",
        enabled__medical_needs=None,
    )

    response = client.post(url(school_a, "settings/indicators/"), data, follow=True)

    assert response.redirect_chain == [(url(school_a, "settings/indicators/"), 302)]
    assert banner(response) == ["3 settings changed. Profiles and cohorts use them from now on."]
    assert IndicatorConfig.objects.get(school=school_a).overrides == {
        "attendance_expected": 96.0,
        "enabled.medical_needs": False,
        "weight.fsm_current": 3,
    }
    changes = [
        (c.key, c.before, c.after, c.reason, c.changed_by)
        for c in IndicatorChange.objects.order_by("key")
    ]
    assert changes == [
        (
            "attendance_expected",
            95.0,
            96.0,
            "Our attendance policy uses 96%",
            data_lead_at_school_a,
        ),
        (
            "enabled.medical_needs",
            True,
            False,
            "Our attendance policy uses 96%",
            data_lead_at_school_a,
        ),
        ("weight.fsm_current", 2, 3, "Our attendance policy uses 96%", data_lead_at_school_a),
    ]
    [event] = audits("spectrum.indicators.changed")
    assert (event.school_urn, event.detail) == (
        school_a.urn,
        {"keys": ["attendance_expected", "enabled.medical_needs", "weight.fsm_current"]},
    )
    log = re.findall(
        r"<tr class=\"govuk-table__row\">\s*<td[^>]*data-label=\"When\">(.*?)</tr>",
        main(response),
        re.S,
    )
    assert [text(row) for row in log] == [
        (
            "2 Nov 2026, 09:30 Expected attendance from (%) 95.0 96.0 "
            "Dana Data: Our attendance policy uses 96%"
        ),
        "2 Nov 2026, 09:30 Free school meals: weight 2 3 Dana Data: Our attendance policy uses 96%",
        (
            "2 Nov 2026, 09:30 Medical needs counted not counted "
            "Dana Data: Our attendance policy uses 96%"
        ),
    ]


def test_a_change_without_a_reason_is_refused_and_nothing_is_written(
    client, school_a, head_at_school_a
):
    client.force_login(head_at_school_a)

    response = client.post(
        url(school_a, "settings/indicators/"), indicator_data(weight__fsm_current="3")
    )

    assert response.status_code == 200
    assert errors(response) == ["Say why you are changing the settings."]
    assert not IndicatorConfig.objects.filter(school=school_a).exclude(overrides={}).exists()
    assert not IndicatorChange.objects.exists()
    assert audits("spectrum.indicators.changed") == []


def test_saving_the_same_values_changes_nothing(client, school_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        url(school_a, "settings/indicators/"), indicator_data("no reason needed"), follow=True
    )

    assert banner(response) == ["Nothing changed: every value was already set."]
    assert not IndicatorChange.objects.exists()
    assert audits("spectrum.indicators.changed") == []


def test_setting_a_value_back_to_its_default_drops_the_override_and_logs_it(
    client, school_a, head_at_school_a
):
    IndicatorConfig.objects.create(
        school=school_a, overrides={"weight.fsm_current": 3, "recent_years": 2}
    )
    client.force_login(head_at_school_a)

    client.post(
        url(school_a, "settings/indicators/"),
        indicator_data("Back to the DfE default", recent_years="2"),
    )

    assert IndicatorConfig.objects.get(school=school_a).overrides == {"recent_years": 2}
    [change] = IndicatorChange.objects.all()
    assert (change.key, change.before, change.after) == ("weight.fsm_current", 3, 2)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"persistent_absence_up_to": "80", "severe_absence_up_to": "85"},
            "Severe absence must start below persistent absence.",
        ),
        (
            {"persistent_absence_up_to": "97"},
            "Persistent absence must start at or below expected attendance.",
        ),
        ({"weight__ehcp": "11"}, "Weights are 10 or less."),
        (
            {"area_deprivation_deciles": "0"},
            "“Deprived area: IDACI deciles up to” must be 1 or more.",
        ),
        ({"attendance_expected": "ninety"}, "Enter a number."),
    ],
)
def test_impossible_indicator_settings_are_refused(
    client, school_a, head_at_school_a, changes, message
):
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "settings/indicators/"), indicator_data("why", **changes))

    assert response.status_code == 200
    assert errors(response) == [message]
    assert not IndicatorChange.objects.exists()


def test_the_change_log_is_the_schools_own(client, school_a, school_b, head_at_school_a):
    IndicatorChangeFactory(school=school_b, reason="School B's reason")
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "settings/indicators/"))

    assert "School B" not in text(main(response))


# --- delete all -----------------------------------------------------------------------


@pytest.fixture
def holdings(school_a, school_b, head_at_school_a):
    """School A: two snapshots of 3 and 2 pupils, three imports (one with its raw file
    still waiting), two mappings, a grant and an indicator setting. School B: one of each."""
    first = SnapshotFactory(school=school_a, as_at_date=datetime.date(2026, 7, 10))
    latest = SnapshotFactory(
        school=school_a, as_at_date=datetime.date(2026, 10, 16), is_latest=True
    )
    PupilRecordFactory.create_batch(3, snapshot=first)
    PupilRecordFactory.create_batch(2, snapshot=latest)
    PupilImportFactory(school=school_a, status=ImportStatus.IMPORTED, snapshot=latest)
    PupilImportFactory(school=school_a)
    waiting = storage.upload_save(b"pupil_ref,year_group\r\nP1,7\r\n")
    PupilImportFactory(
        school=school_a,
        status=ImportStatus.NEEDS_MAPPING,
        upload_name=waiting,
        finished_at=None,
    )
    ColumnMappingFactory(school=school_a, canonical="sex")
    ColumnMappingFactory(school=school_a, canonical="")
    StaffCohortGrantFactory(school=school_a)
    IndicatorConfig.objects.create(school=school_a, overrides={"recent_years": 2})
    other = SnapshotFactory(school=school_b, is_latest=True)
    PupilRecordFactory(snapshot=other)
    PupilImportFactory(school=school_b, status=ImportStatus.IMPORTED, snapshot=other)
    ColumnMappingFactory(school=school_b, canonical="sex")
    return {"waiting": waiting}


def test_delete_all_says_what_will_go(client, school_a, head_at_school_a, holdings):
    client.force_login(head_at_school_a)

    response = client.get(url(school_a, "delete/"))

    holdings_list = found(
        r'<ul class="govuk-list govuk-list--bullet" id="holdings">(.*?)</ul>', main(response), re.S
    )
    assert [text(li) for li in re.findall(r"<li>(.*?)</li>", holdings_list.group(1), re.S)] == [
        "2 snapshots, holding 5 pupil records",
        "3 uploads, with their problem reports and any files still waiting",
        "2 remembered column matches",
    ]
    assert "Type “Demo School A”." in text(main(response))


def test_the_wrong_name_deletes_nothing(client, school_a, head_at_school_a, holdings):
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "delete/"), {"school_name": "Demo School B"})

    assert response.status_code == 200
    assert errors(response) == ["That is not the school’s name. Type “Demo School A”."]
    assert Snapshot.objects.filter(school=school_a).count() == 2
    assert storage.upload_exists(holdings["waiting"])
    assert audits("spectrum.data.deleted") == []


def test_deleting_everything_removes_the_schools_pupil_data_and_keeps_the_rest(
    client, school_a, school_b, head_at_school_a, holdings, django_capture_on_commit_callbacks
):
    client.force_login(head_at_school_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(school_a, "delete/"), {"school_name": "  demo school a "})

    assert response.status_code == 302
    assert response["Location"] == url(school_a, "delete/")
    page = client.get(url(school_a, "delete/"))
    assert banner(page) == [
        (
            "Deleted 2 snapshots, 5 pupil records, 3 imports, 1 uploaded file and 2 remembered "
            "column matches. The audit trail keeps a record that you deleted them."
        )
    ]
    assert "Reconnect holds no pupil data for your school." in text(main(page))
    for model in (Snapshot, PupilRecord, PupilImport, ColumnMapping):
        assert not model.objects.filter(school=school_a).exists(), model
        assert model.objects.filter(school=school_b).count() == 1, model
    assert not storage.upload_exists(holdings["waiting"])
    assert StaffCohortGrant.objects.filter(school=school_a).count() == 1
    assert IndicatorConfig.objects.get(school=school_a).overrides == {"recent_years": 2}
    [event] = audits("spectrum.data.deleted")
    assert (event.actor, event.school_urn, event.detail) == (
        head_at_school_a,
        school_a.urn,
        {"snapshots": 2, "records": 5, "imports": 3, "raw_files": 1, "mappings": 2},
    )
    assert AuditEvent.objects.filter(school_urn=school_a.urn).count() >= 1


def test_delete_all_waits_for_an_import_being_written(client, school_a, head_at_school_a):
    PupilImportFactory(school=school_a, status=ImportStatus.IMPORTING, finished_at=None)
    SnapshotFactory(school=school_a)
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "delete/"), {"school_name": "Demo School A"})

    assert response.status_code == 200
    assert errors(response) == [
        "A file is being imported right now. Wait for it to finish, then delete the pupil data."
    ]
    assert Snapshot.objects.filter(school=school_a).count() == 1


def test_an_import_stuck_for_over_an_hour_does_not_block_deleting(
    client, school_a, head_at_school_a
):
    with time_machine.travel(NOW - datetime.timedelta(hours=2), tick=False):
        PupilImportFactory(school=school_a, status=ImportStatus.CHECKING, finished_at=None)
    client.force_login(head_at_school_a)

    response = client.post(url(school_a, "delete/"), {"school_name": "Demo School A"})

    assert response.status_code == 302
    assert not PupilImport.objects.exists()


def test_a_data_lead_cannot_delete_everything(client, school_a, data_lead_at_school_a, holdings):
    client.force_login(data_lead_at_school_a)

    response = client.post(url(school_a, "delete/"), {"school_name": "Demo School A"})

    assert response.status_code == 403
    assert Snapshot.objects.filter(school=school_a).count() == 2


def test_another_schools_lead_cannot_delete_everything(
    client, school_a, head_at_school_b, holdings
):
    client.force_login(head_at_school_b)

    response = client.post(url(school_a, "delete/"), {"school_name": "Demo School A"})

    assert response.status_code == 404
    assert Snapshot.objects.filter(school=school_a).count() == 2


@pytest.mark.parametrize(
    "tail",
    ["settings/", "settings/indicators/", "settings/columns/", "delete/"],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, school_a, tail):
    response = client.get(url(school_a, tail))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
