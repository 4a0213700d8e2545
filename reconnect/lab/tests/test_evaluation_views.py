"""The evaluation report page, its PDF and CSV, and the pilot page's section."""

from __future__ import annotations

import csv
import io
import re
import zlib

import pytest
from django.urls import reverse

from reconnect.core.models import AuditEvent
from reconnect.lab.models import Design, Group, SummaryStatistic, Timepoint
from reconnect.lab.tests.factories import LogEntryFactory, OutcomeMeasureFactory, PilotFactory

pytestmark = pytest.mark.django_db

HEADLINE = (
    "Pupils in the pilot made about 3 months’ additional progress in reading compared with "
    "similar pupils who did not take part."
)
CONFIDENCE = "We can be moderately confident in this: 3 padlocks of 5."


def known_pilot(school, *, name="Reading"):
    """The padlocks test's known case: g = 0.249, 3 months, 3 padlocks."""
    pilot = PilotFactory.create(school=school, design=Design.MATCHED, title="Reading catch-up")
    measure = OutcomeMeasureFactory.create(pilot=pilot, name=name, is_primary=True)
    for group, timepoint, mean, n in (
        (Group.INTERVENTION, Timepoint.PRE, 100.1, 110),
        (Group.COMPARISON, Timepoint.PRE, 100, 110),
        (Group.INTERVENTION, Timepoint.POST, 106.25, 100),
        (Group.COMPARISON, Timepoint.POST, 105, 100),
    ):
        SummaryStatistic.objects.create(
            measure=measure, group=group, timepoint=timepoint, mean=mean, sd=5, n=n
        )
    LogEntryFactory.create(pilot=pilot, sessions_planned=10, sessions_delivered=8)
    return pilot


def url(name, pilot):
    return reverse(f"lab:{name}", kwargs={"urn": pilot.school.urn, "pilot_id": pilot.pk})


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- The page ---------------------------------------------------------------------------------


def test_evaluation_report_shows_headline_padlocks_and_figures(client, staff_at_school_a):
    pilot = known_pilot(staff_at_school_a.memberships.get().school)
    client.force_login(staff_at_school_a)

    response = client.get(url("evaluation-report", pilot))

    assert response.status_code == 200
    page = text_of(response)
    assert HEADLINE in page
    assert CONFIDENCE in page
    assert "0.25 to" not in page  # the interval, not the estimate, is shown with "to"
    assert "0.25</span>" in page  # the effect size, two decimals
    assert "+3 months" in page
    assert "Overall: 3 padlocks out of 5." in page
    assert "8 of 10 planned sessions were delivered (80%)." in page
    assert '<svg class="rc-chart' in page
    assert "Download as PDF" in page


def test_evaluation_report_without_data_lists_what_is_missing(client, head_at_school_a):
    pilot = PilotFactory.create(school=head_at_school_a.memberships.get().school)
    OutcomeMeasureFactory.create(pilot=pilot, is_primary=True)
    client.force_login(head_at_school_a)

    response = client.get(url("evaluation-report", pilot))

    page = text_of(response)
    assert "There is not enough data yet to evaluate this pilot." in page
    assert "<li>Upload the comparison group’s post-test scores.</li>" in page
    assert '<svg class="rc-chart' not in page


def test_evaluation_report_of_another_school_is_404(client, head_at_school_b, school_a):
    pilot = known_pilot(school_a)
    client.force_login(head_at_school_b)

    for name in ("evaluation-report", "evaluation-pdf", "evaluation-csv"):
        assert client.get(url(name, pilot)).status_code == 404
    assert not AuditEvent.objects.filter(action="lab.evaluation.downloaded").exists()


def test_evaluation_report_needs_sign_in(client, school_a):
    pilot = known_pilot(school_a)

    response = client.get(url("evaluation-report", pilot))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("measures", [1, 3])
def test_evaluation_report_query_count(
    client, staff_at_school_a, django_assert_num_queries, measures
):
    pilot = known_pilot(staff_at_school_a.memberships.get().school)
    for n in range(measures - 1):
        OutcomeMeasureFactory.create(pilot=pilot, name=f"Other {n}")
    LogEntryFactory.create(pilot=pilot)
    client.force_login(staff_at_school_a)
    client.get(url("evaluation-report", pilot))  # fills the per-member caches (gate, bell)

    with django_assert_num_queries(10) as captured:
        client.get(url("evaluation-report", pilot))

    assert len(captured.captured_queries) == 10


# --- The pilot page's section ------------------------------------------------------------------


def test_pilot_page_shows_the_evaluation_headline(client, staff_at_school_a):
    pilot = known_pilot(staff_at_school_a.memberships.get().school)
    client.force_login(staff_at_school_a)

    page = text_of(client.get(url("pilot-detail", pilot)))

    assert f"{HEADLINE} {CONFIDENCE}" in page
    assert f'href="{url("evaluation-report", pilot)}"' in page


def test_pilot_page_without_measures_invites_one(client, head_at_school_a):
    pilot = PilotFactory.create(school=head_at_school_a.memberships.get().school)
    client.force_login(head_at_school_a)

    page = text_of(client.get(url("pilot-detail", pilot)))

    assert "Add an outcome measure to see the pilot’s evaluation here." in page


# --- Downloads ---------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    """The text drawn on the PDF's pages: every content stream inflated."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            out.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            out.append(match.group(1).decode("latin-1"))
    return "".join(out)


def test_evaluation_pdf_holds_the_headline_and_is_audited(client, staff_at_school_a):
    pilot = known_pilot(staff_at_school_a.memberships.get().school)
    client.force_login(staff_at_school_a)

    response = client.get(url("evaluation-pdf", pilot))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="pilot-evaluation-{pilot.school.urn}-{pilot.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    # fpdf2 writes each line of text as a (...) Tj string; the headline wraps over lines.
    drawn = " ".join(re.findall(r"\((.*?)\) ?Tj", text))
    assert "Pupils in the pilot made about 3 months" in drawn
    assert "moderately confident in this: 3 padlocks of 5." in drawn
    assert "Overall: 3 padlocks out of 5." in drawn
    event = AuditEvent.objects.get(action="lab.evaluation.downloaded")
    assert event.detail == {"format": "pdf", "measure": pilot.measures.get().pk}
    assert event.school_urn == pilot.school.urn


def test_evaluation_csv_rows_are_exact_and_escaped(client, head_at_school_a):
    school = head_at_school_a.memberships.get().school
    pilot = known_pilot(school, name="=HYPERLINK(1)")
    pilot.measures.update(higher_is_better=False)
    client.force_login(head_at_school_a)

    response = client.get(url("evaluation-csv", pilot))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    g = "0.2491"  # 0.25 × (1 − 3/791)
    assert rows == [
        ["Figure", "Value"],
        ["School", f"{school.name} (URN {school.urn})"],
        ["Pilot", "Reading catch-up"],
        ["Measure", "'=HYPERLINK(1)"],
        ["Design", "Matched comparison group"],
        [
            "Headline",
            (
                "Pupils in the pilot made about 3 months’ less progress in =HYPERLINK(1) compared "
                "with similar pupils who did not take part."
            ),
        ],
        ["Confidence", CONFIDENCE],
        ["Method", "Hedges' g, post-test only (Borenstein et al. 2009, ch. 4)"],
        ["Effect size", f"'-{g}"],
        ["Effect size: 95% interval, low", "'-0.5263"],
        ["Effect size: 95% interval, high", "0.0282"],
        ["Effect size: standard error", "0.1414"],
        ["Sign", "Reversed: lower scores are better on this measure"],
        ["Months’ progress", "'-3"],
        ["Difference in means, in the measure’s own units", "1.2500"],
        ["Pupils analysed, intervention group", "100"],
        ["Pupils analysed, comparison group", "100"],
        ["Padlocks (0 to 5)", "3"],
        [
            "Padlock reason",
            "Pupils were not randomly allocated, so the most this design can earn is 3 padlocks.",
        ],
        [
            "Padlock reason",
            (
                "The pilot was big enough to reliably detect an effect size of 0.40 or more, "
                "which allows up to 3 padlocks."
            ),
        ],
        [
            "Padlock reason",
            "9% of the pupils who started had no final result, which allows up to 5 padlocks.",
        ],
        [
            "Padlock reason",
            (
                "The groups were alike at the start (a difference of 0.02 standard deviations), "
                "so no padlock is taken off."
            ),
        ],
        ["Padlock reason", "Overall: 3 padlocks out of 5."],
        ["Minimum detectable effect size", "0.3982"],
        ["Attrition", "9%"],
        ["Baseline difference (SD)", "0.0200"],
        ["Intervention group: pupils before", "110"],
        ["Intervention group: mean before", "100.1"],
        ["Intervention group: SD before", "5.0"],
        ["Intervention group: pupils after", "100"],
        ["Intervention group: mean after", "106.2"],
        ["Intervention group: SD after", "5.0"],
        ["Comparison group: pupils before", "110"],
        ["Comparison group: mean before", "100.0"],
        ["Comparison group: SD before", "5.0"],
        ["Comparison group: pupils after", "100"],
        ["Comparison group: mean after", "105.0"],
        ["Comparison group: SD after", "5.0"],
        [
            "Caveat",
            (
                "Only the scores at the end were compared, so part of the difference may have been "
                "there before the intervention began."
            ),
        ],
        [
            "Caveat",
            (
                "Lower scores are better on this measure, so the effect size is shown the "
                "other way round: a positive effect size means the pilot pupils ended with "
                "lower (better) scores."
            ),
        ],
        [
            "Caveat",
            (
                "A negative figure means the pupils made less progress than the comparison group, "
                "not that they went backwards."
            ),
        ],
        ["Log entries", "1"],
        ["Sessions planned", "10"],
        ["Sessions delivered", "8"],
        ["Sessions delivered, share of planned", "80%"],
        ["Log entries as planned, share of those rated", "100%"],
    ]
    event = AuditEvent.objects.get(action="lab.evaluation.downloaded")
    assert event.detail["format"] == "csv"


def test_evaluation_download_without_a_measure_is_404(client, head_at_school_a):
    pilot = PilotFactory.create(school=head_at_school_a.memberships.get().school)
    client.force_login(head_at_school_a)

    assert client.get(url("evaluation-csv", pilot)).status_code == 404
