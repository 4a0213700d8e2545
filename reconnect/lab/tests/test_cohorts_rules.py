"""Who may manage cohorts, apply, and read a trio partner's pilot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reconnect.lab import rules
from reconnect.lab.models import Pilot
from reconnect.lab.services import cohorts as services
from reconnect.lab.tests.factories import ApplicationFactory, LabCohortFactory, PilotFactory
from reconnect.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_coordinators_and_administrators_manage_cohorts(
    coordinator, admin_user, head_at_school_a, system_leader
):
    assert [
        rules.can_manage_cohorts(u)
        for u in (coordinator, admin_user, head_at_school_a, system_leader)
    ] == [True, True, False, False]


def test_only_a_school_lead_applies_for_the_school(
    school_a, head_at_school_a, data_lead_at_school_a, staff_at_school_a, head_at_school_b
):
    assert [
        rules.can_apply(u, school_a.pk)
        for u in (head_at_school_a, data_lead_at_school_a, staff_at_school_a, head_at_school_b)
    ] == [True, False, False, False]


def _trio_of_a_and_b(school_a, school_b, coordinator, *, confirm: bool) -> Pilot:
    cohort = LabCohortFactory.create()
    pilot_b = PilotFactory.create(school=school_b, title="Year 7 belonging")
    for pilot in (PilotFactory.create(school=school_a), pilot_b):
        ApplicationFactory.create(cohort=cohort, pilot=pilot)
    ApplicationFactory.create(
        cohort=cohort, pilot=PilotFactory.create(school=SchoolFactory.create())
    )
    (trio,) = services.trios_propose(cohort=cohort, user=coordinator) or []
    if confirm:
        services.trio_confirm(trio=trio, user=coordinator)
    pilot_b.refresh_from_db()
    return pilot_b


def test_members_of_a_confirmed_trio_partner_read_the_pilot(
    client, school_a, school_b, coordinator, staff_at_school_a
):
    pilot = _trio_of_a_and_b(school_a, school_b, coordinator, confirm=True)
    client.force_login(staff_at_school_a)

    response = client.get(
        reverse("lab:pilot-detail", kwargs={"urn": school_b.urn, "pilot_id": pilot.pk})
    )

    assert rules.is_trio_partner(staff_at_school_a, pilot) is True
    assert response.status_code == 200
    assert "Year 7 belonging" in response.content.decode()
    edit = reverse("lab:pilot-edit", kwargs={"urn": school_b.urn, "pilot_id": pilot.pk})
    assert client.post(edit, {"title": "Mine now"}).status_code == 403


def test_a_proposed_trio_is_no_partnership_yet(
    client, school_a, school_b, coordinator, head_at_school_a
):
    pilot = _trio_of_a_and_b(school_a, school_b, coordinator, confirm=False)
    client.force_login(head_at_school_a)

    response = client.get(
        reverse("lab:pilot-detail", kwargs={"urn": school_b.urn, "pilot_id": pilot.pk})
    )

    assert pilot.trio_id is None
    assert rules.is_trio_partner(head_at_school_a, pilot) is False
    assert response.status_code == 404


def test_a_school_outside_the_trio_is_no_partner(school_a, school_b, coordinator):
    from tests import personas

    pilot = _trio_of_a_and_b(school_a, school_b, coordinator, confirm=True)
    outsider = personas.staff_at(SchoolFactory.create())

    assert rules.is_trio_partner(outsider, pilot) is False
