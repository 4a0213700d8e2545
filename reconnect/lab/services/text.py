"""What the Lab's services accept as text typed by a person."""

from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError


def typed_text(value: str, *, limit: int, field: str, missing: str | None = None) -> str:
    """``value`` trimmed; ``ApplicationError`` on ``field`` when it is longer than ``limit``,
    or empty while ``missing`` (the message for an empty one) is given."""
    value = value.strip()
    if missing is not None and not value:
        raise ApplicationError(missing, field=field)
    if len(value) > limit:
        raise ApplicationError(
            _("Enter %(max)s characters or fewer.") % {"max": limit}, field=field
        )
    return value
