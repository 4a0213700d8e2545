"""The Lab's public evaluation calculator as JSON (``/api/v1/lab/calculator``).

Three operations, open to anyone (``auth=None``: nothing is stored and no school's data is
read), answering exactly what the calculator's pages answer, from the same code
(``reconnect.lab.calculator``):

- **effect-size**: Hedges' g (post-test only), the ANCOVA-adjusted effect size (pre and
  post with a comparison group) or a single group's standardised change, with its 95%
  interval, months' progress and what it means in words;
- **meta-analysis**: DerSimonian–Laird pooling of studies' effect sizes;
- **mdes**: the minimum detectable effect size of a two-group pilot.

Every refusal of the input is a 422 with ``detail``, a list of ``{loc, msg, type}`` naming
the field (Ninja's own shape, which its schema checks use too); a body over 1 MB is a 413;
more than 60 calculations a minute from one address (pages and API together) a 429 with
Retry-After. See ``docs/calculator.md``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import ConfigDict

from reconnect.lab.analysis.errors import EvaluationInputError
from reconnect.lab.analysis.meta import forest_plot
from reconnect.lab.calculator import answers, limits
from reconnect.lab.calculator.limits import MAX_PUPILS, MAX_STUDIES, MAX_VALUES

router = Router(tags=["lab calculator"], auth=None)

FiniteFloat = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Scores = Annotated[list[FiniteFloat], Field(min_length=2, max_length=MAX_VALUES)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class GroupIn(Strict):
    post: Scores = Field(description="Each pupil's post-test score")
    pre: Scores | None = Field(
        None,
        description="Each pupil's pre-test score, the same pupils in the same order as post; "
        "needed for ancova and single_group, ignored for post_only",
    )


class EffectSizeIn(Strict):
    design: Literal["post_only", "ancova", "single_group"] = Field(
        description="post_only: Hedges' g of the post-test scores; ancova: the effect size "
        "after allowing for the pre-test; single_group: one group's change from pre to post, "
        "which is not an impact estimate"
    )
    intervention: GroupIn
    comparison: GroupIn | None = Field(
        None, description="Needed for post_only and ancova; ignored for single_group"
    )


class EffectSizeOut(Schema):
    design: str
    method: str = Field(description="The estimator and its reference")
    effect_size: float
    standard_error: float
    ci_low: float = Field(description="The 95% confidence interval's lower end")
    ci_high: float
    difference: float = Field(
        description="In the outcome's own units: the difference in means (post_only), the "
        "adjusted difference (ancova) or the mean change (single_group)"
    )
    months_progress: int | None = Field(
        description="Months of additional progress by the EEF Toolkit's table; null for "
        "single_group, which has no comparison to be additional to"
    )
    months_label: str | None = Field(description="The EEF Toolkit's word for the months")
    n_intervention: int
    n_comparison: int = Field(description="0 for single_group")
    is_impact_estimate: bool = Field(description="False for single_group")
    interpretation: str = Field(description="What the result means, in plain English")
    caveats: list[str]


class StudyIn(Strict):
    label: str = Field(max_length=100)
    effect_size: FiniteFloat
    standard_error: FiniteFloat = Field(gt=0)


class MetaAnalysisIn(Strict):
    studies: list[StudyIn] = Field(min_length=1, max_length=MAX_STUDIES)


class StudyOut(Schema):
    label: str
    effect_size: float
    standard_error: float
    ci_low: float
    ci_high: float
    weight: float = Field(description="The study's share of the random-effects weight (sum 1)")


class MetaAnalysisOut(Schema):
    method: str
    effect_size: float = Field(description="The pooled effect size")
    standard_error: float
    ci_low: float
    ci_high: float
    tau2: float = Field(description="τ², the between-study variance")
    i2: float = Field(description="I², the share of the variation beyond chance, 0 to 1")
    q: float = Field(description="Cochran's Q")
    q_df: int
    q_p_value: float
    k: int = Field(description="The number of studies")
    months_progress: int
    months_label: str
    interpretation: str
    caveats: list[str]
    studies: list[StudyOut]


class MdesIn(Strict):
    n_intervention: int = Field(strict=True, ge=1, le=MAX_PUPILS)
    n_comparison: int = Field(strict=True, ge=1, le=MAX_PUPILS)
    alpha: FiniteFloat = Field(0.05, gt=0, lt=1, description="Two-sided significance level")
    power: FiniteFloat = Field(0.8, gt=0, lt=1)
    r2: FiniteFloat = Field(
        0.0, ge=0, lt=1, description="Share of the outcome's variance the pre-test explains"
    )


class MdesOut(Schema):
    method: str
    mdes: float = Field(description="The minimum detectable effect size")
    months_progress: int = Field(description="The MDES in months, by the EEF Toolkit's table")
    months_label: str
    multiplier: float
    df: float
    n_intervention: int
    n_comparison: int
    alpha: float
    power: float
    r2: float
    interpretation: str
    caveats: list[str]


class ErrorOut(Schema):
    detail: str


class ProblemOut(Schema):
    loc: list[str | int] = Field(description='Where: e.g. ["body", "payload", "comparison"]')
    msg: str
    type: str


class InvalidOut(Schema):
    detail: list[ProblemOut]


# 400: a body that is not JSON at all, which Ninja refuses before any schema applies.
RESPONSES: dict[int, Any] = {400: ErrorOut, 413: ErrorOut, 422: InvalidOut, 429: ErrorOut}
BODY = ("body", "payload")


def _invalid(*problems: tuple[tuple[str, ...], str, str]) -> Status[dict[str, Any]]:
    return Status(
        422,
        {
            "detail": [
                {"loc": [*BODY, *path], "msg": message, "type": kind}
                for path, message, kind in problems
            ]
        },
    )


def guarded(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Count the call against the rate limit, then refuse an oversized body before Ninja
    reads and parses it."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = limits.rate_limit_wait(request)
        if wait is not None:
            response = JsonResponse({"detail": limits.rate_limited_message(wait)}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if limits.body_too_large(request):
            return JsonResponse({"detail": limits.body_too_large_message()}, status=413)
        return run(request, *args, **kwargs)

    return wrapper


@router.post(
    "/calculator/effect-size",
    response={200: EffectSizeOut, **RESPONSES},
    url_name="lab-calculator-effect-size",
    operation_id="lab_calculator_effect_size",
    summary="An effect size with its 95% interval and months' progress, from pupils' scores",
)
@decorate_view(guarded)
def effect_size(request: HttpRequest, payload: EffectSizeIn) -> Any:
    comparison = payload.comparison if payload.design != "single_group" else None
    problems = answers.design_problems(
        payload.design,
        intervention_pre=payload.intervention.pre is not None,
        comparison_given=comparison is not None,
        comparison_post=comparison is not None,
        comparison_pre=comparison is not None and comparison.pre is not None,
    )
    if problems:
        return _invalid(*((path, message, "missing") for path, message in problems))
    try:
        answer = answers.effect_size_answer(
            payload.design,
            intervention_post=payload.intervention.post,
            intervention_pre=payload.intervention.pre,
            comparison_post=comparison.post if comparison else None,
            comparison_pre=comparison.pre if comparison else None,
        )
    except EvaluationInputError as error:
        return _invalid(((), str(error), "evaluation_input"))
    return {
        "design": answer.design,
        "method": answer.method,
        "effect_size": answer.effect_size,
        "standard_error": answer.standard_error,
        "ci_low": answer.ci_low,
        "ci_high": answer.ci_high,
        "difference": answer.difference,
        "months_progress": answer.months.months if answer.months else None,
        "months_label": answer.months.label if answer.months else None,
        "n_intervention": answer.n_intervention,
        "n_comparison": answer.n_comparison,
        "is_impact_estimate": answer.is_impact_estimate,
        "interpretation": answer.interpretation,
        "caveats": list(answer.caveats),
    }


@router.post(
    "/calculator/meta-analysis",
    response={200: MetaAnalysisOut, **RESPONSES},
    url_name="lab-calculator-meta-analysis",
    operation_id="lab_calculator_meta_analysis",
    summary="Pool studies' effect sizes (random effects, DerSimonian–Laird)",
)
@decorate_view(guarded)
def meta_analysis(request: HttpRequest, payload: MetaAnalysisIn) -> Any:
    studies = payload.studies
    try:
        answer = answers.meta_answer(
            [s.label for s in studies],
            [s.effect_size for s in studies],
            [s.standard_error for s in studies],
        )
    except EvaluationInputError as error:
        return _invalid((("studies",), str(error), "evaluation_input"))
    result = answer.result
    plot = forest_plot(result)
    return {
        "method": result.method,
        "effect_size": result.estimate,
        "standard_error": result.standard_error,
        "ci_low": result.ci_low,
        "ci_high": result.ci_high,
        "tau2": result.tau_squared,
        "i2": result.i_squared,
        "q": result.q,
        "q_df": result.q_df,
        "q_p_value": result.q_p_value,
        "k": result.k,
        "months_progress": answer.months.months,
        "months_label": answer.months.label,
        "interpretation": answer.interpretation,
        "caveats": list(answer.caveats),
        "studies": [
            {
                "label": row.label,
                "effect_size": row.estimate,
                "standard_error": se,
                "ci_low": row.ci_low,
                "ci_high": row.ci_high,
                "weight": row.weight,
            }
            for row, se in zip(plot.rows, result.standard_errors, strict=True)
        ],
    }


@router.post(
    "/calculator/mdes",
    response={200: MdesOut, **RESPONSES},
    url_name="lab-calculator-mdes",
    operation_id="lab_calculator_mdes",
    summary="The minimum detectable effect size of a two-group pilot",
)
@decorate_view(guarded)
def mdes(request: HttpRequest, payload: MdesIn) -> Any:
    try:
        answer = answers.mdes_answer(
            payload.n_intervention,
            payload.n_comparison,
            alpha=payload.alpha,
            power=payload.power,
            r2=payload.r2,
        )
    except EvaluationInputError as error:
        return _invalid(((), str(error), "evaluation_input"))
    result = answer.result
    return {
        "method": result.method,
        "mdes": result.mdes,
        "months_progress": answer.months.months,
        "months_label": answer.months.label,
        "multiplier": result.multiplier,
        "df": result.df,
        "n_intervention": result.n_intervention,
        "n_comparison": result.n_comparison,
        "alpha": result.alpha,
        "power": result.power,
        "r2": answer.r2,
        "interpretation": answer.interpretation,
        "caveats": list(answer.caveats),
    }
