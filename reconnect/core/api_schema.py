"""What the JSON API's operations share: bounded pagination, and the error answers every
operation may give besides its own, so the OpenAPI document lists each status a caller can
get (schemathesis checks that it does, in the security stage of CI).
"""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# Far past any real list (100,000 pages of 100), far below a number that overflows the
# database's OFFSET: Ninja's own pagination has no highest page, and page=10**20 was a 500.
MAX_PAGE = 100_000


class BoundedPagination(PageNumberPagination):
    """Ninja's page-number pagination with a highest page number."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)


class ErrorOut(Schema):
    detail: str


# Named apart from the apps' own ProblemOut and InvalidOut: the OpenAPI document keys its
# schemas by class name, and two classes of one name would share one (wrong) schema.
class ValidationProblemOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationProblemOut]


# A path naming nothing the caller may see: the same 404 whether it exists or not.
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
# A parameter or body of the wrong type or out of range: Ninja's 422, each problem located.
INVALID: dict[int, Any] = {422: ValidationErrorOut}
