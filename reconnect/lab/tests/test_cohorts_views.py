"""The Lab's cohorts pages: the list, applying and withdrawing, and the coordinator's
proposing, moving and confirming, with their exact words and fixed query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.hub.tests.factories import ThemeFactory
from reconnect.lab.models import (
    Application,
    ApplicationStatus,
    CohortStatus,
    LabCohort,
    Trio,
    TrioMember,
    TrioStatus,
)
from reconnect.lab.services import cohorts as services
from reconnect.lab.tests.factories import ApplicationFactory, LabCohortFactory, PilotFactory
from reconnect.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _detail(cohort: LabCohort) -> str:
    return reverse("lab:cohort-detail", kwargs={"cohort_id": cohort.pk})


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _applicants(cohort: LabCohort, count: int, *, first=None) -> list[int]:
    """``count`` applicants in Hackney all working on attendance; ``first`` is the first."""
    theme = ThemeFactory.create(slug="attendance")
    ids = []
    for number in range(count):
        school = (
            first
            if number == 0 and first is not None
            else SchoolFactory.create(name=f"School {number:02d}", local_authority__code=204)
        )
        pilot = PilotFactory.create(school=school, theme=theme)
        ids.append(ApplicationFactory.create(cohort=cohort, pilot=pilot).school_id)
    return ids


# --- The list -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("lab:cohort-list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_members_see_open_cohorts_only(client, head_at_school_a):
    LabCohortFactory.create(name="Spring 2027")
    LabCohortFactory.create(name="Autumn 2026", status=CohortStatus.FORMING)
    client.force_login(head_at_school_a)

    response = client.get(reverse("lab:cohort-list"))

    assert [c.name for c in response.context["cohorts"]] == ["Spring 2027"]
    assert "Open a cohort" not in _text(response)


def test_coordinators_see_every_cohort_and_may_open_one(client, coordinator):
    LabCohortFactory.create(name="Spring 2027")
    LabCohortFactory.create(name="Autumn 2026", status=CohortStatus.FORMING)
    client.force_login(coordinator)

    response = client.get(reverse("lab:cohort-list"))

    assert sorted(c.name for c in response.context["cohorts"]) == ["Autumn 2026", "Spring 2027"]
    assert "Open a cohort" in _text(response)


def test_the_list_costs_the_same_queries_for_one_cohort_or_three(client, head_at_school_a):
    client.force_login(head_at_school_a)
    LabCohortFactory.create()
    client.get(reverse("lab:cohort-list"))  # the first request fills the per-member caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("lab:cohort-list"))
    for _ in range(2):
        ApplicationFactory.create(cohort=LabCohortFactory.create())

    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("lab:cohort-list"))

    assert len(response.context["cohorts"]) == 3
    assert len(three) == len(one)


# --- Opening a cohort ---------------------------------------------------------------------


def test_a_coordinator_opens_a_cohort(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("lab:cohort-create"), {"name": "Spring 2027", "description": "Attendance."}
    )

    cohort = LabCohort.objects.get()
    assert response.status_code == 302
    assert response.url == _detail(cohort)
    page = client.get(response.url)
    assert "Cohort opened: Spring 2027" in _text(page)
    assert "Close applications and start forming trios" in _text(page)


def test_a_cohort_without_a_name_is_refused_with_an_error_summary(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("lab:cohort-create"), {"name": ""})

    assert response.status_code == 200
    assert "There is a problem" in _text(response)
    assert "Enter a name for the cohort." in _text(response)
    assert not LabCohort.objects.exists()


def test_a_school_lead_may_not_open_a_cohort(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(reverse("lab:cohort-create"), {"name": "Mine"})

    assert response.status_code == 403
    assert not LabCohort.objects.exists()


# --- Applying and withdrawing -------------------------------------------------------------


def test_a_school_lead_applies_with_a_pilot(client, school_a, head_at_school_a):
    cohort = LabCohortFactory.create(name="Spring 2027")
    pilot = PilotFactory.create(school=school_a, title="Attendance mentors")
    client.force_login(head_at_school_a)
    url = reverse("lab:application-create", kwargs={"cohort_id": cohort.pk})
    assert "Attendance mentors" in _text(client.get(url))

    response = client.post(url, {"pilot": pilot.pk, "statement": "We can host."})

    assert response.url == _detail(cohort)
    application = Application.objects.get()
    assert (application.school, application.pilot, application.statement) == (
        school_a,
        pilot,
        "We can host.",
    )
    page = _text(client.get(response.url))
    assert "Demo School A has applied to Spring 2027." in page
    assert "Attendance mentors" in page
    assert "Submitted" in page
    assert "Withdraw the application" in page
    assert "Apply with a pilot</a>" not in page


def test_applying_without_a_pilot_says_so(client, head_at_school_a):
    cohort = LabCohortFactory.create()
    client.force_login(head_at_school_a)

    response = client.get(reverse("lab:application-create", kwargs={"cohort_id": cohort.pk}))

    assert "Your school has no pilot to apply with yet." in _text(response)
    assert "Start a pilot at Demo School A" in _text(response)


def test_applying_with_another_schools_pilot_is_a_form_error(client, school_b, head_at_school_a):
    cohort = LabCohortFactory.create()
    other = PilotFactory.create(school=school_b)
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("lab:application-create", kwargs={"cohort_id": cohort.pk}), {"pilot": other.pk}
    )

    assert response.status_code == 200
    assert "Choose the pilot your school will run." in _text(response)
    assert not Application.objects.exists()


def test_a_school_lead_withdraws_the_application(client, school_a, head_at_school_a):
    cohort = LabCohortFactory.create()
    application = ApplicationFactory.create(
        cohort=cohort, pilot=PilotFactory.create(school=school_a)
    )
    client.force_login(head_at_school_a)

    response = client.post(
        reverse(
            "lab:application-withdraw",
            kwargs={"cohort_id": cohort.pk, "application_id": application.pk},
        )
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "The application of Demo School A is withdrawn." in _text(client.get(response.url))


def test_another_schools_application_is_a_404_and_stays(client, school_b, head_at_school_a):
    cohort = LabCohortFactory.create()
    application = ApplicationFactory.create(
        cohort=cohort, pilot=PilotFactory.create(school=school_b)
    )
    client.force_login(head_at_school_a)

    response = client.post(
        reverse(
            "lab:application-withdraw",
            kwargs={"cohort_id": cohort.pk, "application_id": application.pk},
        )
    )

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


# --- The coordinator's work ---------------------------------------------------------------


def test_the_coordinator_proposes_trios_and_reads_why(client, coordinator):
    cohort = LabCohortFactory.create(name="Spring 2027")
    _applicants(cohort, 3)
    client.force_login(coordinator)

    response = client.post(reverse("lab:trios-propose", kwargs={"cohort_id": cohort.pk}))

    assert response.url == _detail(cohort) + "#trios"
    page = _text(client.get(_detail(cohort)))
    assert "1 trios proposed." in page
    assert "3 schools in 1 groups, scoring 27" in page
    assert "Trio 1" in page
    assert "Score: 27" in page
    assert "School 00 and School 01: shared challenge: Attendance; same borough" in page
    assert "Confirm all proposed trios" in page


def test_a_proposal_that_cannot_be_made_shows_why(client, coordinator):
    cohort = LabCohortFactory.create()
    _applicants(cohort, 1)
    client.force_login(coordinator)

    response = client.post(reverse("lab:trios-propose", kwargs={"cohort_id": cohort.pk}))

    assert response.status_code == 200
    assert "There is a problem" in _text(response)
    assert "At least two schools must be waiting for a trio." in _text(response)


def test_the_coordinator_moves_a_school_and_confirms(client, coordinator):
    cohort = LabCohortFactory.create()
    ids = _applicants(cohort, 6)
    services.trios_propose(cohort=cohort, user=coordinator)
    member = TrioMember.objects.select_related("trio").get(school_id=ids[0])
    other = Trio.objects.exclude(pk=member.trio_id).get()
    client.force_login(coordinator)

    moved = client.post(
        reverse("lab:trio-member-move", kwargs={"cohort_id": cohort.pk, "member_id": member.pk}),
        {"to_trio": other.pk},
    )
    confirmed = client.post(
        reverse("lab:trio-confirm", kwargs={"cohort_id": cohort.pk, "trio_id": other.pk})
    )

    assert (moved.status_code, confirmed.status_code) == (302, 302)
    assert set(other.members.values_list("school_id", flat=True)) >= {ids[0]}
    other.refresh_from_db()
    assert other.status == TrioStatus.CONFIRMED
    page = _text(client.get(confirmed.url))
    assert f"{other.name} confirmed." in page


def test_the_coordinator_pairing_form_shows_its_errors(client, coordinator):
    cohort = LabCohortFactory.create()
    ids = _applicants(cohort, 2)
    client.force_login(coordinator)

    response = client.post(
        reverse("lab:pairing-add", kwargs={"cohort_id": cohort.pk}),
        {"first": ids[0], "second": ids[0], "rule": "must_pair"},
    )

    assert response.status_code == 200
    assert "Choose two different schools." in _text(response)


def test_the_cohort_page_costs_the_same_queries_for_one_trio_or_three(client, coordinator):
    small, large = LabCohortFactory.create(), LabCohortFactory.create()
    _applicants(small, 3)
    _applicants(large, 9)
    services.trios_propose(cohort=small, user=coordinator)
    services.trios_propose(cohort=large, user=coordinator)
    client.force_login(coordinator)
    client.get(_detail(small))

    with CaptureQueriesContext(connection) as one:
        client.get(_detail(small))
    with CaptureQueriesContext(connection) as three:
        response = client.get(_detail(large))

    assert len(response.context["workspace"].trios) == 3
    assert len(three) == len(one)


# --- A school's view ----------------------------------------------------------------------


def test_once_confirmed_the_school_sees_its_trio_and_its_schools(
    client, school_a, coordinator, staff_at_school_a
):
    cohort = LabCohortFactory.create()
    _applicants(cohort, 3, first=school_a)
    services.trios_propose(cohort=cohort, user=coordinator)
    services.trios_confirm_all(cohort=cohort, user=coordinator)
    client.force_login(staff_at_school_a)

    page = _text(client.get(_detail(cohort)))

    assert "In a trio" in page
    assert "Trio 1: Demo School A, School 01, School 02" in page
    assert "Withdraw the application" not in page
    assert "Propose trios" not in page


def test_a_forming_cohort_is_a_404_for_a_school_that_did_not_apply(client, head_at_school_b):
    cohort = LabCohortFactory.create(status=CohortStatus.FORMING)
    client.force_login(head_at_school_b)

    assert client.get(_detail(cohort)).status_code == 404
