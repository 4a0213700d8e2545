"""A trio's files: allowed types only, contents matching the name, 10 MB at most, kept in
private storage under a random name, downloaded as an attachment through an access check,
deleted by their uploader or a coordinator."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reconnect.core.models import AuditEvent
from reconnect.lab import storage
from reconnect.lab.models import TrioFile
from reconnect.lab.services import workspace as services
from reconnect.lab.tests.factories import TrioFactory, TrioMemberFactory

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
TYPE_REFUSED = (
    "The file must be a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), CSV, text (TXT), "
    "PNG or JPG file."
)


def _office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}document.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def trio(school_a):
    made = TrioFactory.create(name="Riverside trio")
    TrioMemberFactory.create(trio=made, school=school_a)
    return made


def _url(trio, rest=""):
    return f"/lab/trios/{trio.pk}/files/{rest}"


def _upload(client, trio, name, data):
    return client.post(_url(trio), {"file": SimpleUploadedFile(name, data)})


def test_pdf_is_stored_privately_under_a_random_name_and_audited(
    client, trio, staff_at_school_a, tmp_path
):
    client.force_login(staff_at_school_a)

    response = _upload(client, trio, "Plan for spring.pdf", PDF)

    assert response["Location"] == _url(trio)
    stored = TrioFile.objects.get()
    assert (stored.name, stored.size_bytes, stored.content_type, stored.uploaded_by) == (
        "Plan for spring.pdf",
        len(PDF),
        "application/pdf",
        staff_at_school_a,
    )
    assert re.fullmatch(r"[0-9a-f]{32}\.file", stored.stored_as)
    path = tmp_path / "private" / "lab" / stored.stored_as
    assert path.read_bytes() == PDF
    assert path.stat().st_mode & 0o777 == 0o600
    event = AuditEvent.objects.get(action="lab.trio.file_uploaded")
    assert event.detail == {"trio": trio.pk, "name": "Plan for spring.pdf", "size": len(PDF)}
    page = client.get(_url(trio)).content.decode()
    assert f'href="{_url(trio, f"{stored.pk}/")}">Plan for spring.pdf</a>' in page


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.docx", _office("word/")),
        ("marks.xlsx", _office("xl/")),
        ("slides.pptx", _office("ppt/")),
        ("pupils.csv", b"name,score\nAda,12\n"),
        ("notes.txt", "Café at 4pm\n".encode()),
        ("photo.png", PNG),
        ("photo.JPG", b"\xff\xd8\xff\xe0rest"),
    ],
)
def test_every_allowed_type_is_accepted(client, trio, staff_at_school_a, name, data):
    client.force_login(staff_at_school_a)

    assert _upload(client, trio, name, data).status_code == 302
    assert TrioFile.objects.get().name == name


@pytest.mark.parametrize("name", ["run.exe", "page.html", "picture.svg", "no-extension"])
def test_other_types_are_refused(client, trio, staff_at_school_a, name):
    client.force_login(staff_at_school_a)

    response = _upload(client, trio, name, b"MZ binary")

    assert response.status_code == 200
    assert TYPE_REFUSED in response.content.decode()
    assert not TrioFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("fake.pdf", b"<html>not a pdf</html>", "pdf"),
        ("fake.png", PDF, "png"),
        ("fake.docx", _office("xl/"), "docx"),
        ("fake.xlsx", b"PK\x03\x04 broken zip", "xlsx"),
        ("fake.csv", _office("xl/"), "csv"),
        ("fake.txt", b"text\x00with a NUL", "txt"),
    ],
)
def test_contents_must_match_the_extension(
    client, trio, staff_at_school_a, tmp_path, name, data, extension
):
    client.force_login(staff_at_school_a)

    response = _upload(client, trio, name, data)

    assert response.status_code == 200
    assert (
        f"The file’s contents are not those of a .{extension} file. Save it again in that "
        "format and upload it."
    ) in response.content.decode()
    assert not TrioFile.objects.exists()
    assert not (tmp_path / "private" / "lab").exists()


def test_file_over_10_mb_is_refused_before_it_is_read(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = _upload(client, trio, "big.pdf", PDF + b"0" * (10 * 1024 * 1024 + 70 * 1024))

    assert response.status_code == 413
    assert "The file must be 10 MB or smaller." in response.content.decode()
    assert not TrioFile.objects.exists()


def test_file_just_over_10_mb_is_refused_by_the_form(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = _upload(client, trio, "big.pdf", PDF + b"0" * (10 * 1024 * 1024))

    assert response.status_code == 200
    assert "The file must be 10 MB or smaller." in response.content.decode()
    assert not TrioFile.objects.exists()


def test_empty_and_missing_files_are_refused(client, trio, staff_at_school_a):
    client.force_login(staff_at_school_a)

    empty = _upload(client, trio, "empty.pdf", b"")
    missing = client.post(_url(trio), {})

    assert "The file is empty." in empty.content.decode()
    assert "Choose a file to upload." in missing.content.decode()
    assert not TrioFile.objects.exists()


def test_upload_is_404_for_another_school(client, trio, head_at_school_b):
    client.force_login(head_at_school_b)

    assert _upload(client, trio, "plan.pdf", PDF).status_code == 404
    assert not TrioFile.objects.exists()


def test_safe_filename_drops_folders_and_quotes():
    assert services.safe_filename('..\\..\\evil"; name=x.pdf') == "evil name=x.pdf"
    assert services.safe_filename("/etc/\x00passwd.txt") == "passwd.txt"
    assert services.safe_filename(".pdf") == "file.pdf"
    assert services.safe_filename("a" * 300 + ".pdf") == "a" * 196 + ".pdf"


def _shared(trio, user, name="Plan for spring.pdf", data=PDF):
    return services.file_upload(trio=trio, user=user, filename=name, data=data)


def test_download_is_an_attachment_with_safe_headers(client, trio, staff_at_school_a):
    shared = _shared(trio, staff_at_school_a, name="Résumé plan.pdf")
    client.force_login(staff_at_school_a)

    response = client.get(_url(trio, f"{shared.pk}/"))

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''R%C3%A9sum%C3%A9%20plan.pdf"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_of_an_ascii_name_quotes_it(client, trio, staff_at_school_a):
    shared = _shared(trio, staff_at_school_a, name="plan.pdf")
    client.force_login(staff_at_school_a)

    response = client.get(_url(trio, f"{shared.pk}/"))

    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'


def test_download_is_404_for_another_school_and_another_trio(
    client, trio, staff_at_school_a, head_at_school_b
):
    shared = _shared(trio, staff_at_school_a)
    other_trio = TrioFactory.create()
    TrioMemberFactory.create(trio=other_trio, school=staff_at_school_a.memberships.get().school)
    client.force_login(head_at_school_b)
    as_other_school = client.get(_url(trio, f"{shared.pk}/"))
    client.force_login(staff_at_school_a)
    through_other_trio = client.get(f"/lab/trios/{other_trio.pk}/files/{shared.pk}/")

    assert (as_other_school.status_code, through_other_trio.status_code) == (404, 404)


def test_uploader_deletes_their_file_and_its_stored_copy(
    client, trio, staff_at_school_a, django_capture_on_commit_callbacks
):
    shared = _shared(trio, staff_at_school_a)
    client.force_login(staff_at_school_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(trio, f"{shared.pk}/delete/"))

    assert response["Location"] == _url(trio)
    assert not TrioFile.objects.exists()
    assert not storage.lab_file_exists(shared.stored_as)
    event = AuditEvent.objects.get(action="lab.trio.file_deleted")
    assert event.detail == {
        "trio": trio.pk,
        "name": "Plan for spring.pdf",
        "uploaded_by": staff_at_school_a.pk,
    }


def test_another_member_may_not_delete_a_file(client, trio, staff_at_school_a, head_at_school_a):
    shared = _shared(trio, head_at_school_a)
    client.force_login(staff_at_school_a)

    response = client.post(_url(trio, f"{shared.pk}/delete/"))

    assert response.status_code == 403
    assert TrioFile.objects.filter(pk=shared.pk).exists()
    assert storage.lab_file_exists(shared.stored_as)


def test_coordinator_deletes_any_file_and_it_is_audited(
    client, trio, staff_at_school_a, coordinator
):
    shared = _shared(trio, staff_at_school_a)
    client.force_login(coordinator)

    assert client.post(_url(trio, f"{shared.pk}/delete/")).status_code == 302
    assert AuditEvent.objects.get(action="lab.trio.file_deleted").actor == coordinator
