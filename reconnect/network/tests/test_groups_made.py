"""Groups made with something else: a trio's when the Lab confirms it, the standing groups
of boroughs, trusts and phases, and the ``network_groups`` command."""

from io import StringIO

import pytest
from django.core.management import call_command

from reconnect.core.models import AuditEvent
from reconnect.lab.models import CohortStatus, TrioStatus
from reconnect.lab.services.cohorts import trio_confirm
from reconnect.lab.tests.factories import LabCohortFactory, TrioFactory, TrioMemberFactory
from reconnect.network import audit_actions
from reconnect.network.models import Group, GroupKind
from reconnect.network.services.groups import standing_groups_ensure, trio_group_ensure
from reconnect.network.tests.factories import GroupFactory
from reconnect.schools.models import LocalAuthority, School
from reconnect.schools.tests.factories import SchoolFactory, TrustFactory

pytestmark = pytest.mark.django_db


def _proposed_trio(name: str = "Trio 1"):
    cohort = LabCohortFactory.create(name="Spring 2027", status=CohortStatus.FORMING)
    trio = TrioFactory.create(cohort=cohort, name=name)
    TrioMemberFactory.create_batch(2, trio=trio)
    return trio


def test_confirming_a_trio_makes_its_group_once(coordinator):
    trio = _proposed_trio()
    assert Group.objects.count() == 0

    trio_confirm(trio=trio, user=coordinator)
    trio.save()  # saved again, as confirmed: no second group
    trio_group_ensure(trio)

    group = Group.objects.get()
    assert (group.kind, group.trio_id, group.name, group.slug) == (
        GroupKind.TRIO,
        trio.pk,
        "Trio 1 (Spring 2027)",
        "trio-spring-2027-trio-1",
    )
    assert group.created_by == coordinator
    events = AuditEvent.objects.filter(action=audit_actions.GROUP_CREATED)
    assert [(e.actor_id, e.target_id) for e in events] == [(coordinator.pk, str(group.pk))]


def test_a_proposed_trio_has_no_group():
    trio = _proposed_trio()

    assert trio_group_ensure(trio) is None
    assert Group.objects.count() == 0


def test_two_cohorts_trios_of_one_name_get_distinct_slugs(coordinator):
    first = _proposed_trio()
    second_cohort = LabCohortFactory.create(name="Spring 2027 ", status=CohortStatus.FORMING)
    second = TrioFactory.create(cohort=second_cohort, name="Trio 1")
    TrioMemberFactory.create_batch(2, trio=second)

    trio_confirm(trio=first, user=coordinator)
    trio_confirm(trio=second, user=coordinator)

    assert sorted(Group.objects.values_list("slug", flat=True)) == [
        "trio-spring-2027-trio-1",
        "trio-spring-2027-trio-1-2",
    ]


def test_standing_groups_are_one_per_borough_trust_and_phase_with_schools():
    camden = LocalAuthority.objects.get(code=202)
    hackney = LocalAuthority.objects.get(code=204)
    trust = TrustFactory.create(name="Northbank Learning Trust", slug="northbank")
    TrustFactory.create(name="Empty Trust", slug="empty")
    SchoolFactory.create(local_authority=camden, trust=trust, phase=School.Phase.PRIMARY)
    SchoolFactory.create(local_authority=camden, phase=School.Phase.PRIMARY)
    SchoolFactory.create(local_authority=hackney, phase=School.Phase.SECONDARY)

    made = standing_groups_ensure()
    again = standing_groups_ensure()

    assert made == {"borough": 2, "trust": 1, "phase": 2}
    assert again == {"borough": 0, "trust": 0, "phase": 0}
    assert sorted(Group.objects.values_list("kind", "name", "slug")) == sorted(
        [
            (GroupKind.BOROUGH, camden.name, f"borough-{camden.slug}"),
            (GroupKind.BOROUGH, hackney.name, f"borough-{hackney.slug}"),
            (GroupKind.TRUST, "Northbank Learning Trust", "trust-northbank"),
            (GroupKind.PHASE, "Primary schools", "phase-primary"),
            (GroupKind.PHASE, "Secondary schools", "phase-secondary"),
        ]
    )


def test_a_custom_group_never_takes_a_word_the_urls_use(coordinator):
    from reconnect.network.services.groups import group_create

    assert group_create(by=coordinator, name="New").slug == "new-2"
    assert group_create(by=coordinator, name="Trio").slug == "trio-2"


def test_network_groups_command_makes_what_is_missing_and_dry_run_makes_nothing():
    SchoolFactory.create(phase=School.Phase.PRIMARY)
    trio = TrioFactory.create(status=TrioStatus.CONFIRMED)
    Group.objects.filter(trio=trio).delete()  # a trio confirmed before groups existed
    GroupFactory.create(kind=GroupKind.PHASE, phase=School.Phase.PRIMARY, slug="phase-primary")

    dry = StringIO()
    call_command("network_groups", "--dry-run", stdout=dry)
    assert Group.objects.count() == 1

    out = StringIO()
    call_command("network_groups", stdout=out)

    assert dry.getvalue() == "Would make 1 borough, 0 trust, 0 phase and 1 trio groups.\n"
    assert out.getvalue() == "Made 1 borough, 0 trust, 0 phase and 1 trio groups.\n"
    assert Group.objects.filter(trio=trio).count() == 1
    assert Group.objects.count() == 3
