"""Sharing a completed pilot with the network: a Hub case study drafted from it.

``case_study_draft_for(pilot, evaluation)`` writes the network's four principles from what
the school recorded (the plan, the implementation log and the evaluation), describing
rather than judging: the figures and their caveats, never "it worked". The member reads and
edits every word before ``pilot_share`` files it through the Hub's own
``case_study_submit``, so it goes through the coordinators' review like any other.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import CaseStudyPage, Phase
from reconnect.hub.services.case_studies import (
    CaseStudyDraft,
    SubmissionStatus,
    case_study_submit,
    submission_status,
)
from reconnect.lab import wording
from reconnect.lab.exports import effect_label
from reconnect.lab.models import Design, Pilot, PilotStatus
from reconnect.lab.selectors.evaluation import PilotEvaluation, pilot_evaluation
from reconnect.schools.models import School

# The log's latest notes offered to other schools: enough to show how it went at the end.
LOG_NOTES = 3
SUMMARY_MAX = CaseStudyPage._meta.get_field("summary").max_length or 400

# A school's phase, as the Hub's phase tags name it.
HUB_PHASES: dict[str, tuple[str, ...]] = {
    School.Phase.NURSERY: ("early-years",),
    School.Phase.PRIMARY: ("primary",),
    School.Phase.SECONDARY: ("secondary",),
    School.Phase.ALL_THROUGH: ("primary", "secondary"),
    School.Phase.SIXTEEN_PLUS: ("post-16",),
    School.Phase.SPECIAL: ("special",),
    School.Phase.ALTERNATIVE_PROVISION: ("special",),
}

# How the pilot knew what would have happened without it, inside a sentence.
DESIGN_WORDS = {
    Design.RANDOMISED: gettext_lazy("pupils or classes were allocated to the pilot by lot"),
    Design.MATCHED: gettext_lazy(
        "we compared the pilot pupils with a matched group who did not take part"
    ),
    Design.PREVIOUS_COHORT: gettext_lazy(
        "we compared the pilot pupils with the previous year’s cohort"
    ),
    Design.SINGLE_GROUP: gettext_lazy(
        "we measured the pilot pupils before and after, with no comparison"
    ),
}


def _date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _bullets(lines: Any) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _context(pilot: Pilot) -> str:
    school = pilot.school
    return _paragraphs(
        _("%(school)s is a %(phase)s school.")
        % {"school": school.name, "phase": school.get_phase_display().lower()},
        _("The challenge: %(challenge)s") % {"challenge": pilot.challenge.strip()},
        _("The pupils the pilot was for: %(pupils)s") % {"pupils": pilot.target_pupils.strip()}
        if pilot.target_pupils.strip()
        else "",
    )


def _what_we_did(pilot: Pilot, evaluation: PilotEvaluation) -> str:
    if pilot.intervention is not None:
        tried = _("We piloted %(intervention)s.") % {"intervention": pilot.intervention.title}
    else:
        tried = _("We piloted our own approach: %(title)s.") % {"title": pilot.title}
    design = _("To know what would have happened without it, %(design)s.") % {
        "design": DESIGN_WORDS[Design(pilot.design)]
    }
    comparison = (
        _("The comparison group: %(comparison)s") % {"comparison": pilot.comparison.strip()}
        if pilot.comparison.strip() and pilot.design != Design.SINGLE_GROUP
        else ""
    )
    dates = ""
    if pilot.starts_on and pilot.ends_on:
        dates = _("The pilot ran from %(start)s to %(end)s.") % {
            "start": _date(pilot.starts_on),
            "end": _date(pilot.ends_on),
        }
    fidelity = evaluation.fidelity
    delivery = (
        _("From the implementation log: %(sentences)s")
        % {"sentences": " ".join(fidelity.sentences)}
        if fidelity is not None and fidelity.sentences
        else _("The implementation log records no sessions.")
    )
    return _paragraphs(tried, f"{design} {comparison}".strip(), dates, delivery)


def _evidence(evaluation: PilotEvaluation) -> str:
    headline = evaluation.headline
    if evaluation.is_impact_estimate and evaluation.confidence:
        headline = f"{headline} {evaluation.confidence}"
    figures = ""
    if evaluation.estimate is not None:
        figures = _(
            "%(label)s on %(measure)s: %(estimate)s (95%% confidence interval %(low)s to %(high)s)."
        ) % {
            "label": effect_label(evaluation),
            "measure": evaluation.measure.name,
            "estimate": wording.es(evaluation.estimate),
            "low": wording.es(evaluation.ci_low or 0.0),
            "high": wording.es(evaluation.ci_high or 0.0),
        }
    months = (
        _("In months’ progress: %(months)s.") % {"months": wording.months_shown(evaluation.months)}
        if evaluation.months is not None and evaluation.is_impact_estimate
        else ""
    )
    if evaluation.security is not None:
        security = (
            _("How secure the finding is, in the EEF’s padlocks:")
            + "\n"
            + _bullets(evaluation.security.reasons)
        )
    else:
        security = evaluation.security_missing
    caveats = _("Caveats:") + "\n" + _bullets(evaluation.caveats) if evaluation.caveats else ""
    return _paragraphs(headline, f"{figures} {months}".strip(), security, caveats)


def _what_others_can_take(pilot: Pilot) -> str:
    criteria = (
        _("What we set out to achieve: %(criteria)s") % {"criteria": pilot.success_criteria.strip()}
        if pilot.success_criteria.strip()
        else ""
    )
    notes = [entry for entry in pilot.log.all() if entry.notes.strip()][:LOG_NOTES]
    log = (
        _("Notes from the end of the implementation log:")
        + "\n"
        + _bullets(f"{_date(entry.happened_on)}: {entry.notes.strip()}" for entry in notes)
        if notes
        else ""
    )
    # What the school would tell another is theirs to write: the form asks for it.
    return _paragraphs(criteria, log)


def _summary(pilot: Pilot, evaluation: PilotEvaluation) -> str:
    summary = evaluation.headline
    if len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1].rstrip() + "…"
    return summary


def case_study_draft_for(pilot: Pilot, evaluation: PilotEvaluation) -> CaseStudyDraft:
    """The four sections, title, summary and tags of a case study, written from the pilot.

    ``pilot`` with its school, theme, intervention and log (newest first) loaded, as
    ``selectors.pilots.pilot_for`` returns it; ``evaluation`` ready. No writes.
    """
    return CaseStudyDraft(
        title=pilot.title,
        summary=_summary(pilot, evaluation),
        context=_context(pilot),
        what_we_did=_what_we_did(pilot, evaluation),
        evidence_of_impact=_evidence(evaluation),
        what_others_can_take=_what_others_can_take(pilot),
        themes=[pilot.theme] if pilot.theme is not None else [],
        phases=list(
            Phase.objects.filter(slug__in=HUB_PHASES.get(pilot.school.phase, ())).order_by(
                "position"
            )
        ),
        interventions=[pilot.intervention] if pilot.intervention is not None else [],
        school=pilot.school,
        school_consent=False,
    )


def case_study_state(page: CaseStudyPage) -> SubmissionStatus:
    """Where the pilot's case study stands, in the Hub's words for its submissions."""
    latest = page.workflow_states.order_by("-created_at", "-pk").first() if not page.live else None
    page.review_status = None if latest is None else latest.status
    return submission_status(page)


def shared_case_study(pilot: Pilot) -> CaseStudyPage | None:
    """The pilot's case study while it counts as shared: not withdrawn, not deleted."""
    if pilot.case_study_id is None:
        return None
    page = CaseStudyPage.objects.filter(pk=pilot.case_study_id).first()
    if page is None or case_study_state(page) == SubmissionStatus.WITHDRAWN:
        return None
    return page


def share_check(pilot: Pilot, evaluation: PilotEvaluation | None) -> PilotEvaluation:
    """The pilot's evaluation if the pilot may be shared now; else ``ApplicationError``."""
    if pilot.status != PilotStatus.COMPLETED:
        raise ApplicationError(_("Only a completed pilot can be shared as a case study."))
    if evaluation is None or not evaluation.ready:
        raise ApplicationError(
            _(
                "The pilot’s evaluation is not ready yet: enter the outcome data first, so the "
                "case study can say what changed."
            )
        )
    if shared_case_study(pilot) is not None:
        raise ApplicationError(_("This pilot has already been shared as a case study."))
    return evaluation


def pilot_share(
    *, pilot: Pilot, user: Any, data: CaseStudyDraft, request: HttpRequest | None = None
) -> CaseStudyPage:
    """File the member's case study (``data``, drafted by ``case_study_draft_for`` and
    edited) for the coordinators' review, and link it to the pilot.

    Side effects, in one transaction: everything ``case_study_submit`` does (a draft
    CaseStudyPage, the Hub review workflow, a CASE_STUDY_SUBMITTED audit event) and the
    pilot's ``case_study``. Raises ApplicationError unless the pilot is completed, its
    evaluation is ready and it has no case study still standing (one withdrawn or deleted
    does not count), and for anything ``case_study_submit`` refuses.
    """
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        pilot.status, pilot.case_study_id = locked.status, locked.case_study_id
        share_check(pilot, pilot_evaluation(pilot))
        page = case_study_submit(user=user, data=data, request=request)
        pilot.case_study = page
        pilot.save(update_fields=["case_study", "updated_at"])
    return page
