"""The calculator's pages: answers and errors in words, without JavaScript and with htmx."""

from __future__ import annotations

import json
from html import unescape

import pytest
from django.core.cache import cache

from reconnect.lab.charts import interval_chart
from reconnect.lab.tests.test_calculator_api import COMPARISON, INTERVENTION
from tests.headers import assert_security_headers

EFFECT_SIZE = "/lab/calculator/effect-size/"
META = "/lab/calculator/meta-analysis/"
MDES = "/lab/calculator/minimum-detectable-effect/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def text(response) -> str:
    return unescape(response.content.decode())


def column(values: list[float]) -> str:
    return "\n".join(repr(v) for v in values)


@pytest.mark.parametrize("url", ["/lab/calculator/", EFFECT_SIZE, META, MDES])
def test_pages_are_public_with_the_strict_headers(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_security_headers(response, path=url)
    assert ' style="' not in response.content.decode()


def test_index_explains_and_links_the_three_tools(client):
    page = text(client.get("/lab/calculator/"))

    assert 'href="/lab/calculator/effect-size/">Effect size from pupils’ scores</a>' in page
    assert 'href="/lab/calculator/meta-analysis/">Combine several studies</a>' in page
    assert 'href="/lab/calculator/minimum-detectable-effect/">Is my pilot big enough?</a>' in page


def test_footer_links_the_calculator(client):
    assert '<a class="govuk-footer__link" href="/lab/calculator/">Evaluation calculator</a>' in (
        text(client.get("/about/"))
    )


def test_effect_size_post_without_javascript_shows_the_result(client):
    response = client.post(
        EFFECT_SIZE,
        {
            "design": "post_only",
            "intervention_post": column(INTERVENTION),
            "comparison_post": ",".join(repr(v) for v in COMPARISON),
        },
    )

    page = text(response)
    assert response.status_code == 200
    assert '<span class="rc-sp-figure__number">0.59</span>' in page
    assert '<span class="rc-sp-figure__number">0.19 to 0.99</span>' in page
    assert '<span class="rc-sp-figure__number">+7 months</span>' in page
    assert (
        "The intervention group’s post-test scores were 0.59 standard deviations higher than "
        "the comparison group’s: about 7 months’ additional progress (high" in page
    )
    assert "Only the scores at the end were compared" in page
    assert '<title id="effect-size-chart-title">The effect size and its 95% confidence' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">0.203</td>' in page
    assert_security_headers(response, path=EFFECT_SIZE)


def test_effect_size_accepts_tab_separated_and_minus_signs(client):
    response = client.post(
        EFFECT_SIZE,
        {
            "design": "single_group",
            "intervention_pre": "−1\t0\t2\t3\t1",
            "intervention_post": "1\t1\t3\t5\t2",
        },
    )

    page = text(response)
    assert "This is not an impact estimate: without a comparison group" in page
    assert "Not given for a single group" in page
    assert "+" not in page.split('id="result-heading"')[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param(
            {"design": "post_only", "comparison_post": "1 2 3"},
            [("id_intervention_post", "Enter the intervention group’s post-test scores")],
            id="missing-scores",
        ),
        pytest.param(
            {"design": "post_only", "intervention_post": "1\n2\nabc", "comparison_post": "1 2"},
            [
                (
                    "id_intervention_post",
                    (
                        "Value 3 of the intervention group’s post-test scores is “abc”, which is "
                        "not a number."
                    ),
                )
            ],
            id="not-a-number",
        ),
        pytest.param(
            {"design": "post_only", "intervention_post": "1 2 nan", "comparison_post": "1 2"},
            [
                (
                    "id_intervention_post",
                    (
                        "Value 3 of the intervention group’s post-test scores is “nan”, which is "
                        "not a number."
                    ),
                )
            ],
            id="nan",
        ),
        pytest.param(
            {"design": "ancova", "intervention_post": "1 2 3", "comparison_post": "1 2"},
            [
                (
                    "id_intervention_pre",
                    (
                        "The pre- and post-test (ANCOVA) design needs the intervention group’s "
                        "pre-test scores."
                    ),
                ),
                (
                    "id_comparison_pre",
                    (
                        "The pre- and post-test (ANCOVA) design needs the comparison group’s "
                        "pre-test scores."
                    ),
                ),
            ],
            id="ancova-without-pre",
        ),
        pytest.param(
            {"design": "sideways", "intervention_post": "1 2"},
            [("id_design_0", "Choose one of the three kinds of data")],
            id="unknown-design",
        ),
    ],
)
def test_effect_size_errors_are_summarised_and_linked_to_their_fields(client, data, errors):
    response = client.post(EFFECT_SIZE, data)

    page = text(response)
    assert response.status_code == 200
    assert page.count('<li><a href="#') == len(errors)
    for anchor, message in errors:
        assert f'<li><a href="#{anchor}">{message}</a></li>' in page
    assert "<title>Error: Effect size calculator – Reconnect</title>" in page
    assert 'id="result-heading"' not in page


def test_effect_size_engine_refusal_is_in_the_summary(client):
    response = client.post(
        EFFECT_SIZE,
        {"design": "post_only", "intervention_post": "5 5 5", "comparison_post": "5 5"},
    )

    assert (
        "<li>Every pupil in both groups has the same score, so there is no spread to measure "
        "the difference against.</li>" in text(response)
    )


def test_meta_analysis_page_draws_a_forest_plot_with_its_table(client):
    response = client.post(META, {"studies": "Pilot A\t0.30\t0.12\nPilot, B, 0.10, 0.15"})

    page = text(response)
    assert response.status_code == 200
    assert '<th scope="row" class="govuk-table__header">Pilot A</th>' in page
    assert '<th scope="row" class="govuk-table__header">Pilot, B</th>' in page
    assert page.count('<rect class="rc-sp-chart__bar"') == 2
    assert page.count('<polygon class="rc-sp-chart__bar"') == 1
    assert '<span class="rc-sp-figure__number">0.22</span>' in page


@pytest.mark.parametrize(
    ("studies", "message"),
    [
        ("", "Enter at least one study"),
        (
            "Pilot A 0.3",
            (
                "Line 1 needs three things, a name, an effect size and a standard error, "
                "separated by tabs or commas."
            ),
        ),
        ("A, 0.3, 0.1\nB, big, 0.1", "Line 2: the effect size “big” is not a number."),
        ("A, 0.3, -0.1", "Line 1: the standard error must be greater than 0."),
    ],
)
def test_meta_analysis_errors(client, studies, message):
    page = text(client.post(META, {"studies": studies}))

    assert f'<li><a href="#id_studies">{message}</a></li>' in page


def test_mdes_page(client):
    page = text(
        client.post(
            MDES,
            {
                "n_intervention": "50",
                "n_comparison": "50",
                "alpha": "0.05",
                "power": "0.8",
                "r2": "0",
            },
        )
    )

    assert '<span class="rc-sp-figure__number">0.57</span>' in page
    assert "the pilot has 80% power to detect an effect size of 0.57 or more" in page


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        (
            {"n_comparison": "50"},
            "id_n_intervention",
            "Enter the number of pupils in the intervention group",
        ),
        (
            {"n_intervention": "2.5", "n_comparison": "50"},
            "id_n_intervention",
            "The number of pupils in the intervention group must be a whole number",
        ),
        (
            {"n_intervention": "0", "n_comparison": "50"},
            "id_n_intervention",
            "The number of pupils in the intervention group must be from 1 to 100,000",
        ),
        (
            {"n_intervention": "50", "n_comparison": "50", "alpha": "1.5"},
            "id_alpha",
            "The significance level must be more than 0 and less than 1",
        ),
        (
            {"n_intervention": "50", "n_comparison": "50", "alpha": "nan"},
            "id_alpha",
            "The significance level must be a number, like 0.05",
        ),
    ],
)
def test_mdes_errors(client, data, anchor, message):
    form = {"alpha": "0.05", "power": "0.8", "r2": "0", **data}

    page = text(client.post(MDES, form))

    assert f'<li><a href="#{anchor}">{message}</a></li>' in page


def test_htmx_gets_the_calculator_fragment_alone(client):
    response = client.post(
        MDES,
        {"n_intervention": "50", "n_comparison": "50", "alpha": "0.05", "power": "0.8", "r2": "0"},
        **HTMX,
    )

    page = text(response)
    assert page.lstrip().startswith('<div id="calculator">')
    assert "<html" not in page
    assert '<span class="rc-sp-figure__number">0.57</span>' in page


def test_pages_share_the_api_rate_limit(client):
    for _ in range(60):
        client.post(
            "/api/v1/lab/calculator/mdes",
            json.dumps({"n_intervention": 20, "n_comparison": 20}),
            content_type="application/json",
        )

    response = client.post(
        MDES,
        {"n_intervention": "50", "n_comparison": "50", "alpha": "0.05", "power": "0.8", "r2": "0"},
    )

    assert response.status_code == 429
    wait = response["Retry-After"]
    assert (
        f"<li>You have run 60 calculations in the last minute, the most the calculator takes. "
        f"Try again in {wait} seconds.</li>" in text(response)
    )
    assert 'value="50"' in text(response)  # what they entered is kept


def test_a_paste_over_1_mb_is_refused_before_it_is_read(client):
    response = client.post(
        EFFECT_SIZE, {"design": "post_only", "intervention_post": "1\n" * 600_000}
    )

    assert response.status_code == 413
    assert (
        "<li>The data sent is larger than 1 MB, the most the calculator takes: at most 10,000 "
        "scores in a list.</li>" in text(response)
    )


def test_interval_chart_places_the_estimate_on_a_scale_symmetric_about_zero():
    chart = interval_chart("Effect size", 0.5, 0.1, 0.9, chart_id="c", title="t", description="d")

    row = chart.rows[0]
    assert (row.lower, row.dot, row.upper, chart.zero) == ("249.2", "334.0", "418.8", "228.0")
    assert [tick.label for tick in chart.ticks] == ["−1.0", "−0.5", "0", "0.5", "1.0"]
