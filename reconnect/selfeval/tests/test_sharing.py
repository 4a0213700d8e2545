"""Sharing a report with the trust or a named school, and withdrawing it."""

from typing import cast

import pytest
from django.core import mail
from django.urls import reverse

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole
from reconnect.schools.tests.factories import MembershipFactory, SchoolFactory, TrustFactory
from reconnect.selfeval.models import ReportShare, ShareKind
from reconnect.selfeval.services.sharing import report_share, report_share_withdraw
from reconnect.selfeval.tests.factories import open_review, published_framework, submitted_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_a(school_a, head_at_school_a):
    return submitted_review(school_a, published_framework(), user=head_at_school_a)


def _urls(review):
    return [
        reverse(name, args=[review.pk])
        for name in ("selfeval:report-detail", "selfeval:report-csv", "selfeval:report-pdf")
    ]


def _statuses(client, user, review):
    client.force_login(user)
    return [client.get(url).status_code for url in _urls(review)]


# --- the service --------------------------------------------------------------------------


def test_sharing_with_a_school_is_audited_and_emails_its_leads_after_commit(
    review_a, head_at_school_a, school_b, head_at_school_b, django_capture_on_commit_callbacks
):
    MembershipFactory(school=school_b, role=SchoolRole.STAFF)

    with django_capture_on_commit_callbacks(execute=True):
        share, created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    assert (created, share.kind, share.school, share.trust, share.shared_by) == (
        True,
        ShareKind.SCHOOL,
        school_b,
        None,
        head_at_school_a,
    )
    event = AuditEvent.objects.get(action="selfeval.report_shared")
    assert (event.school_urn, event.detail) == (
        900001,
        {"share": share.pk, "kind": "school", "audience": school_b.pk},
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["head.b@example.org"]
    assert message.subject == (
        "[Reconnect] Demo School A shared its self-evaluation report with you"
    )
    report_url = f"http://testserver/self-evaluation/reviews/{review_a.pk}/report/"
    assert message.body.startswith(
        'Demo School A has shared its self-evaluation report "Autumn review" with Demo School '
        "B. Every member of your school can read it."
    )
    assert report_url in message.body
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html"
    assert f'<a href="{report_url}">Read the report</a>' in html


def test_sharing_with_the_trust_emails_its_system_leaders(
    review_a, head_at_school_a, trust_a, system_leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        share, _created = report_share(review=review_a, user=head_at_school_a, trust=trust_a)

    assert (share.kind, share.trust, share.school) == (ShareKind.TRUST, trust_a, None)
    assert [message.to for message in mail.outbox] == [["leader@example.org"]]
    assert "with Northbank Learning Trust. As a system leader" in mail.outbox[0].body


def test_sharing_again_returns_the_share_in_force_and_sends_nothing(
    review_a, head_at_school_a, school_b, head_at_school_b, django_capture_on_commit_callbacks
):
    first, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    with django_capture_on_commit_callbacks(execute=True):
        again, created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    assert (again, created) == (first, False)
    assert ReportShare.objects.count() == 1
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="selfeval.report_shared").count() == 1


def test_a_withdrawn_share_can_be_made_again(review_a, head_at_school_a, school_b):
    first, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)
    report_share_withdraw(share=first, user=head_at_school_a)

    again, created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    assert created is True
    assert again.pk != first.pk
    assert list(ReportShare.objects.filter(revoked_at__isnull=True)) == [again]


@pytest.mark.parametrize(
    ("audience", "message"),
    [
        ("own_school", "This is your own school's report: its members already see it."),
        ("other_trust", "A report can only be shared with your school's own trust."),
        ("nobody", "Choose the trust or one school to share the report with."),
    ],
)
def test_sharing_refuses_the_wrong_audience(review_a, head_at_school_a, audience, message):
    kwargs = {
        "own_school": {"school": review_a.school},
        "other_trust": {"trust": TrustFactory()},
        "nobody": {},
    }[audience]

    with pytest.raises(ApplicationError) as error:
        report_share(review=review_a, user=head_at_school_a, **kwargs)

    assert error.value.message == message
    assert ReportShare.objects.count() == 0


def test_an_unsubmitted_review_cannot_be_shared(school_a, head_at_school_a, school_b):
    review = open_review(school_a, published_framework(), user=head_at_school_a)

    with pytest.raises(ApplicationError, match="Only a submitted report can be shared"):
        report_share(review=review, user=head_at_school_a, school=school_b)

    assert ReportShare.objects.count() == 0


def test_withdrawing_is_audited_once(review_a, head_at_school_a, school_b):
    share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    first = report_share_withdraw(share=share, user=head_at_school_a)
    second = report_share_withdraw(share=share, user=head_at_school_a)

    share.refresh_from_db()
    assert (first, second, share.revoked_by, share.is_active) == (
        True,
        False,
        head_at_school_a,
        False,
    )
    assert AuditEvent.objects.filter(action="selfeval.report_share_withdrawn").count() == 1


def test_a_share_withdrawn_before_its_email_went_sends_nothing(
    review_a, head_at_school_a, school_b, head_at_school_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)
    report_share_withdraw(share=share, user=head_at_school_a)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


# --- who can read it ------------------------------------------------------------------------


def test_the_named_schools_members_read_it_until_it_is_withdrawn(
    client, review_a, head_at_school_a, school_b, head_at_school_b
):
    staff_b = MembershipFactory(school=school_b, role=SchoolRole.STAFF).user
    share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)

    assert _statuses(client, head_at_school_b, review_a) == [200, 200, 200]
    assert _statuses(client, staff_b, review_a) == [200, 200, 200]

    report_share_withdraw(share=share, user=head_at_school_a)

    assert _statuses(client, head_at_school_b, review_a) == [404, 404, 404]
    assert _statuses(client, staff_b, review_a) == [404, 404, 404]


def test_a_trust_share_reaches_its_schools_members_and_its_system_leader(
    client, review_a, head_at_school_a, trust_a, system_leader, school_b, head_at_school_b
):
    sister = SchoolFactory(trust=trust_a)
    colleague = MembershipFactory(school=sister, role=SchoolRole.STAFF).user
    report_share(review=review_a, user=head_at_school_a, trust=trust_a)

    assert _statuses(client, colleague, review_a) == [200, 200, 200]
    assert _statuses(client, system_leader, review_a) == [200, 200, 200]
    assert _statuses(client, head_at_school_b, review_a) == [404, 404, 404]


# --- the views ------------------------------------------------------------------------------


def test_the_lead_shares_with_a_school_by_its_urn(
    client, review_a, head_at_school_a, school_b, head_at_school_b
):
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("selfeval:share-create", args=[review_a.pk]), {"audience": "other", "urn": "900002"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("selfeval:report-detail", args=[review_a.pk])
    share = ReportShare.objects.get()
    assert (share.school, share.shared_by) == (school_b, head_at_school_a)
    page = client.get(response["Location"]).content.decode()
    assert "The report is now shared with Demo School B. We have e-mailed them." in page
    assert "Every member of this school (URN 900002)" in page


def test_the_share_form_offers_the_trust_and_schools_like_ours(client, review_a, head_at_school_a):
    # Unlike school A in every figure but one, so the two can be compared at all.
    similar = cast(
        School, SchoolFactory(name="Similar Primary", number_on_roll=300, percent_fsm=40)
    )
    client.force_login(head_at_school_a)

    response = client.get(reverse("selfeval:share-create", args=[review_a.pk]))

    assert response.status_code == 200
    choices = [
        (value, str(label)) for value, label in response.context["form"].fields["audience"].choices
    ]
    assert choices == [
        ("trust", "Northbank Learning Trust"),
        (str(similar.urn), f"Similar Primary ({similar.local_authority.name})"),
        ("other", "Another school, by its URN"),
    ]

    response = client.post(
        reverse("selfeval:share-create", args=[review_a.pk]), {"audience": str(similar.urn)}
    )

    assert response.status_code == 302
    assert ReportShare.objects.get().school == similar


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({}, "audience", "Choose who to share the report with."),
        ({"audience": "other"}, "urn", "Enter the URN of the school to share with."),
        ({"audience": "other", "urn": "12"}, "urn", "Enter a URN of 6 digits, for example 100000."),
        (
            {"audience": "other", "urn": "999999"},
            "urn",
            "No school in Reconnect has the URN 999999.",
        ),
    ],
)
def test_the_share_form_says_what_is_wrong(client, review_a, head_at_school_a, data, field, error):
    client.force_login(head_at_school_a)

    response = client.post(reverse("selfeval:share-create", args=[review_a.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert ReportShare.objects.count() == 0


def test_sharing_with_your_own_school_by_urn_is_refused(client, review_a, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.post(
        reverse("selfeval:share-create", args=[review_a.pk]), {"audience": "other", "urn": "900001"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This is your own school's report: its members already see it."
    ]
    assert ReportShare.objects.count() == 0


def test_staff_cannot_share_or_withdraw(
    client, review_a, head_at_school_a, staff_at_school_a, school_b
):
    share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)
    client.force_login(staff_at_school_a)

    create = client.post(
        reverse("selfeval:share-create", args=[review_a.pk]), {"audience": "other", "urn": "900002"}
    )
    withdraw = client.post(reverse("selfeval:share-withdraw", args=[review_a.pk, share.pk]))

    assert (create.status_code, withdraw.status_code) == (403, 403)
    assert list(ReportShare.objects.filter(revoked_at__isnull=True)) == [share]


def test_another_schools_lead_gets_a_404_and_nothing_changes(
    client, review_a, head_at_school_a, head_at_school_b, school_b
):
    share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)
    client.force_login(head_at_school_b)

    create = client.post(
        reverse("selfeval:share-create", args=[review_a.pk]), {"audience": "trust"}
    )
    withdraw = client.post(reverse("selfeval:share-withdraw", args=[review_a.pk, share.pk]))

    assert (create.status_code, withdraw.status_code) == (404, 404)
    assert ReportShare.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_lead_withdraws_from_the_report_page(client, review_a, head_at_school_a, school_b):
    share, _created = report_share(review=review_a, user=head_at_school_a, school=school_b)
    client.force_login(head_at_school_a)
    page = client.get(reverse("selfeval:report-detail", args=[review_a.pk])).content.decode()
    withdraw_url = reverse("selfeval:share-withdraw", args=[review_a.pk, share.pk])
    assert f'action="{withdraw_url}"' in page

    response = client.post(withdraw_url, follow=True)

    assert response.redirect_chain == [(reverse("selfeval:report-detail", args=[review_a.pk]), 302)]
    assert "The report is no longer shared with Demo School B." in response.content.decode()
    assert 'action="' + withdraw_url not in response.content.decode()


def test_a_share_of_another_review_cannot_be_withdrawn_through_this_one(
    client, school_a, head_at_school_a, school_b
):
    version = published_framework()
    older = submitted_review(school_a, version, user=head_at_school_a)
    newer = submitted_review(school_a, version, user=head_at_school_a)
    share, _created = report_share(review=older, user=head_at_school_a, school=school_b)
    client.force_login(head_at_school_a)

    response = client.post(reverse("selfeval:share-withdraw", args=[newer.pk, share.pk]))

    assert response.status_code == 404
    share.refresh_from_db()
    assert share.is_active
