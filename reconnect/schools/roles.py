from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolRole(models.TextChoices):
    """What a member may do at their school. Leads and data leads may see pupil data."""

    SCHOOL_LEAD = "school_lead", _("School lead")
    DATA_LEAD = "data_lead", _("Data lead")
    STAFF = "staff", _("Staff member")


# Roles whose holders handle pupil data or lead a school: they must use a second factor.
ROLES_REQUIRING_MFA = frozenset({SchoolRole.SCHOOL_LEAD, SchoolRole.DATA_LEAD})
