"""Who may read and change a school's pilots (reconnect/lab/rules.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from reconnect.lab import rules
from reconnect.lab.tests.factories import PilotFactory


@pytest.mark.parametrize(
    ("persona", "read", "edit", "network"),
    [
        ("head_at_school_a", True, True, False),
        ("data_lead_at_school_a", True, True, False),
        ("staff_at_school_a", True, False, False),
        ("head_at_school_b", False, False, False),
        ("system_leader", False, False, False),
        ("coordinator", False, False, True),
        ("admin_user", False, False, True),
    ],
)
def test_each_persona_at_school_a(request, school_a, persona, read, edit, network):
    user = request.getfixturevalue(persona)
    pilot = PilotFactory.create(school=school_a)

    assert rules.can_read_pilots(user, school_a.pk) is read
    assert rules.can_read_pilot(user, pilot) is read
    assert rules.can_edit_pilots(user, school_a.pk) is edit
    assert rules.can_list_network_pilots(user) is network


def test_nobody_is_a_trio_partner_until_trios_run(school_a, head_at_school_b):
    pilot = PilotFactory.create(school=school_a)

    assert rules.is_trio_partner(head_at_school_b, pilot) is False


def test_anonymous_and_inactive_users_get_nothing(school_a, head_at_school_a, coordinator):
    head_at_school_a.is_active = False
    coordinator.is_active = False

    assert rules.can_read_pilots(AnonymousUser(), school_a.pk) is False
    assert rules.can_edit_pilots(head_at_school_a, school_a.pk) is False
    assert rules.can_list_network_pilots(coordinator) is False


def test_the_target_group_follows_the_cohort_views(school_a, staff_at_school_a, head_at_school_a):
    assert rules.can_see_target_group(head_at_school_a, school_a.pk) is True
    assert rules.can_see_target_group(staff_at_school_a, school_a.pk) is False
    assert rules.can_see_target_group(staff_at_school_a, school_a.pk, granted=True) is True
