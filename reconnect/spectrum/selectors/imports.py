"""Reading a school's pupil imports. The school comes from ``selectors.access.school_for``."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from reconnect.schools.models import School
from reconnect.spectrum.models import PupilImport

# The largest id either database holds: a bigger one is simply not an import.
MAX_ID = 2**63 - 1


def imports_of(school: School) -> QuerySet[PupilImport]:
    """The school's imports, newest first, with who uploaded each and its snapshot."""
    return (
        PupilImport.objects.filter(school=school)
        .select_related("uploaded_by", "snapshot")
        .order_by("-uploaded_at", "-pk")
    )


def import_of(school: School, import_id: int) -> PupilImport:
    """One import of the school; 404 for another school's (or no) import."""
    if import_id > MAX_ID:
        raise Http404
    return get_object_or_404(imports_of(school), pk=import_id)
