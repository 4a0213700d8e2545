"""Template filters for the Lab's forms: which fields are GOV.UK date inputs, and their boxes."""

from typing import Any

from django import template
from django.forms import BoundField

from reconnect.core.date_input import DateInputField, date_parts

register = template.Library()


@register.filter
def is_date(field: BoundField) -> bool:
    return isinstance(field.field, DateInputField)


@register.filter(name="date_parts")
def date_parts_filter(field: BoundField) -> dict[str, Any]:
    """The day, month and year boxes' values, typed or from the initial date."""
    return date_parts(field)
