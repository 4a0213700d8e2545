"""The spectrum API: uploads through the real import service, counts only, scoped, audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.spectrum.analysis.catalogue import BY_KEY
from reconnect.spectrum.ingest import MAX_BYTES
from reconnect.spectrum.models import PupilImport, PupilRecord, Snapshot
from reconnect.spectrum.tests.factories import (
    AS_AT,
    PupilRecordFactory,
    SnapshotFactory,
    StaffCohortGrantFactory,
    imported_snapshot,
    pupil_csv,
    pupil_rows,
)

BASE = "/api/v1/spectrum"
FSM = 1 << BY_KEY["fsm_current"].bit


def _upload(client, urn, data, **form):
    return client.post(
        f"{BASE}/schools/{urn}/imports",
        {"file": SimpleUploadedFile("pupils.csv", data, "text/csv"), **form},
    )


def test_upload_imports_the_file_as_the_website_does(client, data_lead_at_school_a, school_a):
    client.force_login(data_lead_at_school_a)

    response = _upload(client, school_a.urn, pupil_csv(15, seed=2))

    assert response.status_code == 201
    body = response.json()
    pupil_import = PupilImport.objects.get()
    assert body["id"] == pupil_import.pk
    assert (body["status"], body["status_label"], body["finished"]) == (
        "imported",
        "Imported",
        True,
    )
    assert (body["source"], body["dry_run"], body["filename"]) == ("api", False, "pupils.csv")
    assert (body["as_at_date"], body["pupils"], body["rows_total"]) == ("2026-10-16", 15, 15)
    assert (body["problem_count"], body["problems"], body["unmatched_headers"]) == (0, [], [])
    assert Snapshot.objects.get(school=school_a).pupil_count == 15
    assert pupil_import.source == "api"
    assert pupil_import.uploaded_by == data_lead_at_school_a
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "spectrum.import.received",
        "spectrum.import.finished",
    }


def test_a_bad_file_is_rejected_with_its_problems(client, head_at_school_a, school_a):
    client.force_login(head_at_school_a)
    data = pupil_csv(3, seed=1, fsm_eligible=[True, "maybe", False])

    response = _upload(client, school_a.urn, data)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "rejected"
    assert body["problem_count"] == 1
    assert [(p["row"], p["column"], p["value"]) for p in body["problems"]] == [
        (3, "fsm_eligible", "maybe")
    ]
    assert not Snapshot.objects.exists()


def test_a_dry_run_writes_no_snapshot(client, head_at_school_a, school_a):
    client.force_login(head_at_school_a)

    response = _upload(client, school_a.urn, pupil_csv(5), dry_run="true")

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["dry_run"]) == ("checked", True)
    assert not Snapshot.objects.exists()


def test_a_file_over_the_limit_is_refused_unread(client, head_at_school_a, school_a):
    client.force_login(head_at_school_a)

    response = _upload(client, school_a.urn, b"x" * (MAX_BYTES + 1))

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The file is larger than 20 MB: export only the columns Reconnect uses, or "
        "split the file."
    }
    assert not PupilImport.objects.exists()


def test_another_school_is_a_404_and_nothing_is_written(client, head_at_school_b, school_a):
    client.force_login(head_at_school_b)

    response = _upload(client, school_a.urn, pupil_csv(5))

    assert response.status_code == 404
    assert not PupilImport.objects.exists()


def test_import_status(client, head_at_school_a, school_a):
    snapshot = imported_snapshot(school_a, pupils=8)
    pupil_import = PupilImport.objects.get(snapshot=snapshot)
    client.force_login(head_at_school_a)

    response = client.get(f"{BASE}/schools/{school_a.urn}/imports/{pupil_import.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"], body["pupils"], body["progress_percent"]) == (
        pupil_import.pk,
        "imported",
        8,
        100,
    )


def test_profile_summary_counts_without_pupils(client, data_lead_at_school_a, school_a):
    rows = pupil_rows(30, seed=4)
    imported_snapshot(school_a, data=pupil_csv(rows))
    client.force_login(data_lead_at_school_a)

    response = client.get(f"{BASE}/schools/{school_a.urn}/profile")

    assert response.status_code == 200
    body = response.json()
    assert (body["urn"], body["as_at_date"], body["pupils"]) == (900001, str(AS_AT), 30)
    factors = {f["key"]: f for f in body["factors"]}
    fsm = sum(bool(r["fsm_eligible"]) for r in rows)
    ehcp = sum(r["sen_provision"] == "E" for r in rows)
    assert factors["fsm_current"] == {
        "key": "fsm_current",
        "label": "Free school meals",
        "domain": "economic",
        "severity": 2,
        "enabled": True,
        "pupils": fsm,
        "percent": round(100 * fsm / 30, 1),
    }
    assert factors["ehcp"]["pupils"] == ehcp
    assert [b["band"] for b in body["bands"]] == ["0", "1", "2–5", "6+"]
    assert sum(b["pupils"] for b in body["bands"]) == 30
    text = response.content.decode()
    assert not [r["pupil_ref"] for r in rows if r["pupil_ref"] in text]
    assert "pupil_ref" not in text
    event = AuditEvent.objects.get(action="spectrum.cohort.viewed")
    assert (event.school_urn, event.detail) == (900001, {"view": "api-profile", "filter": {}})


def test_profile_without_data_is_a_404(client, head_at_school_a, school_a):
    client.force_login(head_at_school_a)

    response = client.get(f"{BASE}/schools/{school_a.urn}/profile")

    assert response.status_code == 404
    assert response.json() == {"detail": "The school has no pupil data yet."}


def test_network_for_a_system_leader(client, system_leader, school_a, trust_a):
    a = SnapshotFactory(school=school_a, is_latest=True)
    PupilRecordFactory.create_batch(9, snapshot=a, network_factors=FSM)
    PupilRecordFactory.create_batch(5, snapshot=a, network_factors=0)
    a2 = SnapshotFactory(school=SchoolFactory(trust=trust_a, name="Demo School A2"), is_latest=True)
    PupilRecordFactory.create_batch(6, snapshot=a2, network_factors=FSM)
    PupilRecordFactory.create_batch(5, snapshot=a2, network_factors=0)
    client.force_login(system_leader)

    response = client.get(f"{BASE}/network", {"factor": "fsm_current"})

    assert response.status_code == 200
    body = response.json()
    assert (body["by"], body["factor"], body["schools"], body["pupils"]) == (
        "school",
        "fsm_current",
        2,
        25,
    )
    fsm = next(f for f in body["factors"] if f["key"] == "fsm_current")
    assert fsm["pupils"] == {"suppressed": False, "pupils": 15, "percent": 60.0}
    lac = next(f for f in body["factors"] if f["key"] == "looked_after")
    assert lac["pupils"] == {"suppressed": True, "pupils": None, "percent": None}
    assert [(g["name"], g["pupils"], g["factor"]["pupils"]) for g in body["groups"]] == [
        ("Demo School A", 14, 9),
        ("Demo School A2", 11, 6),
    ]
    assert AuditEvent.objects.filter(action="spectrum.network.viewed").count() == 1
    refs = PupilRecord.objects.values_list("pupil_ref", flat=True)
    assert not [ref for ref in refs if ref in response.content.decode()]


@pytest.mark.parametrize("persona", ["head_at_school_a", "data_lead_at_school_a"])
def test_network_refuses_school_members(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(f"{BASE}/network")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only system leaders and coordinators see pupil data across schools."
    }
    assert not AuditEvent.objects.filter(action="spectrum.network.viewed").exists()


def test_the_openapi_document_lists_the_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {p for p in paths if p.startswith(BASE)} == {
        f"{BASE}/schools/{{urn}}/imports",
        f"{BASE}/schools/{{urn}}/imports/{{import_id}}",
        f"{BASE}/schools/{{urn}}/profile",
        f"{BASE}/schools/{{urn}}/cohorts/prevalence",
        f"{BASE}/schools/{{urn}}/cohorts/combinations",
        f"{BASE}/schools/{{urn}}/cohorts/outcomes",
        f"{BASE}/network",
    }


@pytest.fixture
def school_a_rows(school_a):
    rows = pupil_rows(40, seed=6)
    imported_snapshot(school_a, data=pupil_csv(rows))
    return rows


def test_prevalence_by_year_with_a_filter(client, data_lead_at_school_a, school_a_rows):
    client.force_login(data_lead_at_school_a)
    fsm = [r for r in school_a_rows if r["fsm_eligible"]]

    everyone = client.get(f"{BASE}/schools/900001/cohorts/prevalence").json()
    narrowed = client.get(
        f"{BASE}/schools/900001/cohorts/prevalence", {"factor": "fsm_current", "by": "reg_group"}
    ).json()

    assert everyone["by"] == "year_group"
    assert [r["group"] for r in everyone["rows"]] == ["7", "8", "9", "10", "11", "All pupils"]
    total = everyone["rows"][-1]
    assert (total["total"], total["pupils"]) == (True, 40)
    assert total["counts"][everyone["keys"].index("fsm_current")] == len(fsm)
    assert sum(r["pupils"] for r in everyone["rows"][:-1]) == 40
    assert [b["pupils"] for b in everyone["bands"]] == [r["pupils"] for r in everyone["rows"]]
    assert narrowed["filter"] == {"factors": ["fsm_current"]}
    assert narrowed["rows"][-1]["pupils"] == len(fsm)
    assert {r["group"] for r in narrowed["rows"][:-1]} == {r["reg_group"] for r in fsm}
    details = list(
        AuditEvent.objects.filter(action="spectrum.cohort.viewed")
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == [
        {"view": "api-prevalence", "filter": {}},
        {"view": "api-prevalence", "filter": {"factors": ["fsm_current"]}},
    ]


def test_a_bad_filter_is_a_400(client, head_at_school_a, school_a_rows):
    client.force_login(head_at_school_a)

    response = client.get(f"{BASE}/schools/900001/cohorts/prevalence", {"band": "9"})

    assert response.status_code == 400
    assert response.json() == {"detail": "The number of factors is one of 0, 1, 2–5, 6+, not '9'"}


def test_combinations_and_co_occurrence(client, head_at_school_a, school_a_rows):
    client.force_login(head_at_school_a)

    body = client.get(f"{BASE}/schools/900001/cohorts/combinations").json()

    assert body["pupils"] == 40
    keys = body["keys"]
    matrix = body["co_occurrence"]
    assert len(matrix) == len(keys)
    assert matrix[keys.index("fsm_current")][keys.index("fsm_current")] == sum(
        bool(r["fsm_eligible"]) for r in school_a_rows
    )
    assert all(matrix[i][j] == matrix[j][i] for i in range(len(keys)) for j in range(len(keys)))
    counts = [c["pupils"] for c in body["combinations"]]
    assert counts == sorted(counts, reverse=True)
    assert all(set(c["keys"]) <= set(keys) for c in body["combinations"])


def test_outcome_gaps(client, head_at_school_a, school_a_rows):
    client.force_login(head_at_school_a)

    body = client.get(f"{BASE}/schools/900001/cohorts/outcomes").json()

    reference = body["reference"]
    assert (reference["kind"], reference["keys"]) == ("reference", [])
    assert {f["kind"] for f in body["factors"]} == {"factor"}
    fsm = next(f for f in body["factors"] if f["keys"] == ["fsm_current"])
    assert fsm["pupils"] == sum(bool(r["fsm_eligible"]) for r in school_a_rows)
    assert set(fsm["attendance"]) == {
        "pupils", "mean", "interval", "difference", "difference_interval"
    }  # fmt: skip
    assert fsm["persistent_absence"]["pupils"] == fsm["pupils"]


def test_cohort_views_need_a_grant_for_staff(client, staff_at_school_a, school_a, school_a_rows):
    client.force_login(staff_at_school_a)

    refused = client.get(f"{BASE}/schools/900001/cohorts/outcomes")
    StaffCohortGrantFactory(school=school_a, user=staff_at_school_a)
    granted = client.get(f"{BASE}/schools/900001/cohorts/outcomes")

    assert (refused.status_code, granted.status_code) == (404, 200)
