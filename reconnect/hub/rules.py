"""Who may do what with the Hub's member-facing features."""

from typing import Any


def can_submit_case_study(user: Any) -> bool:
    """Every active member may propose a case study; a coordinator decides on it."""
    return bool(user.is_authenticated and user.is_active)


def is_submitter(user: Any, page: Any) -> bool:
    """A member acts only on their own submissions (anyone else gets a 404, not a 403)."""
    return bool(user.is_authenticated and page.submitted_by_id == user.pk)
