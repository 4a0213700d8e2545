"""A pilot's evaluation: the engine's figures for one measure, chosen and put into words.

``pilot_evaluation(pilot)`` evaluates the pilot's main measure (the one marked main, else
the first), ``measure_evaluation(measure)`` any other. The method follows the design and
the data (``docs/evaluation.md``):

- A comparison group (randomised, matched or previous cohort) with pre- and post-test
  scores of the same pupils: the ANCOVA effect size. With post-test scores only, or only
  typed-in summary figures: Hedges' g on the post-test. If the ANCOVA refuses the data
  (every pupil with the same pre-test), post-test only, with the reason as a caveat.
- Attendance with a comparison group, before and after: the difference in differences in
  percentage points, and the standardised effect (ANCOVA) beside it.
- A single group: the change from before to after, labelled as not an impact estimate.

**Direction.** The engine's effect sizes are intervention minus comparison, so a positive
figure means higher scores. When the measure is one where lower is better (anxiety,
absences), the effect size, its interval and the months are negated, so that on every
report a positive effect size means the pupils did *better*. Raw differences in the
measure's own units (points, percentage points) keep their sign: they say what happened
to the numbers, and the report names the direction in words.

**Security** (padlocks): the design, the MDES for the pupils analysed
(``mdes_two_groups``, no covariate, as the planning help), attrition (pupils in the upload
without a post-test score; with summaries only, pupils counted before but not after, or
else the planned numbers against those analysed) and baseline balance (the groups'
standardised pre-test difference, when there is a pre-test). Without any way of knowing
how many pupils started, the finding is not rated.

Nothing here touches a request: callers scope the pilot to the user first
(``reconnect.lab.selectors.pilots.pilot_for``). Queries: the measures and the log come from
the pilot's prefetched lists when ``pilot_for`` loaded them; the outcome data costs one or
two more, whatever the number of pupils.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reconnect.lab import wording
from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.attendance import AttendanceChange, attendance_difference_in_differences
from reconnect.lab.analysis.effect_sizes import hedges_g, hedges_g_from_summary, pooled_sd
from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.months import MonthsProgress, months_progress
from reconnect.lab.analysis.power import mdes_two_groups
from reconnect.lab.analysis.security import (
    DESIGN_REASON,
    MAX_PADLOCKS,
    SecurityRating,
    security_rating,
)
from reconnect.lab.analysis.security import Design as RatingDesign
from reconnect.lab.analysis.single_group import single_group_change
from reconnect.lab.models import Design, Fidelity, Group, MeasureKind, OutcomeMeasure, Pilot
from reconnect.lab.selectors.outcomes import GroupScores, OutcomeData, outcome_data

ANCOVA = "ancova"
POST_ONLY = "post_only"
SUMMARY = "summary"
ATTENDANCE = "attendance"
SINGLE_GROUP = "single_group"

RATING_DESIGN = {
    Design.RANDOMISED: RatingDesign.RANDOMISED,
    Design.MATCHED: RatingDesign.MATCHED_COMPARISON,
    Design.PREVIOUS_COHORT: RatingDesign.PREVIOUS_COHORT,
    Design.SINGLE_GROUP: RatingDesign.SINGLE_GROUP,
}


@dataclass(frozen=True)
class GroupFigures:
    """One group's number of pupils, mean and SD before and after (None: not known)."""

    label: str
    n_pre: int | None = None
    mean_pre: float | None = None
    sd_pre: float | None = None
    n_post: int | None = None
    mean_post: float | None = None
    sd_post: float | None = None


@dataclass(frozen=True)
class FidelitySummary:
    """How the pilot was delivered, from its implementation log."""

    entries: int
    sessions_planned: int
    sessions_delivered: int
    delivered_share: float | None  # delivered over planned, entries giving both
    rated_entries: int  # entries that say how faithfully it went
    as_planned_entries: int
    as_planned_share: float | None
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class PilotEvaluation:
    """Everything the report shows about one measure of a pilot.

    ``ready`` is False while the data is not enough: ``missing`` then says what to add,
    and none of the figures are set. ``estimate`` and its interval are the effect size
    (standardised change for a single group), signed so that positive is better for the
    pupils (see the module docstring).
    """

    pilot: Pilot
    measure: OutcomeMeasure
    ready: bool
    headline: str
    confidence: str = ""
    missing: tuple[str, ...] = ()
    method: str = ""  # ANCOVA, POST_ONLY, SUMMARY, ATTENDANCE, SINGLE_GROUP
    method_name: str = ""  # the engine's own name of the method
    method_words: str = ""
    is_impact_estimate: bool = True
    estimate: float | None = None
    standard_error: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    sign_flipped: bool = False
    months: MonthsProgress | None = None
    # In the measure's own units, intervention minus comparison (or after minus before).
    difference: float | None = None
    difference_ci_low: float | None = None
    difference_ci_high: float | None = None
    difference_label: str = ""
    attendance: AttendanceChange | None = None
    n_intervention: int = 0
    n_comparison: int = 0
    security: SecurityRating | None = None
    security_missing: str = ""
    mdes: float | None = None
    attrition: float | None = None
    baseline_difference: float | None = None
    groups: tuple[GroupFigures, ...] = ()
    fidelity: FidelitySummary | None = None
    caveats: tuple[str, ...] = field(default=())

    @property
    def padlocks(self) -> int | None:
        return None if self.security is None else self.security.padlocks

    @property
    def max_padlocks(self) -> int:
        return MAX_PADLOCKS


# --- Words ------------------------------------------------------------------------------


def measure_words(measure: OutcomeMeasure) -> str:
    """The measure's name inside a sentence: "Reading age" → "reading age", "NFER" stays."""
    name = measure.name.strip()
    if name[:2].isupper():
        return name
    return name[:1].lower() + name[1:]


def _others(design: str) -> str:
    """Who the pilot pupils are compared with, as the headline names them."""
    if design == Design.RANDOMISED:
        return _("pupils who did not take part")
    if design == Design.PREVIOUS_COHORT:
        return _("the previous year’s pupils")
    return _("similar pupils who did not take part")


def confidence_words(padlocks: int | None) -> str:
    """The second sentence of the headline: how far to trust the finding."""
    if padlocks is None:
        return _("We cannot rate how secure this is yet.")
    words = {
        0: _("We cannot be confident in this"),
        1: _("We can have very little confidence in this"),
        2: _("We can have limited confidence in this"),
        3: _("We can be moderately confident in this"),
        4: _("We can be fairly confident in this"),
        5: _("We can be very confident in this"),
    }[padlocks]
    count = ngettext("%(n)s padlock of %(max)s", "%(n)s padlocks of %(max)s", padlocks) % {
        "n": padlocks,
        "max": MAX_PADLOCKS,
    }
    return f"{words}: {count}."


def _months_headline(months: MonthsProgress, measure: OutcomeMeasure, design: str) -> str:
    topic = measure_words(measure)
    if months.months == 0:
        return _("Pupils in the pilot made about the same progress in %(topic)s as %(who)s.") % {
            "topic": topic,
            "who": _others(design),
        }
    return _("Pupils in the pilot made %(months)s in %(topic)s compared with %(who)s.") % {
        "months": wording.months_words(months),
        "topic": topic,
        "who": _others(design),
    }


def _points(value: float) -> str:
    return f"{abs(value):.1f}"


def _attendance_headline(change: AttendanceChange, design: str) -> str:
    who = _others(design)
    if round(change.estimate, 1) == 0:
        return _(
            "The attendance of pupils in the pilot changed by about the same as that of %(who)s."
        ) % {"who": who}
    if change.estimate > 0:
        return _(
            "The attendance of pupils in the pilot rose by %(points)s percentage points more "
            "than that of %(who)s."
        ) % {"points": _points(change.estimate), "who": who}
    return _(
        "The attendance of pupils in the pilot rose by %(points)s percentage points less "
        "than that of %(who)s."
    ) % {"points": _points(change.estimate), "who": who}


def _single_group_headline(change: float, measure: OutcomeMeasure) -> str:
    return _(
        "Pupils in the pilot changed by %(change)s in %(topic)s from before to after. "
        "This is not an impact estimate: without a comparison group we cannot tell how much "
        "they would have changed anyway."
    ) % {"change": f"{change:+.1f}".replace("-", "−"), "topic": measure_words(measure)}


METHOD_WORDS = {
    ANCOVA: gettext_lazy(
        "We compared the two groups’ post-test scores after allowing for each pupil’s "
        "pre-test score (ANCOVA), then divided the difference by the spread of the post-test "
        "scores to give an effect size."
    ),
    POST_ONLY: gettext_lazy(
        "We compared the two groups’ average post-test scores and divided the difference by "
        "the spread of the scores (Hedges’ g). There was no pre-test to allow for where "
        "pupils started."
    ),
    SUMMARY: gettext_lazy(
        "We compared the two groups’ average post-test scores, from the means, standard "
        "deviations and numbers of pupils entered, and divided the difference by the spread "
        "of the scores (Hedges’ g)."
    ),
    ATTENDANCE: gettext_lazy(
        "We worked out how much each pupil’s attendance changed from before to after, and "
        "compared the average change in the two groups (difference in differences), in "
        "percentage points. The effect size beside it allows for pupils’ attendance before, "
        "as for a test score."
    ),
    SINGLE_GROUP: gettext_lazy(
        "We worked out how much the pupils’ scores changed from before to after, and put "
        "that change on a standard scale. With no comparison group, this is not the "
        "intervention’s effect."
    ),
}


# --- Figures from the data ----------------------------------------------------------------


def _stats(values: np.ndarray) -> tuple[int | None, float | None, float | None]:
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None, None, None
    sd = float(values.std(ddof=1)) if values.size > 1 else None
    return int(values.size), float(values.mean()), sd


def _record_groups(data: OutcomeData, single: bool) -> tuple[GroupFigures, ...]:
    groups = [(_("Intervention group") if not single else _("Pupils"), data.intervention)]
    if not single:
        groups.append((_("Comparison group"), data.comparison))
    out = []
    for label, scores in groups:
        n_pre, mean_pre, sd_pre = _stats(scores.pre)
        n_post, mean_post, sd_post = _stats(scores.post)
        out.append(GroupFigures(str(label), n_pre, mean_pre, sd_pre, n_post, mean_post, sd_post))
    return tuple(out)


def _summary_groups(data: OutcomeData, single: bool) -> tuple[GroupFigures, ...]:
    out = []
    groups = [(Group.INTERVENTION, _("Intervention group") if not single else _("Pupils"))]
    if not single:
        groups.append((Group.COMPARISON, _("Comparison group")))
    for group, label in groups:
        pre = data.summary(group, "pre")
        post = data.summary(group, "post")
        out.append(
            GroupFigures(
                str(label),
                pre.n if pre else None,
                pre.mean if pre else None,
                pre.sd if pre else None,
                post.n if post else None,
                post.mean if post else None,
                post.sd if post else None,
            )
        )
    return tuple(out)


def _baseline_from_records(data: OutcomeData) -> float | None:
    pre_i = data.intervention.pre[~np.isnan(data.intervention.pre)]
    pre_c = data.comparison.pre[~np.isnan(data.comparison.pre)]
    if pre_i.size < 2 or pre_c.size < 2:
        return None
    s = pooled_sd(float(pre_i.std(ddof=1)), pre_i.size, float(pre_c.std(ddof=1)), pre_c.size)
    if s == 0:
        return None
    return (float(pre_i.mean()) - float(pre_c.mean())) / s


def _baseline_from_summaries(data: OutcomeData) -> float | None:
    pre_i = data.summary(Group.INTERVENTION, "pre")
    pre_c = data.summary(Group.COMPARISON, "pre")
    if pre_i is None or pre_c is None or pre_i.n < 2 or pre_c.n < 2:
        return None
    s = pooled_sd(pre_i.sd, pre_i.n, pre_c.sd, pre_c.n)
    if s == 0:
        return None
    return (pre_i.mean - pre_c.mean) / s


def _planned_attrition(pilot: Pilot, n1: int, n2: int) -> float | None:
    if not pilot.planned_intervention or (
        pilot.design != Design.SINGLE_GROUP and not pilot.planned_comparison
    ):
        return None
    planned = pilot.planned_intervention + (
        pilot.planned_comparison or 0 if pilot.design != Design.SINGLE_GROUP else 0
    )
    lost = max(0, pilot.planned_intervention - n1)
    if pilot.design != Design.SINGLE_GROUP:
        lost += max(0, (pilot.planned_comparison or 0) - n2)
    return lost / planned


def _summary_attrition(data: OutcomeData, pilot: Pilot, n1: int, n2: int) -> float | None:
    pre_i = data.summary(Group.INTERVENTION, "pre")
    pre_c = data.summary(Group.COMPARISON, "pre")
    if pre_i is not None and pre_c is not None and pre_i.n + pre_c.n > 0:
        started = pre_i.n + pre_c.n
        lost = max(0, pre_i.n - n1) + max(0, pre_c.n - n2)
        return lost / started
    return _planned_attrition(pilot, n1, n2)


def fidelity_summary(pilot: Pilot) -> FidelitySummary:
    """Dosage and fidelity from the pilot's log (its prefetched list when loaded)."""
    entries = list(pilot.log.all())
    both = [
        e for e in entries if e.sessions_planned is not None and e.sessions_delivered is not None
    ]
    planned = sum(e.sessions_planned or 0 for e in both)
    delivered = sum(e.sessions_delivered or 0 for e in both)
    rated = [e for e in entries if e.fidelity]
    as_planned = sum(1 for e in rated if e.fidelity == Fidelity.AS_PLANNED)
    delivered_share = delivered / planned if planned else None
    as_planned_share = as_planned / len(rated) if rated else None
    sentences = []
    if not entries:
        sentences.append(
            _(
                "No implementation log yet: record each session in the pilot’s log to show "
                "how fully and faithfully the pilot was delivered."
            )
        )
    if delivered_share is not None:
        sentences.append(
            ngettext(
                "%(delivered)s of %(planned)s planned session was delivered (%(share)s).",
                "%(delivered)s of %(planned)s planned sessions were delivered (%(share)s).",
                planned,
            )
            % {"delivered": delivered, "planned": planned, "share": f"{delivered_share:.0%}"}
        )
    if as_planned_share is not None:
        sentences.append(
            ngettext(
                "%(n)s of %(rated)s log entry says the sessions went as planned (%(share)s).",
                "%(n)s of %(rated)s log entries say the sessions went as planned (%(share)s).",
                len(rated),
            )
            % {"n": as_planned, "rated": len(rated), "share": f"{as_planned_share:.0%}"}
        )
    return FidelitySummary(
        entries=len(entries),
        sessions_planned=planned,
        sessions_delivered=delivered,
        delivered_share=delivered_share,
        rated_entries=len(rated),
        as_planned_entries=as_planned,
        as_planned_share=as_planned_share,
        sentences=tuple(sentences),
    )


# --- Choosing the method --------------------------------------------------------------------


def _upload(group: object, what: object) -> str:
    return _("Upload the %(group)s’s %(what)s.") % {"group": group, "what": what}


INTERVENTION = gettext_lazy("intervention group")
COMPARISON = gettext_lazy("comparison group")
PRE = gettext_lazy("pre-test scores")
POST = gettext_lazy("post-test scores")


def _not_ready(
    pilot: Pilot, measure: OutcomeMeasure, missing: list[str], **extra: object
) -> PilotEvaluation:
    return PilotEvaluation(
        pilot=pilot,
        measure=measure,
        ready=False,
        headline=_("There is not enough data yet to evaluate this pilot."),
        missing=tuple(missing),
        **extra,  # type: ignore[arg-type]
    )


def _few(scores: GroupScores, name: object) -> str | None:
    if scores.analysed == 0:
        return None
    if scores.analysed < 2:
        return _("The %(group)s needs at least 2 pupils with a post-test score; it has %(n)s.") % {
            "group": name,
            "n": scores.analysed,
        }
    return None


def _security(
    pilot: Pilot,
    *,
    n1: int,
    n2: int,
    attrition: float | None,
    baseline: float | None,
) -> tuple[SecurityRating | None, float | None, str]:
    design = RATING_DESIGN.get(Design(pilot.design), RatingDesign.MATCHED_COMPARISON)
    if design is RatingDesign.SINGLE_GROUP:
        reasons = (DESIGN_REASON[design], _("Overall: 0 padlocks out of 5."))
        rating = SecurityRating(
            padlocks=0,
            design_ceiling=0,
            mdes_ceiling=0,
            attrition_ceiling=0,
            baseline_penalty=0,
            reasons=reasons,
        )
        return rating, None, ""
    mdes = mdes_two_groups(n1, n2).mdes
    if attrition is None:
        return (
            None,
            mdes,
            _(
                "We do not know how many pupils started, so we cannot tell how many dropped "
                "out: enter the pre-test figures, or the planned numbers of pupils in the "
                "pilot’s plan."
            ),
        )
    rating = security_rating(
        design=design, mdes=mdes, attrition=min(1.0, attrition), baseline_difference=baseline
    )
    return rating, mdes, ""


def _signed(estimate: float, low: float, high: float, flip: bool) -> tuple[float, float, float]:
    if flip:
        return -estimate, -high, -low
    return estimate, low, high


def _attrition_caveat(attrition: float | None) -> list[str]:
    if attrition is not None and attrition > 0.2:
        return [
            _(
                "More than a fifth of the pupils who started have no final result: if those "
                "who left differed from those who stayed, the result may be biased."
            )
        ]
    return []


LOWER_IS_BETTER = gettext_lazy(
    "Lower scores are better on this measure, so the effect size is shown the other way "
    "round: a positive effect size means the pilot pupils ended with lower (better) scores."
)


def _evaluate_single_group(
    pilot: Pilot, measure: OutcomeMeasure, data: OutcomeData, fidelity: FidelitySummary
) -> PilotEvaluation:
    if data.source != "records":
        missing = [_upload(INTERVENTION, PRE), _upload(INTERVENTION, POST)]
        if data.source == "summaries":
            missing = [
                _(
                    "A single group needs each pupil’s scores before and after, not only the "
                    "group’s averages: upload the pupils’ pre-test and post-test scores."
                )
            ]
        return _not_ready(pilot, measure, missing, fidelity=fidelity)
    pre, post = data.intervention.pairs()
    if data.intervention.analysed == 0:
        return _not_ready(pilot, measure, [_upload(INTERVENTION, POST)], fidelity=fidelity)
    if pre.size == 0:
        return _not_ready(pilot, measure, [_upload(INTERVENTION, PRE)], fidelity=fidelity)
    if pre.size < 3:
        return _not_ready(
            pilot,
            measure,
            [
                _("A single group needs at least 3 pupils with both scores; it has %(n)s.")
                % {"n": pre.size}
            ],
            fidelity=fidelity,
        )
    try:
        change = single_group_change(pre, post)
    except EvaluationInputError as error:
        return _not_ready(pilot, measure, [str(error)], fidelity=fidelity)
    flip = not measure.higher_is_better
    estimate, low, high = _signed(
        change.standardised_change,
        change.standardised_change_ci_low,
        change.standardised_change_ci_high,
        flip,
    )
    security, _mdes, _why = _security(pilot, n1=change.n, n2=0, attrition=None, baseline=None)
    attrition = data.attrition
    caveats = [*change.caveats, *_attrition_caveat(attrition)]
    if flip:
        caveats.append(str(LOWER_IS_BETTER))
    return PilotEvaluation(
        pilot=pilot,
        measure=measure,
        ready=True,
        headline=_single_group_headline(change.mean_change, measure),
        confidence=confidence_words(0),
        method=SINGLE_GROUP,
        method_name=change.method,
        method_words=str(METHOD_WORDS[SINGLE_GROUP]),
        is_impact_estimate=False,
        estimate=estimate,
        standard_error=change.standardised_change_se,
        ci_low=low,
        ci_high=high,
        sign_flipped=flip,
        difference=change.mean_change,
        difference_ci_low=change.mean_change_ci_low,
        difference_ci_high=change.mean_change_ci_high,
        difference_label=_("Mean change from before to after, in the measure’s own units"),
        n_intervention=change.n,
        security=security,
        attrition=attrition,
        groups=_record_groups(data, single=True),
        fidelity=fidelity,
        caveats=tuple(caveats),
    )


def _missing_posts(data: OutcomeData) -> list[str]:
    missing = []
    if data.source == "summaries":
        for group, name in ((Group.INTERVENTION, INTERVENTION), (Group.COMPARISON, COMPARISON)):
            if data.summary(group, "post") is None:
                missing.append(
                    _(
                        "Enter the %(group)s’s post-test mean, standard deviation and number "
                        "of pupils, or upload its post-test scores."
                    )
                    % {"group": name}
                )
        return missing
    for scores, name in ((data.intervention, INTERVENTION), (data.comparison, COMPARISON)):
        if scores.analysed == 0:
            missing.append(_upload(name, POST))
        else:
            few = _few(scores, name)
            if few:
                missing.append(few)
    return missing


def _evaluate_comparison(
    pilot: Pilot, measure: OutcomeMeasure, data: OutcomeData, fidelity: FidelitySummary
) -> PilotEvaluation:
    missing = _missing_posts(data)
    if missing:
        return _not_ready(pilot, measure, missing, fidelity=fidelity)
    caveats: list[str] = []
    attendance: AttendanceChange | None = None
    difference_ci: tuple[float | None, float | None] = (None, None)
    try:
        if data.source == "summaries":
            post_i = data.summary(Group.INTERVENTION, "post")
            post_c = data.summary(Group.COMPARISON, "post")
            if post_i is None or post_c is None:  # _missing_posts said so already
                raise EvaluationInputError(_("Both groups need their post-test figures."))
            effect = hedges_g_from_summary(
                mean_intervention=post_i.mean,
                sd_intervention=post_i.sd,
                n_intervention=post_i.n,
                mean_comparison=post_c.mean,
                sd_comparison=post_c.sd,
                n_comparison=post_c.n,
            )
            method = SUMMARY
            n1, n2 = post_i.n, post_c.n
            estimate, se = effect.estimate, effect.standard_error
            low, high = effect.ci_low, effect.ci_high
            difference = effect.difference
            caveats.extend(effect.caveats)
            method_name = effect.method
            baseline = _baseline_from_summaries(data)
            attrition = _summary_attrition(data, pilot, n1, n2)
            groups = _summary_groups(data, single=False)
        else:
            pre_i, post_i_pairs = data.intervention.pairs()
            pre_c, post_c_pairs = data.comparison.pairs()
            method = POST_ONLY
            result = None
            if pre_i.size >= 2 and pre_c.size >= 2:
                try:
                    result = ancova_effect(pre_i, post_i_pairs, pre_c, post_c_pairs)
                except EvaluationInputError as error:
                    caveats.append(
                        _("The pre-test could not be allowed for: %(reason)s")
                        % {"reason": str(error)}
                    )
            if result is not None:
                method = ANCOVA
                left_out = (data.intervention.analysed - pre_i.size) + (
                    data.comparison.analysed - pre_c.size
                )
                if left_out:
                    caveats.append(
                        ngettext(
                            "%(n)s pupil without a pre-test score was left out of the comparison.",
                            "%(n)s pupils without a pre-test score were left out of the "
                            "comparison.",
                            left_out,
                        )
                        % {"n": left_out}
                    )
                n1, n2 = result.n_intervention, result.n_comparison
                estimate, se = result.estimate, result.standard_error
                low, high = result.ci_low, result.ci_high
                difference = result.adjusted_difference
                difference_ci = (
                    result.adjusted_difference_ci_low,
                    result.adjusted_difference_ci_high,
                )
                method_name = result.method
                caveats[:0] = list(result.caveats)
                if measure.kind == MeasureKind.ATTENDANCE:
                    attendance = attendance_difference_in_differences(
                        pre_i, post_i_pairs, pre_c, post_c_pairs
                    )
                    method = ATTENDANCE
                    caveats[:0] = list(attendance.caveats)
            else:
                post_only = hedges_g(data.intervention.post, data.comparison.post)
                n1, n2 = post_only.n_intervention, post_only.n_comparison
                estimate, se = post_only.estimate, post_only.standard_error
                low, high = post_only.ci_low, post_only.ci_high
                difference = post_only.difference
                method_name = post_only.method
                caveats[:0] = list(post_only.caveats)
            baseline = _baseline_from_records(data)
            attrition = data.attrition
            groups = _record_groups(data, single=False)
        security, mdes, security_missing = _security(
            pilot, n1=n1, n2=n2, attrition=attrition, baseline=baseline
        )
    except EvaluationInputError as error:
        return _not_ready(pilot, measure, [str(error)], fidelity=fidelity)

    flip = not measure.higher_is_better
    estimate, low, high = _signed(estimate, low, high, flip)
    if flip:
        caveats.append(str(LOWER_IS_BETTER))
    months = months_progress(estimate)
    caveats.extend(months.caveats)
    caveats.extend(_attrition_caveat(attrition))
    if attendance is not None:
        headline = _attendance_headline(attendance, pilot.design)
        difference_label = _("Difference in differences, in percentage points")
        difference = attendance.estimate
        difference_ci = (attendance.ci_low, attendance.ci_high)
    else:
        headline = _months_headline(months, measure, pilot.design)
        difference_label = (
            _("Adjusted difference, in the measure’s own units")
            if method == ANCOVA
            else _("Difference in means, in the measure’s own units")
        )
    padlocks = None if security is None else security.padlocks
    return PilotEvaluation(
        pilot=pilot,
        measure=measure,
        ready=True,
        headline=headline,
        confidence=confidence_words(padlocks),
        method=method,
        method_name=method_name,
        method_words=str(METHOD_WORDS[method]),
        estimate=estimate,
        standard_error=se,
        ci_low=low,
        ci_high=high,
        sign_flipped=flip,
        months=months,
        difference=difference,
        difference_ci_low=difference_ci[0],
        difference_ci_high=difference_ci[1],
        difference_label=difference_label,
        attendance=attendance,
        n_intervention=n1,
        n_comparison=n2,
        security=security,
        security_missing=security_missing,
        mdes=mdes,
        attrition=attrition,
        baseline_difference=baseline,
        groups=groups,
        fidelity=fidelity,
        caveats=tuple(dict.fromkeys(caveats)),
    )


def measure_evaluation(measure: OutcomeMeasure) -> PilotEvaluation:
    """The evaluation of ``measure`` (its ``pilot`` loaded or cached)."""
    pilot = measure.pilot
    fidelity = fidelity_summary(pilot)
    data = outcome_data(measure)
    if pilot.design == Design.SINGLE_GROUP:
        return _evaluate_single_group(pilot, measure, data, fidelity)
    return _evaluate_comparison(pilot, measure, data, fidelity)


def main_measure(pilot: Pilot) -> OutcomeMeasure | None:
    """The measure marked main, else the first added (the measures' own order)."""
    measures = list(pilot.measures.all())
    for measure in measures:
        if measure.is_primary:
            return measure
    return measures[0] if measures else None


def pilot_evaluation(pilot: Pilot) -> PilotEvaluation | None:
    """The evaluation of the pilot's main measure; None if it has no measure yet."""
    measure = main_measure(pilot)
    if measure is None:
        return None
    measure.pilot = pilot  # no query for the pilot again
    return measure_evaluation(measure)


def headline_and_confidence(evaluation: PilotEvaluation) -> str:
    """The headline with its confidence sentence, as one paragraph."""
    if not evaluation.ready:
        return evaluation.headline
    if not evaluation.is_impact_estimate:
        return evaluation.headline
    return f"{evaluation.headline} {evaluation.confidence}"
