"""The pilot page's case-study section, fed without touching the pilot's view.

``{% pilot_case_study pilot %}`` shows a completed pilot's editors either the link to share
it as a Hub case study or where the case study stands ("Sent for review", or "Published"
with a link to it). Nobody else sees anything; a pilot never shared costs no query.
"""

from typing import Any

from django import template

from reconnect.hub.services.case_studies import SubmissionStatus
from reconnect.lab import rules
from reconnect.lab.models import Pilot, PilotStatus
from reconnect.lab.services import sharing

register = template.Library()


@register.inclusion_tag("lab/sharing/pilot_section.html", takes_context=True)
def pilot_case_study(context: template.Context, pilot: Pilot) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if pilot.status != PilotStatus.COMPLETED or not rules.can_edit_pilots(user, pilot.school_id):
        return {"shown": False}
    page = sharing.shared_case_study(pilot)
    return {
        "shown": True,
        "pilot": pilot,
        "page": page,
        "published": page is not None
        and sharing.case_study_state(page) == SubmissionStatus.PUBLISHED,
    }
