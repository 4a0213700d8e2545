"""A group's files: members share safe types (checked by their contents) up to 10 MB, kept
privately; members and moderators download them as attachments; others get 404; the
uploader, owners and moderators delete them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import GroupFile, GroupRole
from reconnect.network.services.groups import group_file_upload
from reconnect.network.tests.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
URL = "/network/groups/attendance-leads/files/"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def group(head_at_school_a, staff_at_school_a):
    made = GroupFactory.create(name="Attendance leads", slug="attendance-leads")
    GroupMembershipFactory.create(group=made, user=head_at_school_a, role=GroupRole.OWNER)
    GroupMembershipFactory.create(group=made, user=staff_at_school_a)
    return made


def _upload(client, name, data, title=""):
    return client.post(URL, {"title": title, "file": SimpleUploadedFile(name, data)})


def test_member_shares_a_pdf_stored_privately_and_audited(
    client, group, staff_at_school_a, tmp_path
):
    client.force_login(staff_at_school_a)

    response = _upload(client, "Plan for spring.pdf", PDF, title="Spring plan")

    assert response.status_code == 302
    assert response["Location"] == "/network/groups/attendance-leads/#files"
    shared = GroupFile.objects.get()
    assert (shared.title, shared.filename, shared.content_type, shared.size_bytes) == (
        "Spring plan",
        "Plan for spring.pdf",
        "application/pdf",
        len(PDF),
    )
    assert (tmp_path / "private" / "network-groups" / shared.stored_as).read_bytes() == PDF
    event = AuditEvent.objects.get(action=audit_actions.GROUP_FILE_UPLOADED)
    assert event.detail == {"group": group.pk, "file": shared.pk, "size": len(PDF)}


def test_contents_must_match_the_name(client, group, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = _upload(client, "plan.pdf", b"<script>alert(1)</script>")

    assert response.status_code == 200
    assert (
        "The file’s contents are not those of a .pdf file. Save it again in that format and "
        "upload it."
    ) in response.content.decode()
    assert not GroupFile.objects.exists()


def test_a_type_not_allowed_is_refused(client, group, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = _upload(client, "page.html", b"<html></html>")

    assert "The file must be a PDF, Word (DOCX)" in response.content.decode()
    assert not GroupFile.objects.exists()


def test_a_file_over_10_mb_is_refused_before_it_is_read(client, group, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = _upload(client, "big.pdf", PDF + b"0" * (10 * 1024 * 1024 + 70 * 1024))

    assert response.status_code == 413
    assert "The file must be 10 MB or smaller." in response.content.decode()
    assert not GroupFile.objects.exists()


def test_upload_is_404_outside_the_group_and_403_for_a_moderator(
    client, group, head_at_school_b, coordinator
):
    client.force_login(head_at_school_b)
    outsider = _upload(client, "plan.pdf", PDF)
    client.force_login(coordinator)
    moderator = _upload(client, "plan.pdf", PDF)

    assert (outsider.status_code, moderator.status_code) == (404, 403)
    assert not GroupFile.objects.exists()


def test_download_is_an_attachment_in_a_sandbox(client, group, head_at_school_a, staff_at_school_a):
    shared = group_file_upload(
        group=group, by=head_at_school_a, title="", filename="Résumé plan.pdf", data=PDF
    )
    client.force_login(staff_at_school_a)

    response = client.get(f"{URL}{shared.pk}/")

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''R%C3%A9sum%C3%A9%20plan.pdf"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_is_404_outside_the_group_and_through_another_group(
    client, group, head_at_school_a, head_at_school_b
):
    shared = group_file_upload(
        group=group, by=head_at_school_a, title="", filename="plan.pdf", data=PDF
    )
    theirs = GroupFactory.create(slug="theirs")
    GroupMembershipFactory.create(group=theirs, user=head_at_school_b)
    client.force_login(head_at_school_b)

    assert client.get(f"{URL}{shared.pk}/").status_code == 404
    assert client.get(f"/network/groups/theirs/files/{shared.pk}/").status_code == 404


def test_uploader_and_owner_delete_files_another_member_may_not(
    client, group, head_at_school_a, staff_at_school_a, django_capture_on_commit_callbacks
):
    own = group_file_upload(group=group, by=staff_at_school_a, title="", filename="a.pdf", data=PDF)
    owners = group_file_upload(
        group=group, by=head_at_school_a, title="", filename="b.pdf", data=PDF
    )
    client.force_login(staff_at_school_a)

    refused = client.post(f"{URL}{owners.pk}/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        deleted_own = client.post(f"{URL}{own.pk}/delete/")
    client.force_login(head_at_school_a)
    deleted_by_owner = client.post(f"{URL}{owners.pk}/delete/")

    assert (refused.status_code, deleted_own.status_code, deleted_by_owner.status_code) == (
        403,
        302,
        302,
    )
    assert not GroupFile.objects.exists()
    assert not GROUP_FILES.exists(own.stored_as)
    assert AuditEvent.objects.filter(action=audit_actions.GROUP_FILE_DELETED).count() == 2
