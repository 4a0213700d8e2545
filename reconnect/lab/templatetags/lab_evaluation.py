"""The pilot page's evaluation section, fed without touching the pilot's view.

``{% evaluation_summary pilot %}`` evaluates the pilot's main measure (the measures and the
log come from the pilot's prefetched lists; the outcome data costs one or two queries) and
shows its headline with a link to the report.
"""

from typing import Any

from django import template

from reconnect.lab.models import Pilot
from reconnect.lab.selectors.evaluation import pilot_evaluation

register = template.Library()


@register.inclusion_tag("lab/evaluation/summary.html")
def evaluation_summary(pilot: Pilot) -> dict[str, Any]:
    return {"pilot": pilot, "evaluation": pilot_evaluation(pilot)}
