"""The demo's pupil data: school A twice, school B once, their neighbours once; the network
counts over it show some figures and suppress others; seeding again changes nothing."""

from datetime import date

from reconnect.demo.spectrum import seed_spectrum, snapshot_dates
from reconnect.schools.tests.factories import SchoolFactory, local_authority
from reconnect.spectrum.models import Snapshot
from reconnect.spectrum.selectors.network import network_aggregate


def test_snapshot_dates_stay_in_one_school_year():
    assert snapshot_dates(date(2026, 12, 5)) == (date(2026, 10, 16), date(2026, 12, 4))
    # Too early in the autumn term for a half-term before: the previous summer's.
    assert snapshot_dates(date(2026, 9, 20)) == (date(2026, 5, 29), date(2026, 7, 17))


def test_seed_gives_the_network_figures_to_show_and_to_hide(
    school_a, school_b, trust_a, system_leader
):
    SchoolFactory(name="Trust Secondary", trust=trust_a, phase="secondary", number_on_roll=200)
    SchoolFactory(name="Southwark Primary", local_authority=local_authority(210))

    result = seed_spectrum(seed=3, today=date(2026, 12, 5))
    again = seed_spectrum(seed=3, today=date(2026, 12, 5))

    assert (result.schools, result.snapshots) == (4, 5)
    assert (again.schools, again.snapshots) == (0, 0)
    assert list(
        Snapshot.objects.filter(school=school_a)
        .order_by("as_at_date")
        .values_list("as_at_date", "is_latest")
    ) == [(date(2026, 10, 16), False), (date(2026, 12, 4), True)]
    view = network_aggregate(user=system_leader)
    assert view is not None
    assert [g.name for g in view.groups] == ["Demo School A", "Trust Secondary"]
    cells = [g.factor for g in view.groups] + [b for g in view.groups for b in g.bands]
    rows = [r.pupils for d in view.domains for r in d.rows]
    assert any(not c.suppressed for c in cells + rows)
    assert any(c.suppressed for c in cells + rows)
