"""Target groups: a school saves a pupil-list filter under a name, and deletes it.

A target group is a definition (``analysis.cohorts.CohortFilter.to_dict()``), never a list
of pupils: it is applied afresh to the latest snapshot, so an Innovation Lab pilot can name
its target group without holding anyone's data.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.schools.models import School
from reconnect.spectrum.analysis.cohorts import CohortFilter
from reconnect.spectrum.models import SavedCohort

NAME_MAX = 120
DESCRIPTION_MAX = 300


def saved_cohort_create(
    *,
    school: School,
    user: Any,
    name: str,
    description: str = "",
    cohort_filter: CohortFilter,
    request: HttpRequest | None = None,
) -> SavedCohort:
    """Save ``cohort_filter`` as the school's target group ``name``.

    Side effects: one ``SavedCohort`` row and a ``spectrum.cohort.saved`` audit record
    (detail: the definition, which holds factor keys and groups, never a pupil reference).
    Raises ``ApplicationError`` for a missing or too long name, a description that is too
    long, a filter that picks no criterion at all, or a name the school already uses.
    """
    name = " ".join(name.split())
    description = " ".join(description.split())
    if not name:
        raise ApplicationError(_("Enter a name for the target group."), field="name")
    if len(name) > NAME_MAX:
        raise ApplicationError(
            _("Enter a name of %(max)s characters or fewer.") % {"max": NAME_MAX}, field="name"
        )
    if len(description) > DESCRIPTION_MAX:
        raise ApplicationError(
            _("Enter a reason of %(max)s characters or fewer.") % {"max": DESCRIPTION_MAX},
            field="description",
        )
    definition = dict(cohort_filter.to_dict())
    if definition == dict(CohortFilter().to_dict()):
        raise ApplicationError(
            _("Choose at least one filter first: a target group of every pupil is the school.")
        )
    try:
        with transaction.atomic():
            cohort = SavedCohort.objects.create(
                school=school,
                name=name,
                description=description,
                definition=definition,
                created_by=user,
            )
    except IntegrityError:
        raise ApplicationError(
            _("The school already has a target group called “%(name)s”. Choose another name.")
            % {"name": name},
            field="name",
        ) from None
    audit_record(
        "spectrum.cohort.saved",
        request=request,
        actor=user,
        target=cohort,
        school_urn=school.urn,
        detail={"change": "created", "definition": definition},
    )
    return cohort


def saved_cohort_delete(
    *, cohort: SavedCohort, user: Any, request: HttpRequest | None = None
) -> None:
    """Delete a target group. Side effect: a ``spectrum.cohort.saved`` audit record (detail:
    the change and the definition it had)."""
    school_urn = cohort.school.urn
    definition = cohort.definition
    target = SavedCohort(pk=cohort.pk)
    cohort.delete()
    audit_record(
        "spectrum.cohort.saved",
        request=request,
        actor=user,
        target=target,
        school_urn=school_urn,
        detail={"change": "deleted", "definition": definition},
    )
