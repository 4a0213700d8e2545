"""The outcome pages: uploading, an upload's report, the template, the summary figures form,
and the pilot page's "Outcome data" section."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from reconnect.core.models import AuditEvent
from reconnect.lab.models import (
    Design,
    MeasureKind,
    OutcomeImport,
    OutcomeImportStatus,
    OutcomeRecord,
    SummaryStatistic,
)
from reconnect.lab.tests.factories import (
    OutcomeImportFactory,
    OutcomeMeasureFactory,
    OutcomeRecordFactory,
    PilotFactory,
    SummaryStatisticFactory,
)

GOOD = b"pupil,group,pre,post\nA100,intervention,40,52\nA101,comparison,41,45\n"


@pytest.fixture
def pilot(school_a):
    return PilotFactory.create(school=school_a, title="Reading catch-up", design=Design.MATCHED)


@pytest.fixture
def measure(pilot):
    return OutcomeMeasureFactory.create(
        pilot=pilot, name="Reading score", kind=MeasureKind.ATTAINMENT, lowest=0, highest=100
    )


def _url(measure, rest):
    pilot = measure.pilot
    return f"/lab/{pilot.school.urn}/pilots/{pilot.pk}/outcomes/{measure.pk}/{rest}"


def _file(data=GOOD, name="outcomes.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_upload_imports_and_shows_the_report(client, head_at_school_a, measure):
    client.force_login(head_at_school_a)

    response = client.post(_url(measure, "upload/"), {"file": _file()})

    upload = OutcomeImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(measure, f"imports/{upload.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "2 pupils imported for Reading score." in page
    assert "2 pupils imported. They replace what was held for this measure before." in page
    assert OutcomeRecord.objects.filter(measure=measure).count() == 2
    assert (upload.uploaded_by, upload.original_filename) == (head_at_school_a, "outcomes.csv")


def test_upload_of_the_same_file_says_nothing_changed(client, head_at_school_a, measure):
    client.force_login(head_at_school_a)
    client.post(_url(measure, "upload/"), {"file": _file()})

    response = client.post(_url(measure, "upload/"), {"file": _file()}, follow=True)

    page = response.content.decode()
    assert "This file has already been imported for Reading score: nothing changed." in page
    assert OutcomeImport.objects.order_by("-pk")[0].status == OutcomeImportStatus.UNCHANGED


def test_rejected_upload_lists_each_problem(client, data_lead_at_school_a, measure):
    client.force_login(data_lead_at_school_a)

    response = client.post(
        _url(measure, "upload/"),
        {"file": _file(b"pupil,group,pre,post\nA1,I,40,52,5\nA2,X,40,50\n")},
        follow=True,
    )

    page = response.content.decode()
    assert "1 problem: nothing was imported" in page
    assert "5 values, one under each column header" not in page
    assert "4 values, one under each column header: look for a missing or extra comma" in page
    assert OutcomeRecord.objects.count() == 0
    assert OutcomeImport.objects.get().status == OutcomeImportStatus.REJECTED


def test_rejected_upload_report_shows_row_column_value_and_fix(client, head_at_school_a, measure):
    client.force_login(head_at_school_a)

    response = client.post(
        _url(measure, "upload/"),
        {"file": _file(b"pupil,group,pre,post\nA1,I,40,101\n")},
        follow=True,
    )

    page = response.content.decode()
    assert "1 problem: nothing was imported" in page
    assert (
        '<td class="govuk-table__cell">2</td>\n        <td class="govuk-table__cell">post</td>\n'
        '        <td class="govuk-table__cell">101</td>\n'
        '        <td class="govuk-table__cell">'
        "A number from 0 to 100, the measure&#x27;s range</td>"
    ) in page


def test_upload_refuses_another_kind_of_file(client, head_at_school_a, measure):
    client.force_login(head_at_school_a)

    response = client.post(_url(measure, "upload/"), {"file": _file(b"%PDF", "scores.pdf")})

    assert response.status_code == 200
    assert "Upload a CSV file or an Excel workbook (.xlsx)." in response.content.decode()
    assert OutcomeImport.objects.count() == 0


def test_upload_without_a_file_asks_for_one(client, head_at_school_a, measure):
    client.force_login(head_at_school_a)

    response = client.post(_url(measure, "upload/"), {})

    assert "Choose the file to upload." in response.content.decode()


def test_staff_may_not_upload_and_nothing_changes(client, staff_at_school_a, measure):
    client.force_login(staff_at_school_a)

    response = client.post(_url(measure, "upload/"), {"file": _file()})

    assert response.status_code == 403
    assert OutcomeImport.objects.count() == 0
    assert OutcomeRecord.objects.count() == 0


def test_another_schools_measure_is_not_found(client, head_at_school_b, measure):
    client.force_login(head_at_school_b)

    upload = client.post(_url(measure, "upload/"), {"file": _file()})
    summary = client.post(_url(measure, "summary/"), {"intervention_post_mean": "5"})

    assert (upload.status_code, summary.status_code) == (404, 404)
    assert OutcomeImport.objects.count() == 0
    assert SummaryStatistic.objects.count() == 0


def test_a_measure_of_another_pilot_is_not_found(client, head_at_school_a, measure, school_a):
    other = PilotFactory.create(school=school_a)
    client.force_login(head_at_school_a)

    response = client.get(f"/lab/{school_a.urn}/pilots/{other.pk}/outcomes/{measure.pk}/upload/")

    assert response.status_code == 404


def test_an_upload_of_another_measure_is_not_found(client, head_at_school_a, measure, pilot):
    other = OutcomeMeasureFactory.create(pilot=pilot, name="Spelling")
    upload = OutcomeImportFactory.create(measure=other)
    client.force_login(head_at_school_a)

    response = client.get(_url(measure, f"imports/{upload.pk}/"))

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, measure):
    response = client.get(_url(measure, "upload/"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_template_holds_the_headers_and_example_rows(client, staff_at_school_a, measure):
    client.force_login(staff_at_school_a)

    response = client.get(_url(measure, "template.csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="outcomes-reading-score.csv"'
    assert response.content == (
        b"pupil,group,pre,post\r\nEXAMPLE-1,intervention,40,60\r\nEXAMPLE-2,comparison,40,\r\n"
    )


# --- Summary figures -----------------------------------------------------------------------


def _summary(**overrides):
    data = {
        "intervention_post_mean": "52",
        "intervention_post_sd": "10",
        "intervention_post_n": "30",
        "comparison_post_mean": "48",
        "comparison_post_sd": "11",
        "comparison_post_n": "29",
    }
    return {**data, **overrides}


def test_summary_figures_are_saved_and_replace_earlier_ones(client, head_at_school_a, measure):
    SummaryStatisticFactory.create(measure=measure, group="comparison", timepoint="pre")
    client.force_login(head_at_school_a)

    response = client.post(
        _url(measure, "summary/"),
        _summary(intervention_pre_mean="40", intervention_pre_sd="9.5", intervention_pre_n="30"),
    )

    pilot = measure.pilot
    assert response.status_code == 302
    assert (
        response["Location"] == f"/lab/{pilot.school.urn}/pilots/{pilot.pk}/#outcomes-{measure.pk}"
    )
    assert sorted(
        SummaryStatistic.objects.values_list("group", "timepoint", "mean", "sd", "n")
    ) == [
        ("comparison", "post", 48.0, 11.0, 29),
        ("intervention", "post", 52.0, 10.0, 30),
        ("intervention", "pre", 40.0, 9.5, 30),
    ]
    assert AuditEvent.objects.get(action="lab.outcomes.summary_saved").detail == {
        "measure": measure.pk,
        "figures": 3,
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"intervention_post_n": "1"},
            "Enter 2 pupils or more for the intervention group after",
        ),
        (
            {"comparison_post_sd": "-1"},
            "Enter a standard deviation of 0 or more for the comparison group after",
        ),
        (
            {"intervention_post_mean": "101"},
            "Enter a mean from 0 to 100 for the intervention group after",
        ),
        (
            {"comparison_post_mean": "", "comparison_post_sd": "", "comparison_post_n": ""},
            (
                "Enter the mean, standard deviation and number of pupils for the comparison group "
                "after"
            ),
        ),
        (
            {"intervention_pre_mean": "40"},
            (
                "Enter the mean, standard deviation and number of pupils for the intervention "
                "group before, or leave all three blank"
            ),
        ),
        ({"intervention_post_n": "many"}, "Enter a number for Intervention group, after"),
    ],
)
def test_summary_form_explains_what_is_wrong(client, head_at_school_a, measure, overrides, message):
    client.force_login(head_at_school_a)

    response = client.post(_url(measure, "summary/"), _summary(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert SummaryStatistic.objects.count() == 0


def test_summary_form_of_a_single_group_pilot_has_no_comparison_group(
    client, head_at_school_a, school_a
):
    pilot = PilotFactory.create(school=school_a, design=Design.SINGLE_GROUP)
    measure = OutcomeMeasureFactory.create(pilot=pilot, lowest=0, highest=100)
    client.force_login(head_at_school_a)

    response = client.post(
        _url(measure, "summary/"),
        {"intervention_post_mean": "50", "intervention_post_sd": "5", "intervention_post_n": "12"},
    )

    assert response.status_code == 302
    assert list(SummaryStatistic.objects.values_list("group", "timepoint")) == [
        ("intervention", "post")
    ]


def test_summary_page_says_pupil_records_win(client, head_at_school_a, measure):
    OutcomeRecordFactory.create(measure=measure)
    client.force_login(head_at_school_a)

    page = client.get(_url(measure, "summary/")).content.decode()

    assert (
        "This measure has pupil-level scores from an uploaded file, so these summary figures "
        "are not used in the evaluation."
    ) in page


def test_staff_may_not_save_summary_figures(client, staff_at_school_a, measure):
    client.force_login(staff_at_school_a)

    response = client.post(_url(measure, "summary/"), _summary())

    assert response.status_code == 403
    assert SummaryStatistic.objects.count() == 0


# --- The pilot page's section ----------------------------------------------------------------


def test_pilot_page_shows_what_each_measure_holds(client, head_at_school_a, measure, pilot):
    for post in (50.0, 52.0, None, 49.0):
        OutcomeRecordFactory.create(measure=measure, group="intervention", post=post)
    OutcomeRecordFactory.create(measure=measure, group="comparison", pre=None, post=45.0)
    upload = OutcomeImportFactory.create(
        measure=measure,
        original_filename="spring.csv",
        status=OutcomeImportStatus.REJECTED,
        problem_count=3,
    )
    spelling = OutcomeMeasureFactory.create(pilot=pilot, name="Spelling")
    SummaryStatisticFactory.create(measure=spelling)
    client.force_login(head_at_school_a)

    page = client.get(f"/lab/{pilot.school.urn}/pilots/{pilot.pk}/").content.decode()

    assert "Outcome data" in page
    assert (
        '<th scope="row" class="govuk-table__header">Intervention group</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">25%</td>'
    ) in page
    assert (
        '<th scope="row" class="govuk-table__header">Comparison group</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">0</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">0%</td>'
    ) in page
    assert "See the 3 problems" in page
    assert _url(measure, f"imports/{upload.pk}/") in page
    assert "Summary figures typed in (no pupil-level scores)." in page
    assert _url(measure, "upload/") in page


def test_pilot_page_shows_staff_no_upload_links(client, staff_at_school_a, measure, pilot):
    client.force_login(staff_at_school_a)

    page = client.get(f"/lab/{pilot.school.urn}/pilots/{pilot.pk}/").content.decode()

    assert "No outcome data yet." in page
    assert _url(measure, "upload/") not in page
    assert _url(measure, "summary/") not in page


def _render_section(pilot):
    template = Template('{% include "lab/outcomes/pilot_section.html" %}')
    return template.render(Context({"pilot": pilot, "school": pilot.school, "may_edit": True}))


@pytest.mark.parametrize("count", [1, 3])
def test_section_takes_two_queries_whatever_the_number_of_measures(
    pilot, django_assert_num_queries, count
):
    for n in range(count):
        measure = OutcomeMeasureFactory.create(pilot=pilot, name=f"Measure {n}")
        OutcomeRecordFactory.create(measure=measure)
        OutcomeImportFactory.create(measure=measure)

    with django_assert_num_queries(2):
        html = _render_section(pilot)

    assert html.count('class="govuk-summary-card"') == count


def test_section_takes_one_query_before_any_upload(pilot, django_assert_num_queries):
    OutcomeMeasureFactory.create(pilot=pilot)

    with django_assert_num_queries(1):
        html = _render_section(pilot)

    assert "No outcome data yet." in html
