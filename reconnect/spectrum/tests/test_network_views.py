"""The network aggregate page: who sees it, what it shows and hides, and the audit."""

import pytest
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.schools.tests.factories import SchoolFactory
from reconnect.spectrum.analysis.catalogue import BY_KEY
from reconnect.spectrum.models import PupilRecord
from reconnect.spectrum.tests.factories import PupilRecordFactory, SnapshotFactory

URL = reverse("spectrum:network")
FSM = 1 << BY_KEY["fsm_current"].bit
LAC = 1 << BY_KEY["looked_after"].bit


@pytest.fixture
def trust_data(school_a, trust_a):
    a = SnapshotFactory(school=school_a, is_latest=True)
    PupilRecordFactory.create_batch(12, snapshot=a, network_factors=FSM)
    PupilRecordFactory.create_batch(3, snapshot=a, network_factors=LAC)
    PupilRecordFactory.create_batch(9, snapshot=a, network_factors=0)
    other = SchoolFactory(trust=trust_a, name="Demo School A2")
    a2 = SnapshotFactory(school=other, is_latest=True)
    PupilRecordFactory.create_batch(8, snapshot=a2, network_factors=FSM)
    PupilRecordFactory.create_batch(6, snapshot=a2, network_factors=0)


def test_system_leader_sees_counts_by_school_and_is_audited(client, system_leader, trust_data):
    client.force_login(system_leader)

    response = client.get(URL, {"factor": "fsm_current"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Northbank Learning Trust</h1>' in html
    assert "Demo School A</th>" in html
    assert "Demo School A2</th>" in html
    # 20 of 38 pupils in the trust have FSM; looked-after (3) is not shown.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">20</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">52.6%</td>' in html
    assert html.count("Not shown") > 10
    # No pupil reference ever reaches the page.
    assert not [
        ref for ref in PupilRecord.objects.values_list("pupil_ref", flat=True) if ref in html
    ]
    event = AuditEvent.objects.get(action="spectrum.network.viewed")
    assert event.actor == system_leader
    assert event.school_urn is None
    assert event.detail == {
        "scope": f"trust-{system_leader.system_leader_scopes.get().trust_id}",
        "by": "school",
        "factor": "fsm_current",
        "schools": 2,
    }


def test_coordinator_compares_boroughs_and_trusts(client, coordinator, trust_data):
    client.force_login(coordinator)

    by_borough = client.get(URL)
    by_trust = client.get(URL, {"scope": "network", "by": "trust", "factor": "looked_after"})

    assert by_borough.status_code == by_trust.status_code == 200
    assert "Free school meals, by borough" in by_borough.content.decode()
    assert "Camden</th>" in by_borough.content.decode()
    trust_html = by_trust.content.decode()
    assert "Looked after, by trust" in trust_html
    assert "Northbank Learning Trust</th>" in trust_html
    assert '<option value="trust" selected>Trust</option>' in trust_html
    assert "Demo School A</th>" not in trust_html
    assert AuditEvent.objects.filter(action="spectrum.network.viewed").count() == 2


def test_no_data_yet_says_so(client, system_leader, school_a):
    client.force_login(system_leader)

    response = client.get(URL)

    assert response.status_code == 200
    assert "No school here has uploaded pupil data yet." in response.content.decode()
    assert "1 school could upload it." in response.content.decode()


@pytest.mark.parametrize("persona", ["staff_at_school_a", "head_at_school_a", "head_at_school_b"])
def test_school_members_are_refused_and_nothing_is_audited(client, request, persona, trust_data):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(URL)

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="spectrum.network.viewed").exists()


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
