from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from reconnect.schools.analysis.similarity import Reason
from reconnect.schools.reasons import reason_text

register = template.Library()


@register.filter
def describe_reason(reason: Reason) -> str:
    """``{{ reason|describe_reason }}``: "% FSM 24.5% here, 26.1% there"."""
    return reason_text(reason)


@register.filter
def percent(value: Decimal | float | None) -> str:
    """A percentage to one place, or "Not known" (a blank in GIAS means unknown)."""
    if value is None:
        return _("Not known")
    return f"{value:.1f}%"


@register.filter
def pupils(value: int | None) -> str:
    if value is None:
        return _("Not known")
    return f"{value:,}"
