"""% SEN is SEN support plus EHC plans. A school that reports only one of the two would
look like a school with almost no SEN if the other counted as 0 (and a special school,
where nearly every pupil has an EHC plan, would look mainstream), so it is unknown unless
both are known, on the profile and for schools like mine alike."""

from decimal import Decimal

import pytest

from reconnect.schools.models import School
from reconnect.schools.selectors import school_similar
from reconnect.schools.tests.factories import SchoolFactory


@pytest.mark.parametrize(
    ("sen_support", "ehcp", "expected"),
    [
        (Decimal("13.2"), Decimal("2.9"), Decimal("16.1")),
        (Decimal("0.0"), Decimal("0.0"), Decimal("0.0")),
        (None, Decimal("2.9"), None),
        (Decimal("13.2"), None, None),
        (None, None, None),
    ],
)
def test_school_percent_sen_is_known_only_when_both_figures_are(sen_support, ehcp, expected):
    school = School(percent_sen_support=sen_support, percent_ehcp=ehcp)

    assert school.percent_sen == expected


@pytest.mark.django_db
def test_school_similar_treats_half_a_sen_figure_as_unknown():
    target = SchoolFactory.create(urn=100001, percent_fsm=Decimal("24.5"))
    only_ehcp = SchoolFactory.create(
        urn=100002, percent_fsm=Decimal("25.0"), percent_sen_support=None
    )
    only_support = SchoolFactory.create(urn=100003, percent_fsm=Decimal("26.0"), percent_ehcp=None)
    both = SchoolFactory.create(
        urn=100004,
        percent_fsm=Decimal("40.0"),
        percent_sen_support=Decimal("20.0"),
        percent_ehcp=Decimal("3.0"),
    )

    similar = school_similar(school=target)

    compared = {s.school.urn: sorted(reason.feature for reason in s.match.reasons) for s in similar}
    assert compared == {
        only_ehcp.urn: ["percent_fsm"],
        only_support.urn: ["percent_fsm"],
        both.urn: ["percent_fsm", "percent_sen"],
    }
    sen = next(r for r in similar[-1].match.reasons if r.feature == "percent_sen")
    assert (similar[-1].school, sen.here, sen.there) == (both, pytest.approx(16.1), 23.0)
