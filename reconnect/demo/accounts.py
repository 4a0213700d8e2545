"""The seven documented demo accounts (ARCHITECTURE.md, "Public interfaces") and their schools."""

from collections.abc import Sequence
from dataclasses import dataclass

DEMO_SCHOOL_A_URN = 900001
DEMO_SCHOOL_B_URN = 900002
DEMO_SCHOOL_A_NAME = "Wrenmere Primary School"
DEMO_SCHOOL_B_NAME = "Kestrelgate Academy"
DEMO_TRUST_A_NAME = "Northbank Learning Trust"
DEMO_TRUST_B_NAME = "Larkbourne Education Trust"


@dataclass(frozen=True)
class PlannedMember:
    email: str
    first_name: str
    last_name: str
    job_title: str
    school_urn: int | None
    school_role: str | None
    open_to_contact: bool
    theme_slugs: tuple[str, ...]
    is_superuser: bool = False
    is_coordinator: bool = False
    # What the accounts table says this demo account is for.
    description: str = ""


def demo_accounts(theme_slugs: Sequence[str] = ()) -> list[PlannedMember]:
    """The seven documented demo accounts (ARCHITECTURE.md, "Public interfaces")."""
    known = set(theme_slugs)

    def themes(*slugs: str) -> tuple[str, ...]:
        return tuple(slug for slug in slugs if slug in known)

    school_a = f"{DEMO_SCHOOL_A_NAME} (URN {DEMO_SCHOOL_A_URN})"
    school_b = f"{DEMO_SCHOOL_B_NAME} (URN {DEMO_SCHOOL_B_URN})"
    return [
        PlannedMember(
            email="admin@example.org",
            first_name="Ada",
            last_name="Okafor",
            job_title="Platform Administrator",
            school_urn=None,
            school_role=None,
            open_to_contact=False,
            theme_slugs=themes("leadership"),
            is_superuser=True,
            description="Administrator (superuser, Wagtail admin)",
        ),
        PlannedMember(
            email="coordinator@example.org",
            first_name="Cora",
            last_name="Whitfield",
            job_title="Network Coordinator",
            school_urn=None,
            school_role=None,
            open_to_contact=True,
            theme_slugs=themes("leadership", "engagement", "place-and-community"),
            is_coordinator=True,
            description="Network coordinator (Wagtail admin)",
        ),
        PlannedMember(
            email="head.a@example.org",
            first_name="Harriet",
            last_name="Osei",
            job_title="Headteacher",
            school_urn=DEMO_SCHOOL_A_URN,
            school_role="school_lead",
            open_to_contact=True,
            theme_slugs=themes("attendance", "mental-health-and-wellbeing", "leadership"),
            description=f"School lead, {school_a}",
        ),
        PlannedMember(
            email="data.a@example.org",
            first_name="Dana",
            last_name="Kowalski",
            job_title="Deputy Headteacher (Data and Assessment)",
            school_urn=DEMO_SCHOOL_A_URN,
            school_role="data_lead",
            open_to_contact=False,
            theme_slugs=themes("learning-gaps", "attendance"),
            description=f"Data lead, {school_a}",
        ),
        PlannedMember(
            email="staff.a@example.org",
            first_name="Sam",
            last_name="Patel",
            job_title="Class Teacher",
            school_urn=DEMO_SCHOOL_A_URN,
            school_role="staff",
            open_to_contact=False,
            theme_slugs=(),  # left incomplete on purpose: the dashboard asks them to finish it
            description=f"Staff member, {school_a}",
        ),
        PlannedMember(
            email="head.b@example.org",
            first_name="Ben",
            last_name="Adebayo",
            job_title="Principal",
            school_urn=DEMO_SCHOOL_B_URN,
            school_role="school_lead",
            open_to_contact=True,
            theme_slugs=themes("transition", "send"),
            description=f"School lead, {school_b}",
        ),
        PlannedMember(
            email="leader@example.org",
            first_name="Lee",
            last_name="Chen",
            job_title=f"Chief Executive Officer, {DEMO_TRUST_A_NAME}",
            school_urn=None,
            school_role=None,
            open_to_contact=True,
            theme_slugs=themes("leadership", "staff-recruitment-and-retention"),
            description=f"System leader for {DEMO_TRUST_A_NAME} (which holds school A)",
        ),
    ]
