"""Writes the planned demo network to the database, idempotently.

Rows are keyed by their natural keys (a school's URN, a trust's name, a member's email), and
every table is written with one upserting ``bulk_create`` per batch, so running the seed
again restores the seeded values without duplicating anything, and the London scale
(2,500 schools, 10,000 members) takes seconds. What members added themselves (other
schools, members, invitations) is left alone.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from reconnect.accounts.models import Invitation, JoinRequest, User
from reconnect.accounts.selectors import hash_token
from reconnect.core.exceptions import ApplicationError
from reconnect.demo.accounts import DEMO_SCHOOL_A_URN, PlannedMember
from reconnect.demo.plan import DEFAULT_SEED, FIRST_URN, SCALES, NetworkPlan, plan_network
from reconnect.hub.models import Theme
from reconnect.schools.data.london import LOCAL_AUTHORITIES
from reconnect.schools.models import LocalAuthority, Membership, School, SystemLeaderScope, Trust

BATCH_SIZE = 500
COORDINATORS_GROUP = "Coordinators"
SCHOOL_FIELDS = [
    "name",
    "phase",
    "establishment_type",
    "local_authority",
    "trust",
    "postcode",
    "is_open",
    "number_on_roll",
    "percent_fsm",
    "percent_eal",
    "percent_sen_support",
    "percent_ehcp",
    "attendance_percent",
    "updated_at",
]
USER_FIELDS = [
    "first_name",
    "last_name",
    "job_title",
    "password",
    "open_to_contact",
    "is_active",
    "is_staff",
    "is_superuser",
    "is_coordinator",
]


@dataclass(frozen=True)
class SeedResult:
    schools: int
    trusts: int
    members: int
    local_authorities: int
    seconds: float


def demo_is_loaded() -> bool:
    return School.objects.filter(urn=DEMO_SCHOOL_A_URN).exists()


def seed_demo(
    *,
    scale: str = "small",
    seed: int = DEFAULT_SEED,
    schools: int | None = None,
    trusts: int | None = None,
) -> SeedResult:
    """Plan the demo network for ``scale`` (or an explicit size) and write it.

    Side effects: upserts trusts, schools, users (with verified email addresses),
    memberships, themes, the system leader's scope, the coordinator's admin access, two
    pending invitations at school A and three join requests. Raises ApplicationError if
    the London boroughs or themes have not been loaded (run ``migrate`` first).
    """
    started = time.perf_counter()
    size = SCALES[scale]
    theme_ids = dict(Theme.objects.values_list("slug", "pk"))
    plan = plan_network(
        seed=seed,
        schools=schools or size.schools,
        trusts=trusts or size.trusts,
        theme_slugs=list(theme_ids),
    )
    with transaction.atomic():
        _write(plan, theme_ids)
    return SeedResult(
        schools=len(plan.schools),
        trusts=len(plan.trusts),
        members=len(plan.accounts) + len(plan.members),
        local_authorities=len({school.la_code for school in plan.schools}),
        seconds=time.perf_counter() - started,
    )


def _write(plan: NetworkPlan, theme_ids: dict[str, int]) -> None:
    la_ids = dict(LocalAuthority.objects.values_list("code", "pk"))
    if len(la_ids) < len(LOCAL_AUTHORITIES) or not theme_ids:
        raise ApplicationError(
            "The London boroughs and themes are missing: run `manage.py migrate` first."
        )

    Trust.objects.bulk_create(
        [Trust(name=trust.name, slug=trust.slug) for trust in plan.trusts],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["slug"],
    )
    trust_ids = dict(
        Trust.objects.filter(name__in=[t.name for t in plan.trusts]).values_list("name", "pk")
    )

    School.objects.bulk_create(
        [
            School(
                urn=school.urn,
                name=school.name,
                phase=school.phase,
                establishment_type=school.establishment_type,
                local_authority_id=la_ids[school.la_code],
                trust_id=trust_ids[school.trust_name] if school.trust_name else None,
                postcode=school.postcode,
                is_open=True,
                number_on_roll=school.number_on_roll,
                percent_fsm=school.percent_fsm,
                percent_eal=school.percent_eal,
                percent_sen_support=school.percent_sen_support,
                percent_ehcp=school.percent_ehcp,
                attendance_percent=school.attendance_percent,
            )
            for school in plan.schools
        ],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["urn"],
        update_fields=SCHOOL_FIELDS,
    )
    school_ids = dict(
        School.objects.filter(
            urn__gte=FIRST_URN, urn__lt=FIRST_URN + len(plan.schools)
        ).values_list("urn", "pk")
    )

    people = [*plan.accounts, *plan.members]
    # One hash for everyone: hashing 10,000 passwords one by one would take minutes.
    password = make_password(settings.RECONNECT_DEMO_PASSWORD)
    User.objects.bulk_create(
        [_user(person, password) for person in people],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["email"],
        update_fields=USER_FIELDS,
    )
    user_ids: dict[str, int] = {}
    emails = [person.email for person in people]
    for start in range(0, len(emails), BATCH_SIZE):
        batch = emails[start : start + BATCH_SIZE]
        user_ids.update(User.objects.filter(email__in=batch).values_list("email", "pk"))

    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user_ids[person.email],
                school_id=school_ids[person.school_urn],
                role=person.school_role,
            )
            for person in people
            if person.school_urn is not None and person.school_role is not None
        ],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["user", "school"],
        update_fields=["role"],
    )
    user_theme = User.themes.through
    user_theme.objects.bulk_create(
        [
            user_theme(user_id=user_ids[person.email], theme_id=theme_ids[slug])
            for person in people
            for slug in person.theme_slugs
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    # Verified, primary addresses: allauth lets nobody in with an unconfirmed one.
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(
                user_id=user_ids[person.email], email=person.email, verified=True, primary=True
            )
            for person in plan.members
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    for account in plan.accounts:
        EmailAddress.objects.update_or_create(
            user_id=user_ids[account.email],
            email=account.email,
            defaults={"verified": True, "primary": True},
        )

    leader = User.objects.get(email="leader@example.org")
    SystemLeaderScope.objects.get_or_create(
        user=leader, trust_id=trust_ids[plan.system_leader_trust]
    )
    _give_coordinator_admin_access(User.objects.get(email="coordinator@example.org"))
    _write_requests(plan, user_ids, school_ids)


def _user(person: PlannedMember, password: str) -> User:
    return User(
        email=person.email,
        first_name=person.first_name,
        last_name=person.last_name,
        job_title=person.job_title,
        password=password,
        open_to_contact=person.open_to_contact,
        is_active=True,
        is_staff=person.is_superuser,
        is_superuser=person.is_superuser,
        is_coordinator=person.is_coordinator,
    )


def _give_coordinator_admin_access(coordinator: User) -> None:
    """Coordinators work in the Wagtail admin, which asks for ``wagtailadmin.access_admin``."""
    permission = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    coordinator.user_permissions.add(permission)
    group = Group.objects.filter(name=COORDINATORS_GROUP).first()
    if group is not None:
        coordinator.groups.add(group)


def _write_requests(
    plan: NetworkPlan, user_ids: dict[str, int], school_ids: dict[int, int]
) -> None:
    now = timezone.now()
    for invitation in plan.invitations:
        pending = Invitation.objects.filter(
            email=invitation.email,
            school_id=school_ids[invitation.school_urn],
            accepted_at=None,
            revoked_at=None,
            expires_at__gt=now,
        )
        if pending.exists():
            continue
        # Nobody ever learns the token: these invitations only show what a lead waits on.
        Invitation.objects.create(
            email=invitation.email,
            school_id=school_ids[invitation.school_urn],
            role=invitation.role,
            invited_by_id=user_ids[invitation.invited_by_email],
            message="Welcome to the network: your colleagues are already here.",
            token_hash=hash_token(secrets.token_urlsafe(32)),
            expires_at=now + timedelta(days=settings.RECONNECT_INVITATION_DAYS),
        )
    for request in plan.join_requests:
        JoinRequest.objects.get_or_create(
            email=request.email,
            defaults={
                "first_name": request.first_name,
                "last_name": request.last_name,
                "job_title": request.job_title,
                "school_id": school_ids[request.school_urn],
                "role": request.role,
                "message": request.message,
            },
        )


def network_digest() -> str:
    """A fingerprint of the demo schools as stored: equal digests, identical networks."""
    rows = (
        School.objects.filter(urn__gte=FIRST_URN)
        .order_by("urn")
        .values_list(
            "urn",
            "name",
            "phase",
            "establishment_type",
            "local_authority__code",
            "trust__name",
            "postcode",
            "number_on_roll",
            "percent_fsm",
            "percent_eal",
            "percent_sen_support",
            "percent_ehcp",
            "attendance_percent",
        )
    )
    digest = hashlib.sha256()
    for row in rows.iterator():
        digest.update(repr(row).encode())
    return digest.hexdigest()
