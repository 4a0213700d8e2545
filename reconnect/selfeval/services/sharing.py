"""Sharing a submitted report with the school's trust or a named school, and withdrawing it.

A share is the only way a named school's scores are seen outside it. The views check that
the user is the school lead (``rules.can_manage_review``); these functions enforce what
must hold whoever calls them. Trios (issue 6) do not exist yet, so a report goes to the
school's own trust or to one named school.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.accounts.emails import absolute_url
from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import Membership, School, SystemLeaderScope, Trust
from reconnect.schools.roles import SchoolRole
from reconnect.selfeval.models import ReportShare, Review, ShareKind


def report_share(
    *,
    review: Review,
    user: Any,
    trust: Trust | None = None,
    school: School | None = None,
    request: Any = None,
) -> tuple[ReportShare, bool]:
    """Share ``review``'s report with ``trust`` or ``school`` (exactly one of them).

    Returns the share and whether it is new: sharing again with the same audience while a
    share is in force returns that share unchanged. A new share is audited, and its
    recipients (the school's leads, or the trust's system leaders) are e-mailed after the
    transaction commits.

    Raises ApplicationError if the review is not submitted, both or neither audience is
    given, the trust is not the school's own, or the school is the review's own school.
    """
    if (trust is None) == (school is None):
        raise ApplicationError(_("Choose the trust or one school to share the report with."))
    if not review.is_submitted:
        raise ApplicationError(_("Only a submitted report can be shared."))
    if school is not None and school.pk == review.school_id:
        raise ApplicationError(_("This is your own school's report: its members already see it."))
    if trust is not None and trust.pk != review.school.trust_id:
        raise ApplicationError(_("A report can only be shared with your school's own trust."))

    if trust is not None:
        audience: dict[str, Any] = {"trust": trust}
        kind, audience_id = ShareKind.TRUST, trust.pk
    elif school is not None:  # one of the two, as checked above
        audience = {"school": school}
        kind, audience_id = ShareKind.SCHOOL, school.pk
    existing = ReportShare.objects.filter(
        review=review, revoked_at__isnull=True, **audience
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            share = ReportShare.objects.create(review=review, kind=kind, shared_by=user, **audience)
    except IntegrityError:
        # Someone shared it with the same audience a moment ago: theirs stands.
        return ReportShare.objects.get(review=review, revoked_at__isnull=True, **audience), False
    audit_record(
        "selfeval.report_shared",
        request=request,
        actor=user,
        target=review,
        school_urn=review.school.urn,
        detail={"share": share.pk, "kind": kind, "audience": audience_id},
    )
    share_id = share.pk
    transaction.on_commit(lambda: send_report_shared(share_id=share_id))
    return share, True


def report_share_withdraw(*, share: ReportShare, user: Any, request: Any = None) -> bool:
    """Stop sharing: from now on the audience gets a 404 for the report and its downloads.

    Returns False if the share had already been withdrawn (nothing changes). Audited.
    """
    withdrawn = ReportShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    if not withdrawn:
        return False
    share.refresh_from_db(fields=["revoked_at", "revoked_by"])
    audit_record(
        "selfeval.report_share_withdrawn",
        request=request,
        actor=user,
        target=share.review,
        school_urn=share.review.school.urn,
        detail={"share": share.pk, "kind": share.kind},
    )
    return True


def share_recipients(share: ReportShare) -> list[str]:
    """Who is told of a share: the school's leads, or the trust's system leaders."""
    if share.school_id is not None:
        emails = Membership.objects.filter(
            school_id=share.school_id, role=SchoolRole.SCHOOL_LEAD, user__is_active=True
        ).values_list("user__email", flat=True)
        return sorted(set(emails))
    leaders = SystemLeaderScope.objects.filter(trust=share.trust, user__is_active=True)
    return sorted(set(leaders.values_list("user__email", flat=True)))


def send_report_shared(*, share_id: int) -> None:
    """E-mail the recipients of a share, in text and HTML, unless it was withdrawn since."""
    share = (
        ReportShare.objects.select_related("review__school", "trust", "school", "shared_by")
        .filter(pk=share_id, revoked_at__isnull=True)
        .first()
    )
    if share is None:
        return
    recipients = share_recipients(share)
    if not recipients:
        return
    context = {
        "share": share,
        "review": share.review,
        "from_school": share.review.school,
        "audience": share.trust or share.school,
        "report_url": absolute_url(reverse("selfeval:report-detail", args=[share.review_id])),
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string("selfeval/email/report_shared_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string("selfeval/email/report_shared.txt", context),
        # All of them lead the same school or the same trust: they may see each other.
        to=recipients,
    )
    message.attach_alternative(
        render_to_string("selfeval/email/report_shared.html", context), "text/html"
    )
    message.send()
