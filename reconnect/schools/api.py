"""The schools directory and schools like mine, as JSON (``/api/v1/schools``).

Network-wide for signed-in members, like the HTML directory, and served by the same
selectors so the two never disagree.
"""

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from reconnect.core.api_schema import INVALID, NOT_FOUND, BoundedPagination
from reconnect.schools import selectors
from reconnect.schools.models import LocalAuthority, Membership, School, Trust
from reconnect.schools.reasons import reason_text
from reconnect.schools.roles import SchoolRole

router = Router(tags=["schools"])

MAX_PAGE_SIZE = 100


class LocalAuthorityOut(Schema):
    code: int = Field(description="The DfE's three-digit local authority code")
    name: str
    slug: str


class TrustOut(Schema):
    code: str | None = Field(None, description="The GIAS group code")
    name: str
    slug: str

    @staticmethod
    def resolve_code(trust: Trust) -> str | None:
        return trust.gias_code


class SchoolOut(Schema):
    urn: int
    name: str
    phase: School.Phase
    establishment_type: str
    local_authority: LocalAuthorityOut
    trust: TrustOut | None
    postcode: str
    is_open: bool
    number_on_roll: int | None
    percent_fsm: float | None
    percent_eal: float | None
    percent_sen_support: float | None
    percent_ehcp: float | None
    attendance_percent: float | None


class MemberOut(Schema):
    """A network member at the school (from their membership there)."""

    id: int = Field(description="The member's id, as in /members/{id}/")
    name: str
    role: SchoolRole
    job_title: str

    @staticmethod
    def resolve_id(membership: Membership) -> int:
        return membership.user_id

    @staticmethod
    def resolve_name(membership: Membership) -> str:
        return str(membership.user.display_name)

    @staticmethod
    def resolve_job_title(membership: Membership) -> str:
        return str(membership.user.job_title)


class SchoolDetailOut(SchoolOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(school: School) -> list[Membership]:
        return list(school.network_members)  # type: ignore[attr-defined]


class SchoolSummaryOut(Schema):
    urn: int
    name: str
    local_authority: LocalAuthorityOut


class ReasonOut(Schema):
    feature: Literal["number_on_roll", "percent_fsm", "percent_eal", "percent_sen", "attendance"]
    here: float
    there: float
    gap: float = Field(description="The difference in standard deviations of the phase")
    text: str


class SimilarSchoolOut(Schema):
    school: SchoolSummaryOut
    distance: float = Field(description="Standardised distance on context; 0 is identical")
    features_compared: int
    reasons: list[ReasonOut] = Field(description="The features on which they are closest")


class SchoolFilters(Schema):
    q: str = Field("", max_length=100, description="Part of a name, a URN or a postcode start")
    borough: str | None = Field(None, max_length=60, description="A borough's slug")
    phase: School.Phase | None = None
    type: str | None = Field(None, max_length=100, description="A type of establishment")
    trust: str | None = Field(None, max_length=200, description="A trust's slug")
    sort: Literal["name", "-name"] = "name"


@router.get(
    "",
    response={200: list[SchoolOut], **INVALID},
    url_name="school-list",
    operation_id="school_list",
    summary="Search open schools",
)
@paginate(BoundedPagination, page_size=25, max_page_size=MAX_PAGE_SIZE)
def school_list(request: HttpRequest, filters: Query[SchoolFilters]) -> Any:
    local_authority = trust = None
    if filters.borough:
        local_authority = LocalAuthority.objects.filter(slug=filters.borough).first()
        if local_authority is None:
            return School.objects.none()
    if filters.trust:
        trust = Trust.objects.filter(slug=filters.trust).first()
        if trust is None:
            return School.objects.none()
    search = selectors.SchoolSearch(
        query=filters.q,
        local_authority=local_authority,
        phase=filters.phase or "",
        establishment_type=filters.type or "",
        trust=trust,
        sort=filters.sort,
    )
    return selectors.school_list(search=search)


@router.get(
    "/{urn}",
    response={200: SchoolDetailOut, **NOT_FOUND, **INVALID},
    url_name="school-detail",
    operation_id="school_detail",
    summary="A school's context and the network members there",
)
def school_detail(request: HttpRequest, urn: int) -> Any:
    return get_object_or_404(selectors.school_profile_queryset(with_members=True), urn=urn)


@router.get(
    "/{urn}/similar",
    response={200: list[SimilarSchoolOut], **NOT_FOUND, **INVALID},
    url_name="school-similar",
    operation_id="school_similar",
    summary="The open schools most like this one on context, nearest first",
)
def school_similar(
    request: HttpRequest, urn: int, count: int = Query(10, ge=1, le=50)
) -> list[SimilarSchoolOut]:
    school = get_object_or_404(selectors.school_profile_queryset(), urn=urn)
    return [
        SimilarSchoolOut(
            school=SchoolSummaryOut.from_orm(item.school),
            distance=item.match.distance,
            features_compared=item.match.features_compared,
            reasons=[
                ReasonOut(
                    feature=reason.feature,  # type: ignore[arg-type]
                    here=reason.here,
                    there=reason.there,
                    gap=reason.gap,
                    text=reason_text(reason),
                )
                for reason in item.match.reasons
            ],
        )
        for item in selectors.school_similar(school=school, count=count)
    ]
