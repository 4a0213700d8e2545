"""Documents: only real PDFs, Office files and images, served as attachments with safe
headers, and members-only when filed in the "Members only" collection."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import BaseViewRestriction, Collection

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.services.collections import (
    MEMBERS_ONLY_COLLECTION,
    members_only_collection_ensure,
)
from reconnect.hub.services.documents import document_upload_check
from reconnect.schools.tests.html import soup, text

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 59 + b"This program cannot be run in DOS mode.\r\n"
OOXML = "application/vnd.openxmlformats-officedocument"
DOCX_MAIN = f"{OOXML}.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def ooxml(main_part: str, content_type: str, *extra: str) -> bytes:
    declared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", declared)
        archive.writestr(main_part, "<document/>")
        for name in extra:
            archive.writestr(name, "x")
    return buffer.getvalue()


def image(format_: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format_)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def rejection(name: str, content: bytes) -> str:
    with pytest.raises(ApplicationError) as caught:
        document_upload_check(upload=upload(name, content))
    return caught.value.message


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- What an upload may be -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("Report.PDF", PDF),
        ("plan.docx", ooxml("word/document.xml", DOCX_MAIN)),
        ("figures.xlsx", ooxml("xl/workbook.xml", f"{OOXML}.spreadsheetml.sheet.main+xml")),
        (
            "slides.pptx",
            ooxml("ppt/presentation.xml", f"{OOXML}.presentationml.presentation.main+xml"),
        ),
        ("chart.png", image("PNG")),
        ("photo.jpg", image("JPEG")),
        ("photo.jpeg", image("JPEG")),
        ("icon.gif", image("GIF")),
        ("photo.webp", image("WEBP")),
    ],
)
def test_upload_check_accepts_real_documents(name, content):
    file = upload(name, content)

    document_upload_check(upload=file)

    assert file.tell() == 0


def test_upload_check_refuses_types_we_do_not_take():
    assert rejection("install.exe", EXE) == (
        "“install.exe” is not a type of file we accept. Upload a PDF, Word (.docx), Excel "
        "(.xlsx) or PowerPoint (.pptx), or a PNG, JPEG, GIF or WebP image."
    )
    assert rejection("notes.txt", b"hello").startswith("“notes.txt” is not a type of file")
    assert rejection("data.csv", b"=cmd|' /C calc'!A0").startswith("“data.csv” is not a type")
    assert rejection("noextension", PDF).startswith("“noextension” is not a type")
    assert rejection(".pdf", PDF).startswith("“.pdf” is not a type")


def test_upload_check_refuses_a_renamed_executable():
    assert rejection("report.pdf", EXE) == (
        "“report.pdf” is not a real PDF: it does not start with a PDF header. Save or export "
        "it again as a PDF and upload that file."
    )


def test_upload_check_refuses_office_files_that_are_not_what_they_claim():
    assert rejection("plan.docx", PDF) == (
        "“plan.docx” is not a real Word document: it is not an Office Open XML file. Save or "
        "export it again as a Word document and upload that file."
    )
    workbook = ooxml("xl/workbook.xml", f"{OOXML}.spreadsheetml.sheet.main+xml")
    assert "it is not an Office Open XML file of this type" in rejection("plan.docx", workbook)
    assert "its main part is not of this type (it may contain macros)" in rejection(
        "plan.docx", ooxml("word/document.xml", DOCM_MAIN)
    )
    assert "it contains macros, which we do not accept" in rejection(
        "plan.docx", ooxml("word/document.xml", DOCX_MAIN, "word/vbaProject.bin")
    )


def test_upload_check_refuses_an_image_of_another_format():
    assert rejection("photo.jpg", image("PNG")) == (
        "“photo.jpg” is not a real JPEG image: it is a PNG image. Save or export it again as "
        "a JPEG image and upload that file."
    )
    assert "it is not an image Pillow can read" in rejection("chart.png", PDF)


def test_upload_check_refuses_oversize_files(settings):
    settings.RECONNECT_MAX_UPLOAD_BYTES = 1024

    assert rejection("report.pdf", PDF + b"0" * 2048) == (
        "“report.pdf” is 2.1\xa0KB; the most we accept is 1.0\xa0KB. Compress it, or split it "
        "into smaller files."
    )


# --- Through Wagtail's admin -------------------------------------------------------------------


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def add_document(client, name: str, content: bytes):
    root = Collection.get_first_root_node()
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Annual report", "file": upload(name, content), "collection": root.pk},
    )


def test_admin_upload_refuses_a_renamed_executable(as_coordinator):
    response = add_document(as_coordinator, "report.pdf", EXE)

    assert response.status_code == 200
    assert Document.objects.count() == 0
    page = soup(response)
    assert "“report.pdf” is not a real PDF: it does not start with a PDF header." in text(page)


def test_admin_upload_refuses_a_type_we_do_not_take(as_coordinator):
    response = add_document(as_coordinator, "install.exe", EXE)

    assert response.status_code == 200
    assert Document.objects.count() == 0


def test_admin_upload_refuses_oversize_files(as_coordinator, settings):
    settings.RECONNECT_MAX_UPLOAD_BYTES = 1024

    response = add_document(as_coordinator, "report.pdf", PDF + b"0" * 2048)

    assert response.status_code == 200
    assert Document.objects.count() == 0
    # text() folds the no-break space filesizeformat puts in "1.0 KB".
    assert "“report.pdf” is 2.1 KB; the most we accept is 1.0 KB." in text(soup(response))


def test_admin_upload_accepts_a_real_pdf(as_coordinator):
    response = add_document(as_coordinator, "report.pdf", PDF)

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.file_size) == ("Annual report", len(PDF))


def test_admin_multiple_upload_refuses_a_renamed_executable(as_coordinator):
    response = as_coordinator.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("report.pdf", EXE)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.json()["success"] is False
    assert Document.objects.count() == 0


# --- Serving -------------------------------------------------------------------------------


def make_document(name: str, content: bytes, collection: Collection | None = None) -> Document:
    return Document.objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def download(client, document: Document):
    return client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))


def test_documents_download_as_attachments_with_safe_headers(client, db):
    document = make_document("report.pdf", PDF)

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_images_download_as_attachments_too(client, db):
    png = image("PNG")
    document = make_document("chart.png", png)

    response = download(client, document)

    assert b"".join(response.streaming_content) == png
    assert response["Content-Disposition"] == 'attachment; filename="chart.png"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_members_only_collection_exists_with_a_sign_in_restriction(db):
    collection = Collection.objects.get(name=MEMBERS_ONLY_COLLECTION)

    restrictions = list(collection.view_restrictions.all())

    assert [r.restriction_type for r in restrictions] == [BaseViewRestriction.LOGIN]
    assert collection.get_parent() == Collection.get_first_root_node()
    assert members_only_collection_ensure() == collection
    assert collection.view_restrictions.count() == 1


def test_members_only_documents_send_visitors_to_sign_in(client, db):
    document = make_document("minutes.pdf", PDF, Collection.objects.get(name="Members only"))
    url = reverse("wagtaildocs_serve", args=[document.pk, document.filename])

    response = download(client, document)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_members_only_documents_serve_members(client, staff_at_school_a):
    document = make_document("minutes.pdf", PDF, Collection.objects.get(name="Members only"))
    client.force_login(staff_at_school_a)

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_wrong_filename_is_404(client, db):
    document = make_document("report.pdf", PDF)

    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, "other.pdf"]))

    assert response.status_code == 404
