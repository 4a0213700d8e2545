"""Who can help me?: which schools count, in which order, who is listed, and the cost.

The world: the asker heads demo school A (a primary in Camden). Four other schools have
shared experience of attendance in one way each, at different distances; others have
something that must never count (a draft self-evaluation, a running or withdrawn pilot, an
unpublished or unconsented case study, a strong school whose only member opted out).
Every school has the factory's context figures, so no school is "like yours" here: the
ranking is evidence, borough and phase (the likeness term is tested in test_matching).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.hub.tests.factories import CaseStudyPageFactory, InterventionPageFactory
from reconnect.lab.models import PilotStatus
from reconnect.lab.tests.factories import PilotFactory
from reconnect.network.models import BoardKind
from reconnect.network.selectors.helpers import helpers_ranked
from reconnect.network.tests.factories import BoardPostFactory
from reconnect.schools.models import School
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory
from reconnect.selfeval.tests.factories import (
    answer_all,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

CAMDEN, ISLINGTON, BARNET, CROYDON, HAVERING = 202, 206, 302, 306, 311
COMPLETED_AT = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def _school(name, code, *, phase=School.Phase.PRIMARY, open_member=True):
    school = SchoolFactory.create(name=name, phase=phase, local_authority__code=code)
    if open_member:
        user = UserFactory.create(
            first_name=name.split()[0], last_name="Contact", open_to_contact=True
        )
        MembershipFactory.create(school=school, user=user)
    return school


def _version():
    return published_framework(domains=[("attendance", ["attendance"]), ("send", ["send"])])


def _strong(school, version):
    return submitted_review(school, version, levels={"attendance": [4, 4, 4, 4]}, default=2)


def _pilot(school, *, status=PilotStatus.COMPLETED, title="Magnetic Reading"):
    intervention = InterventionPageFactory.create(title=title, themes=["attendance"])
    return PilotFactory.create(
        school=school,
        intervention=intervention,
        status=status,
        completed_at=COMPLETED_AT if status == PilotStatus.COMPLETED else None,
    )


@pytest.fixture
def attendance():
    return Theme.objects.get(slug="attendance")


@pytest.fixture
def world(school_a, head_at_school_a):
    version = _version()
    strong = _school("Camden Strong Primary", CAMDEN)
    _strong(strong, version)
    _pilot(_school("Islington Pilot Primary", ISLINGTON))
    offer = _school("Barnet Offer Primary", BARNET)
    BoardPostFactory.create(
        school=offer,
        kind=BoardKind.OFFER,
        title="Visit our attendance team",
        themes=[Theme.objects.get(slug="attendance")],
    )
    case = _school("Croydon Case Secondary", CROYDON, phase=School.Phase.SECONDARY)
    CaseStudyPageFactory.create(
        title="How we cut absence", school=case, school_consent=True, themes=["attendance"]
    )
    # What must never count.
    _strong(school_a, version)  # the asker's own school
    opted_out = _school("Opted Out Primary", CAMDEN, open_member=False)
    _strong(opted_out, version)
    draft = _school("Draft Primary", CAMDEN)
    answer_all(open_review(draft, version), levels={"attendance": [4, 4, 4, 4]})
    running = _school("Running Pilot Primary", CAMDEN)
    _pilot(running, status=PilotStatus.RUNNING, title="Attendance mentors")
    _pilot(running, status=PilotStatus.WITHDRAWN, title="Walking bus")
    hidden = _school("Unpublished Case Primary", CAMDEN)
    CaseStudyPageFactory.create(
        school=hidden, school_consent=True, themes=["attendance"], live=False
    )
    CaseStudyPageFactory.create(school=hidden, school_consent=False, themes=["attendance"])
    closed = _school("Closed Offer Primary", CAMDEN)
    BoardPostFactory.create(
        school=closed,
        kind=BoardKind.OFFER,
        themes=[Theme.objects.get(slug="attendance")],
        closed_at=timezone.now(),
    )
    other_theme = _school("Send Strong Primary", CAMDEN)
    submitted_review(other_theme, version, levels={"send": [4, 4, 4, 4]}, default=2)
    return version


def _names(user, theme):
    _asker, ranked = helpers_ranked(user=user, theme=theme)
    return [(r.candidate.name, r.score) for r in ranked]


def test_helpers_rank_the_small_world_exactly(world, head_at_school_a, attendance):
    assert _names(head_at_school_a, attendance) == [
        ("Camden Strong Primary", 6.0),  # strength 3, same borough 2, phase 1
        ("Islington Pilot Primary", 5.0),  # pilot 3, neighbouring borough 1, phase 1
        ("Barnet Offer Primary", 4.0),  # offer 2, neighbouring borough 1, phase 1
        ("Croydon Case Secondary", 2.0),  # case study 2, elsewhere, another phase
    ]


def test_helpers_page_shows_reasons_and_contacts(world, client, head_at_school_a):
    client.force_login(head_at_school_a)
    response = client.get(reverse("network:helpers"), {"theme": "attendance"})
    assert response.status_code == 200
    rows = [
        (row.school.name, [r.text for r in row.reasons], [c.display_name for c in row.contacts])
        for row in response.context["helpers"]
    ]
    assert rows == [
        (
            "Camden Strong Primary",
            [
                "Strong in Attendance in its self-evaluation",
                "Same borough: Camden",
                "Phase: Primary",
            ],
            ["Camden Contact"],
        ),
        (
            "Islington Pilot Primary",
            [
                "Completed a pilot of Magnetic Reading, 2025\u201326",
                "Neighbouring borough: Islington",
                "Phase: Primary",
            ],
            ["Islington Contact"],
        ),
        (
            "Barnet Offer Primary",
            [
                "Offers help on the board: Visit our attendance team",
                "Neighbouring borough: Barnet",
                "Phase: Primary",
            ],
            ["Barnet Contact"],
        ),
        (
            "Croydon Case Secondary",
            ["Published a case study: How we cut absence"],
            ["Croydon Contact"],
        ),
    ]
    html = response.content.decode()
    assert "Completed a pilot of Magnetic Reading, 2025\u201326" in html
    assert "Opted Out Primary" not in html
    assert "Demo School A" not in html.split('data-testid="helpers"')[1]


def test_a_school_whose_only_open_member_opts_out_disappears(world, head_at_school_a, attendance):
    contact = School.objects.get(name="Camden Strong Primary").memberships.get(
        user__open_to_contact=True
    )
    contact.user.open_to_contact = False
    contact.user.save(update_fields=["open_to_contact"])
    assert [name for name, _score in _names(head_at_school_a, attendance)] == [
        "Islington Pilot Primary",
        "Barnet Offer Primary",
        "Croydon Case Secondary",
    ]


def test_an_inactive_member_is_no_contact(world, head_at_school_a, attendance):
    contact = School.objects.get(name="Islington Pilot Primary").memberships.get().user
    contact.is_active = False
    contact.save(update_fields=["is_active"])
    assert "Islington Pilot Primary" not in dict(_names(head_at_school_a, attendance))


def test_a_member_listing_the_theme_counts_and_is_named(head_at_school_a, attendance, client):
    school = _school("Havering Interest Primary", HAVERING, open_member=False)
    keen = UserFactory.create(first_name="Ada", last_name="Lovelace", open_to_contact=True)
    keen.themes.add(attendance)
    MembershipFactory.create(school=school, user=keen)
    shy = UserFactory.create(first_name="Shy", last_name="Member", open_to_contact=False)
    shy.themes.add(attendance)
    MembershipFactory.create(school=_school("Shy Primary", HAVERING, open_member=False), user=shy)
    client.force_login(head_at_school_a)
    response = client.get(reverse("network:helpers"), {"theme": "attendance"})
    rows = [(row.school.name, [r.text for r in row.reasons]) for row in response.context["helpers"]]
    assert rows == [
        ("Havering Interest Primary", ["Ada Lovelace works on Attendance", "Phase: Primary"])
    ]


def test_members_without_a_school_who_list_the_theme_are_listed_after(
    head_at_school_a, attendance, client
):
    partner = UserFactory.create(first_name="Pat", last_name="Partner", open_to_contact=True)
    partner.themes.add(attendance)
    closed = UserFactory.create(first_name="Quiet", last_name="Partner", open_to_contact=False)
    closed.themes.add(attendance)
    client.force_login(head_at_school_a)
    response = client.get(reverse("network:helpers"), {"theme": "attendance"})
    assert [m.display_name for m in response.context["members"]] == ["Pat Partner"]
    assert response.context["helpers"] == []


def test_without_a_school_the_ranking_is_by_evidence_only(world, coordinator, attendance):
    assert _names(coordinator, attendance) == [
        # Demo School A is strong too, but no one there is open to contact.
        ("Camden Strong Primary", 3.0),
        ("Islington Pilot Primary", 3.0),
        ("Barnet Offer Primary", 2.0),
        ("Croydon Case Secondary", 2.0),
    ]


def test_the_page_without_a_theme_offers_the_picker(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    response = client.get(reverse("network:helpers"))
    assert response.status_code == 200
    assert response.context["theme"] is None
    assert "helpers" not in response.context
    assert 'data-testid="theme-picker"' in response.content.decode()


def test_an_unknown_theme_is_not_found(client, staff_at_school_a):
    client.force_login(staff_at_school_a)
    response = client.get(reverse("network:helpers"), {"theme": "no-such-theme"})
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("network:helpers"), {"theme": "attendance"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("network:helpers"), {"theme": "attendance"})
    assert response.status_code == 200
    return len(captured), len(response.context["helpers"])


def test_the_query_count_does_not_grow_with_the_schools_listed(client, head_at_school_a):
    version = _version()
    _strong(_school("First Strong Primary", CAMDEN), version)
    one, listed = _queries(client, head_at_school_a)
    assert listed == 1
    _pilot(_school("Second Pilot Primary", ISLINGTON), title="Breakfast club")
    _strong(_school("Third Strong Primary", BARNET), version)
    BoardPostFactory.create(
        school=_school("Fourth Offer Primary", CROYDON),
        kind=BoardKind.OFFER,
        themes=[Theme.objects.get(slug="attendance")],
    )
    cache.clear()  # both counts from a cold cache of distances
    three, listed = _queries(client, head_at_school_a)
    assert listed == 4
    assert three == one


def test_a_hub_theme_page_links_members_to_who_can_help(client, staff_at_school_a):
    url = reverse("hub:theme-detail", kwargs={"slug": "attendance"})
    link = f'href="{reverse("network:helpers")}?theme=attendance" data-testid="who-can-help"'
    assert link not in client.get(url).content.decode()  # visitors: no dead end to sign in
    client.force_login(staff_at_school_a)
    assert link in client.get(url).content.decode()


def test_a_self_evaluation_priority_links_to_who_can_help(school_a):
    empty = SimpleNamespace(items=[], has_more=False)
    item = SimpleNamespace(
        domain=SimpleNamespace(code="attendance", title="Attendance"),
        school=school_a,
        review_id=1,
        interventions=empty,
        case_studies=empty,
        peers=empty,
        review=None,
        has_themes=True,
    )
    html = render_to_string("selfeval/includes/signposts_summary.html", {"signposts": [item]})
    assert f'<a class="govuk-link" href="{reverse("network:helpers")}">' in html
    assert "Who can help with this? Ask the network" in html
