"""The rules the Lab's tables keep whatever code writes to them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from reconnect.lab.models import ApplicationStatus, PairingConstraint, PairingRule
from reconnect.lab.tests.factories import (
    ApplicationFactory,
    OutcomeMeasureFactory,
    PilotFactory,
    TrioFactory,
    TrioMemberFactory,
)

pytestmark = pytest.mark.django_db


def _refused(make) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_a_pilot_cannot_end_before_it_starts(school_a):
    PilotFactory(school=school_a, starts_on=datetime.date(2027, 1, 4), ends_on=None)

    _refused(
        lambda: PilotFactory(
            school=school_a,
            starts_on=datetime.date(2027, 1, 4),
            ends_on=datetime.date(2027, 1, 3),
        )
    )


def test_a_pilot_has_one_primary_measure_and_each_name_once(school_a):
    pilot = PilotFactory(school=school_a)
    OutcomeMeasureFactory(pilot=pilot, name="Reading age", is_primary=True)
    OutcomeMeasureFactory(pilot=pilot, name="Attendance", is_primary=False)

    _refused(lambda: OutcomeMeasureFactory(pilot=pilot, name="Spelling", is_primary=True))
    _refused(lambda: OutcomeMeasureFactory(pilot=pilot, name="Reading age"))


def test_a_school_applies_once_per_cohort_unless_it_withdrew(school_a):
    first = ApplicationFactory.create(pilot=PilotFactory(school=school_a))

    _refused(lambda: ApplicationFactory(cohort=first.cohort, pilot=PilotFactory(school=school_a)))
    first.status = ApplicationStatus.WITHDRAWN
    first.save()
    again = ApplicationFactory.create(cohort=first.cohort, pilot=PilotFactory(school=school_a))
    assert again.status == ApplicationStatus.SUBMITTED


def test_a_school_is_in_one_trio_of_a_cohort(school_a):
    trio = TrioFactory()
    TrioMemberFactory(trio=trio, school=school_a)
    other = TrioFactory(cohort=trio.cohort)

    _refused(lambda: TrioMemberFactory(trio=other, school=school_a))
    TrioMemberFactory(trio=TrioFactory(), school=school_a)  # another cohort: fine


def test_a_pairing_rule_is_stored_smaller_school_first_and_once(school_a, school_b):
    cohort = TrioFactory.create().cohort
    low, high = sorted([school_a, school_b], key=lambda s: s.pk)
    PairingConstraint.objects.create(
        cohort=cohort, first=low, second=high, rule=PairingRule.MUST_PAIR
    )

    _refused(
        lambda: PairingConstraint.objects.create(
            cohort=cohort, first=high, second=low, rule=PairingRule.MUST_NOT_PAIR
        )
    )
    _refused(
        lambda: PairingConstraint.objects.create(
            cohort=cohort, first=low, second=high, rule=PairingRule.MUST_NOT_PAIR
        )
    )
