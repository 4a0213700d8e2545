"""Access-matrix rows of the Lab's public evaluation calculator: see tests/access.py.

Everything here is open to everyone, visitors included: the calculator reads no school's
data and stores nothing. Each page answers a GET and a POST of a valid form with 200.

The JSON operations take a JSON body, and the matrix posts form data, so every persona
gets Ninja's 400 "Cannot parse request body": the same for a visitor as for a member,
which shows no sign-in is asked for (an operation that needed one would answer visitors
401). A GET is a 405 for everyone. Their JSON answers, refusals and rate limit are tested
in ``test_calculator_api.py``.
"""

from tests.access import Case, everyone

SCORES = {
    "design": "post_only",
    "intervention_post": "12\n15\n14\n18\n11",
    "comparison_post": "10\n13\n12\n11\n9",
}
STUDIES = {"studies": "Pilot A\t0.30\t0.12\nPilot B\t0.10\t0.15"}
PUPILS = {"n_intervention": "40", "n_comparison": "40", "alpha": "0.05", "power": "0.8", "r2": "0"}
JSON_ONLY = "The matrix posts form data; the operation reads JSON, so 400 for all alike"

CASES = [
    Case("lab:calculator", expect=everyone(200)),
    Case("lab:calculator-effect-size", expect=everyone(200)),
    Case("lab:calculator-effect-size", method="post", data=SCORES, expect=everyone(200)),
    Case("lab:calculator-meta-analysis", expect=everyone(200)),
    Case("lab:calculator-meta-analysis", method="post", data=STUDIES, expect=everyone(200)),
    Case("lab:calculator-mdes", expect=everyone(200)),
    Case("lab:calculator-mdes", method="post", data=PUPILS, expect=everyone(200)),
    Case("api-v1:lab-calculator-effect-size", expect=everyone(405)),
    Case(
        "api-v1:lab-calculator-effect-size",
        method="post",
        data=SCORES,
        expect=everyone(400),
        note=JSON_ONLY,
    ),
    Case("api-v1:lab-calculator-meta-analysis", expect=everyone(405)),
    Case(
        "api-v1:lab-calculator-meta-analysis",
        method="post",
        data=STUDIES,
        expect=everyone(400),
        note=JSON_ONLY,
    ),
    Case("api-v1:lab-calculator-mdes", expect=everyone(405)),
    Case(
        "api-v1:lab-calculator-mdes",
        method="post",
        data=PUPILS,
        expect=everyone(400),
        note=JSON_ONLY,
    ),
]
