"""Case studies submitted by members, and a coordinator's decisions on them.

    page = submitted_case_study(staff_at_school_a, title="Breakfast club")
    review(page, coordinator, "reject", comment="Add your attendance figures.")

Submissions go through the real service, so each has its revision, its workflow and its
audit event; decisions go through the workflow task, as the admin's buttons do.
"""

from typing import Any

from reconnect.hub.models import CaseStudyPage, Theme
from reconnect.hub.services.case_studies import CaseStudyDraft, case_study_submit


def case_study_draft(**overrides: Any) -> CaseStudyDraft:
    fields: dict[str, Any] = {
        "title": "Breakfast club and first-day calls",
        "summary": "Persistent absence in Year 9 fell by a third in two terms.",
        "context": "A large secondary school where one pupil in five was persistently absent.",
        "what_we_did": "We opened a breakfast club and phoned home on the first morning.",
        "evidence_of_impact": "Persistent absence fell from 21% to 14% over two terms.",
        "what_others_can_take": "Start with the first-day call; it costs least.",
        "themes": list(Theme.objects.filter(slug="attendance")),
    }
    fields.update(overrides)
    return CaseStudyDraft(**fields)


def submitted_case_study(user: Any, **overrides: Any) -> CaseStudyPage:
    return case_study_submit(user=user, data=case_study_draft(**overrides))


def review(page: CaseStudyPage, reviewer: Any, action: str, comment: str = "") -> None:
    """Approve or reject ("approve"/"reject") the submission's current review task."""
    state = page.workflow_states.active().get()
    task_state = state.current_task_state
    kwargs = {"comment": comment} if comment else {}
    task_state.task.specific.on_action(task_state, reviewer, action, **kwargs)


def submission_form_data(**overrides: Any) -> dict[str, Any]:
    """A valid POST of the submission form; pass ``name=None`` to leave a field out."""
    data: dict[str, Any] = {
        "title": "Breakfast club and first-day calls",
        "summary": "Persistent absence in Year 9 fell by a third in two terms.",
        "themes": [str(Theme.objects.get(slug="attendance").pk)],
        "context": "A large secondary school.",
        "what_we_did": "We opened a breakfast club.",
        "evidence_of_impact": "Persistent absence fell from 21% to 14%.",
        "what_others_can_take": "Start with the first-day call.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
