"""Rules an editor's page must keep before it can be saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection

from reconnect.hub.models import InterventionPage, ResearchReportPage, Visibility
from reconnect.hub.services.collections import MEMBERS_ONLY_COLLECTION
from reconnect.hub.tests.factories import InterventionPageFactory, ResearchReportPageFactory
from reconnect.hub.tests.factories_submissions import submitted_case_study

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _document(collection: Collection) -> Document:
    return Document.objects.create(
        title="Report", file=ContentFile(b"%PDF-1.7\n", name="report.pdf"), collection=collection
    )


def test_members_only_report_refuses_a_document_anyone_can_download():
    report = ResearchReportPage.objects.get(pk=ResearchReportPageFactory().pk)
    report.visibility = Visibility.MEMBERS
    report.document = _document(Collection.get_first_root_node())

    with pytest.raises(ValidationError) as error:
        report.full_clean()

    assert error.value.message_dict["document"] == [
        (
            "This report is for members only, but its document is in the “Root” collection, "
            "which anyone can download from. Move the document to the “Members only” "
            "collection, or make the report public."
        )
    ]


def test_members_only_report_takes_a_document_from_the_members_only_collection():
    report = ResearchReportPage.objects.get(pk=ResearchReportPageFactory().pk)
    report.visibility = Visibility.MEMBERS
    report.document = _document(Collection.objects.get(name=MEMBERS_ONLY_COLLECTION))

    report.full_clean()  # no error


def test_public_report_may_link_a_public_document():
    report = ResearchReportPage.objects.get(pk=ResearchReportPageFactory().pk)
    report.document = _document(Collection.get_first_root_node())

    report.full_clean()  # no error


@pytest.mark.parametrize(
    ("effect_size", "months", "valid"),
    [("0.45", 6, True), ("0.52", 6, True), ("0.53", 6, False), ("-0.20", -3, True)],
)
def test_intervention_months_must_match_its_effect_size(effect_size, months, valid):
    page = InterventionPage.objects.get(pk=InterventionPageFactory().pk)
    page.effect_size = Decimal(effect_size)
    page.impact_months = months

    if valid:
        page.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert error.value.message_dict["impact_months"] == [
            (
                "An effect size of 0.53 is +7 months on the EEF's conversion table, not +6. "
                "Correct one of the two."
            )
        ]


@pytest.mark.parametrize("name", ["hub:case-study-resubmit", "hub:case-study-withdraw"])
def test_submission_ids_beyond_any_page_are_not_found(client, head_at_school_a, name):
    submitted_case_study(head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.post(reverse(name, args=[99999999999999999999]))

    assert response.status_code == 404
