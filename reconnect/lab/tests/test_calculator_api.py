"""The calculator's JSON operations: known answers, every refusal's message, the limits."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from django.core.cache import cache
from django.test import Client
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

from reconnect.lab.analysis.ancova import ancova_effect
from reconnect.lab.analysis.effect_sizes import hedges_g_from_summary
from reconnect.lab.analysis.single_group import NOT_IMPACT

EFFECT_SIZE = "/api/v1/lab/calculator/effect-size"
META = "/api/v1/lab/calculator/meta-analysis"
MDES = "/api/v1/lab/calculator/mdes"
BODY = ["body", "payload"]


def scores(mean: float, sd: float, n: int) -> list[float]:
    """``n`` scores with exactly this mean and SD (n − 1 divisor)."""
    base = np.arange(n, dtype=float)
    z = (base - base.mean()) / base.std(ddof=1)
    return [float(v) for v in mean + sd * z]


# Borenstein et al. (2009), ch. 4: means 103 and 100, SDs 5.5 and 4.5, 50 pupils each.
INTERVENTION = scores(103, 5.5, 50)
COMPARISON = scores(100, 4.5, 50)


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def post(client: Client, url: str, body: Any) -> Any:
    raw = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, raw, content_type="application/json")


def problems(response: Any) -> list[tuple[list[Any], str]]:
    assert response.status_code == 422, response.content
    return [(p["loc"], p["msg"]) for p in response.json()["detail"]]


def test_effect_size_post_only_matches_borensteins_worked_example(client):
    expected = hedges_g_from_summary(
        mean_intervention=103,
        sd_intervention=5.5,
        n_intervention=50,
        mean_comparison=100,
        sd_comparison=4.5,
        n_comparison=50,
    )

    response = post(
        client,
        EFFECT_SIZE,
        {
            "design": "post_only",
            "intervention": {"post": INTERVENTION},
            "comparison": {"post": COMPARISON},
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["effect_size"] == pytest.approx(0.5924, abs=5e-5)
    assert body["standard_error"] == pytest.approx(0.2028, abs=5e-5)
    assert body["effect_size"] == pytest.approx(expected.estimate, rel=1e-12)
    assert body["ci_low"] == pytest.approx(expected.ci_low, rel=1e-12)
    assert body["ci_high"] == pytest.approx(expected.ci_high, rel=1e-12)
    assert body["difference"] == pytest.approx(3.0, rel=1e-12)
    assert body["months_progress"] == 7
    assert body["months_label"] == "high"
    assert body["n_intervention"] == 50
    assert body["n_comparison"] == 50
    assert body["is_impact_estimate"] is True
    assert body["method"] == "Hedges' g, post-test only (Borenstein et al. 2009, ch. 4)"
    assert body["interpretation"] == (
        "The intervention group’s post-test scores were 0.59 standard deviations higher than "
        "the comparison group’s: about 7 months’ additional progress (high, on the EEF "
        "Toolkit’s scale). The 95% confidence interval runs from 0.19 to 0.99. It is all above "
        "zero, so a difference this large is unlikely to be chance alone."
    )
    assert body["caveats"] == [
        (
            "Only the scores at the end were compared, so part of the difference may have been "
            "there before the intervention began."
        )
    ]


def test_effect_size_ancova_is_the_engines(client):
    pre_i = [float(v) for v in np.linspace(90, 110, 50)]
    pre_c = [float(v) for v in np.linspace(88, 108, 50)]
    post_i = [p + 3 + (i % 5) for i, p in enumerate(pre_i)]
    post_c = [p + (i % 7) for i, p in enumerate(pre_c)]
    expected = ancova_effect(pre_i, post_i, pre_c, post_c)

    response = post(
        client,
        EFFECT_SIZE,
        {
            "design": "ancova",
            "intervention": {"post": post_i, "pre": pre_i},
            "comparison": {"post": post_c, "pre": pre_c},
        },
    )

    body = response.json()
    assert response.status_code == 200
    assert body["effect_size"] == pytest.approx(expected.estimate, rel=1e-12)
    assert body["ci_low"] == pytest.approx(expected.ci_low, rel=1e-12)
    assert body["ci_high"] == pytest.approx(expected.ci_high, rel=1e-12)
    assert body["difference"] == pytest.approx(expected.adjusted_difference, rel=1e-12)
    assert body["method"] == expected.method
    assert (body["n_intervention"], body["n_comparison"]) == (50, 50)


def test_effect_size_single_group_is_no_impact_estimate(client):
    pre = [10.0, 12.0, 11.0, 14.0, 13.0]
    post_ = [12.0, 15.0, 12.0, 17.0, 15.0]

    response = post(
        client, EFFECT_SIZE, {"design": "single_group", "intervention": {"post": post_, "pre": pre}}
    )

    body = response.json()
    assert response.status_code == 200
    assert body["is_impact_estimate"] is False
    assert body["n_comparison"] == 0
    assert body["months_progress"] is None
    assert body["months_label"] is None
    assert body["difference"] == pytest.approx(2.2)
    assert body["caveats"] == [
        NOT_IMPACT,
        (
            "Months of additional progress compare pupils with a comparison group, so none are "
            "given for a single group."
        ),
    ]


def test_meta_analysis_matches_statsmodels(client):
    estimates = np.array([0.10, 0.30, 0.50, -0.10, 0.22, 0.05])
    errors = np.array([0.10, 0.15, 0.20, 0.12, 0.09, 0.25])
    expected = combine_effects(estimates, errors**2, method_re="dl")
    frame = expected.summary_frame()
    studies = [
        {"label": f"Pilot {i}", "effect_size": float(y), "standard_error": float(se)}
        for i, (y, se) in enumerate(zip(estimates, errors, strict=True), start=1)
    ]

    response = post(client, META, {"studies": studies})

    body = response.json()
    assert response.status_code == 200
    assert body["effect_size"] == pytest.approx(frame.loc["random effect", "eff"], rel=1e-12)
    assert body["ci_low"] == pytest.approx(frame.loc["random effect", "ci_low"], rel=1e-9)
    assert body["ci_high"] == pytest.approx(frame.loc["random effect", "ci_upp"], rel=1e-9)
    assert body["tau2"] == pytest.approx(expected.tau2, rel=1e-12)
    assert body["i2"] == pytest.approx(expected.i2, rel=1e-12)
    assert body["q"] == pytest.approx(expected.q, rel=1e-12)
    assert body["k"] == 6
    assert body["months_progress"] == 2
    assert [s["label"] for s in body["studies"]] == [f"Pilot {i}" for i in range(1, 7)]
    assert [s["weight"] for s in body["studies"]] == pytest.approx(
        list(frame["w_re"].iloc[:6]), rel=1e-12
    )
    assert sum(s["weight"] for s in body["studies"]) == pytest.approx(1.0)


def test_mdes_matches_the_formula(client):
    multiplier = stats.t.ppf(0.975, 98) + stats.t.ppf(0.8, 98)

    response = post(client, MDES, {"n_intervention": 50, "n_comparison": 50})

    body = response.json()
    assert response.status_code == 200
    assert body["mdes"] == pytest.approx(multiplier * math.sqrt(4 / 100), rel=1e-12)
    assert body["months_progress"] == 7
    assert (body["alpha"], body["power"], body["r2"], body["df"]) == (0.05, 0.8, 0.0, 98.0)
    assert body["interpretation"] == (
        "With 50 pupils in the intervention group and 50 in the comparison group, the pilot "
        "has 80% power to detect an effect size of 0.57 or more (about 7 months’ additional "
        "progress) at the 5% significance level. A smaller effect may be real, but a pilot "
        "this size would probably miss it."
    )


def test_mdes_with_a_pre_test_uses_one_fewer_degree_of_freedom(client):
    multiplier = stats.t.ppf(0.975, 97) + stats.t.ppf(0.9, 97)

    response = post(
        client, MDES, {"n_intervention": 50, "n_comparison": 50, "power": 0.9, "r2": 0.5}
    )

    assert response.json()["mdes"] == pytest.approx(
        multiplier * math.sqrt(0.5 * 4 / 100), rel=1e-12
    )


POST_ONLY = {"design": "post_only", "comparison": {"post": [1, 2, 3]}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            {**POST_ONLY, "intervention": {"post": []}},
            [
                (
                    [*BODY, "intervention", "post"],
                    "List should have at least 2 items after validation, not 0",
                )
            ],
            id="empty-group",
        ),
        pytest.param(
            {**POST_ONLY, "intervention": {"post": [4]}},
            [
                (
                    [*BODY, "intervention", "post"],
                    "List should have at least 2 items after validation, not 1",
                )
            ],
            id="one-value",
        ),
        pytest.param(
            {**POST_ONLY, "intervention": {"post": [4, "five", True]}},
            [
                ([*BODY, "intervention", "post", 1], "Input should be a valid number"),
                ([*BODY, "intervention", "post", 2], "Input should be a valid number"),
            ],
            id="non-numbers",
        ),
        pytest.param(
            {**POST_ONLY, "intervention": {"post": [4, 5, 6] * 3334}},
            [
                (
                    [*BODY, "intervention", "post"],
                    "List should have at most 10000 items after validation, not 10002",
                )
            ],
            id="too-many-values",
        ),
        pytest.param(
            {**POST_ONLY, "design": "pre_post", "intervention": {"post": [4, 5]}},
            [([*BODY, "design"], "Input should be 'post_only', 'ancova' or 'single_group'")],
            id="unknown-design",
        ),
        pytest.param(
            {"intervention": {"post": [4, 5]}},
            [([*BODY, "design"], "Field required")],
            id="no-design",
        ),
        pytest.param(
            {**POST_ONLY, "intervention": {"post": [4, 5]}, "extra": 1},
            [([*BODY, "extra"], "Extra inputs are not permitted")],
            id="unknown-field",
        ),
        pytest.param(
            {"design": "post_only", "intervention": {"post": [4, 5]}},
            [([*BODY, "comparison"], "The post-test only design needs a comparison group.")],
            id="post-only-without-comparison",
        ),
        pytest.param(
            {"design": "ancova", "intervention": {"post": [4, 5]}, "comparison": {"post": [1, 2]}},
            [
                (
                    [*BODY, "intervention", "pre"],
                    (
                        "The pre- and post-test (ANCOVA) design needs the intervention group’s "
                        "pre-test scores."
                    ),
                ),
                (
                    [*BODY, "comparison", "pre"],
                    (
                        "The pre- and post-test (ANCOVA) design needs the comparison group’s "
                        "pre-test scores."
                    ),
                ),
            ],
            id="ancova-without-pre",
        ),
        pytest.param(
            {"design": "single_group", "intervention": {"post": [4, 5, 6]}},
            [
                (
                    [*BODY, "intervention", "pre"],
                    "The single group design needs the intervention group’s pre-test scores.",
                )
            ],
            id="single-group-without-pre",
        ),
        pytest.param(
            {**POST_ONLY, "intervention": {"post": [7, 7, 7]}, "comparison": {"post": [7, 7]}},
            [
                (
                    BODY,
                    (
                        "Every pupil in both groups has the same score, so there is no spread to "
                        "measure the difference against."
                    ),
                )
            ],
            id="zero-variance",
        ),
        pytest.param(
            {
                "design": "ancova",
                "intervention": {"post": [4, 5, 6], "pre": [1, 2]},
                "comparison": {"post": [1, 2], "pre": [1, 3]},
            },
            [
                (
                    BODY,
                    (
                        "The intervention group's pre-test has 2 values and the post-test 3; each "
                        "pupil needs both, in the same order."
                    ),
                )
            ],
            id="pre-and-post-differ-in-length",
        ),
    ],
)
def test_effect_size_refusals_name_the_field(client, body, expected):
    assert problems(post(client, EFFECT_SIZE, body)) == expected


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_effect_size_refuses_nan_and_infinity_in_json(client, literal):
    raw = (
        f'{{"design": "post_only", "intervention": {{"post": [1, 2, {literal}]}}, '
        '"comparison": {"post": [1, 2]}}'
    )

    assert problems(post(client, EFFECT_SIZE, raw)) == [
        ([*BODY, "intervention", "post", 2], "Input should be a finite number")
    ]


@pytest.mark.parametrize(
    ("studies", "expected"),
    [
        pytest.param(
            [],
            [([*BODY, "studies"], "List should have at least 1 item after validation, not 0")],
            id="no-studies",
        ),
        pytest.param(
            [{"label": "A", "effect_size": 0.2, "standard_error": -0.1}],
            [([*BODY, "studies", 0, "standard_error"], "Input should be greater than 0")],
            id="negative-se",
        ),
        pytest.param(
            [{"label": "A", "effect_size": "big", "standard_error": 0.1}],
            [([*BODY, "studies", 0, "effect_size"], "Input should be a valid number")],
            id="non-number",
        ),
        pytest.param(
            [{"label": "A", "effect_size": 0.2, "standard_error": 1e-9}],
            [
                (
                    [*BODY, "studies"],
                    (
                        "Study 1's estimate or standard error is outside what an effect size "
                        "can be (estimates up to ±1,000,000, standard errors from 0.000001 to "
                        "1,000,000)."
                    ),
                )
            ],
            id="se-too-small",
        ),
    ],
)
def test_meta_analysis_refusals_name_the_field(client, studies, expected):
    assert problems(post(client, META, {"studies": studies})) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            {"n_intervention": 50, "n_comparison": 50, "alpha": 1.5},
            [([*BODY, "alpha"], "Input should be less than 1")],
            id="alpha-above-1",
        ),
        pytest.param(
            {"n_intervention": 50, "n_comparison": 50, "alpha": 0},
            [([*BODY, "alpha"], "Input should be greater than 0")],
            id="alpha-0",
        ),
        pytest.param(
            {"n_intervention": 0, "n_comparison": 50},
            [([*BODY, "n_intervention"], "Input should be greater than or equal to 1")],
            id="no-pupils",
        ),
        pytest.param(
            {"n_intervention": 2.5, "n_comparison": 50},
            [([*BODY, "n_intervention"], "Input should be a valid integer")],
            id="fraction-of-a-pupil",
        ),
        pytest.param(
            {"n_intervention": 1, "n_comparison": 1},
            [
                (
                    BODY,
                    (
                        "With 2 pupils in all there are no degrees of freedom left for the test; "
                        "at least 3 are needed (4 with a baseline covariate)."
                    ),
                )
            ],
            id="too-few-pupils",
        ),
    ],
)
def test_mdes_refusals_name_the_field(client, body, expected):
    assert problems(post(client, MDES, body)) == expected


def test_a_million_values_is_refused_before_parsing(client):
    raw = json.dumps(
        {
            "design": "post_only",
            "intervention": {"post": [1] * 10**6},
            "comparison": {"post": [1, 2]},
        }
    )

    response = post(client, EFFECT_SIZE, raw)

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The data sent is larger than 1 MB, the most the calculator takes: at most "
        "10,000 scores in a list."
    }


def test_a_body_that_is_not_json_is_a_400_not_a_500(client):
    response = post(client, MDES, "{not json")

    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_rate_limit_is_60_calculations_a_minute_per_address(client):
    ok = [
        post(client, MDES, {"n_intervention": 20, "n_comparison": 20}).status_code
        for _ in range(60)
    ]

    refused = post(client, MDES, {"n_intervention": 20, "n_comparison": 20})

    assert ok == [200] * 60
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {
        "detail": "You have run 60 calculations in the last minute, the most the calculator "
        f"takes. Try again in {refused['Retry-After']} seconds."
    }
    other_address = client.post(
        MDES,
        json.dumps({"n_intervention": 20, "n_comparison": 20}),
        content_type="application/json",
        REMOTE_ADDR="192.0.2.7",
    )
    assert other_address.status_code == 200


def test_openapi_lists_the_three_public_operations_with_their_schemas(client):
    document = client.get("/api/v1/openapi.json").json()

    operations = {path: document["paths"][path]["post"] for path in (EFFECT_SIZE, META, MDES)}
    assert {path: op["operationId"] for path, op in operations.items()} == {
        EFFECT_SIZE: "lab_calculator_effect_size",
        META: "lab_calculator_meta_analysis",
        MDES: "lab_calculator_mdes",
    }
    bodies = {
        path: op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for path, op in operations.items()
    }
    assert bodies == {
        EFFECT_SIZE: "#/components/schemas/EffectSizeIn",
        META: "#/components/schemas/MetaAnalysisIn",
        MDES: "#/components/schemas/MdesIn",
    }
    for op in operations.values():
        assert "security" not in op
        assert set(op["responses"]) == {"200", "400", "413", "422", "429"}
    schemas = document["components"]["schemas"]
    assert schemas["EffectSizeIn"]["properties"]["design"]["enum"] == [
        "post_only",
        "ancova",
        "single_group",
    ]
    assert {
        "effect_size",
        "ci_low",
        "ci_high",
        "months_progress",
        "n_intervention",
        "n_comparison",
        "method",
    } <= set(schemas["EffectSizeOut"]["properties"])
    assert {
        "effect_size",
        "ci_low",
        "ci_high",
        "tau2",
        "i2",
        "months_progress",
        "studies",
        "q",
        "k",
    } <= set(schemas["MetaAnalysisOut"]["properties"])
    assert schemas["MdesIn"]["properties"]["alpha"]["default"] == 0.05
    assert schemas["MdesIn"]["properties"]["power"]["default"] == 0.8
    assert schemas["MdesIn"]["properties"]["r2"]["default"] == 0.0
