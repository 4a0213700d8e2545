"""Files attached to posts: which are accepted, how they are stored and who downloads them."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.models import Attachment, PostStatus
from reconnect.network.services.attachments import attachments_check, attachments_save
from reconnect.network.storage import ATTACHMENTS
from reconnect.network.tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    PostFactory,
    ThreadFactory,
)

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- attachments_check ------------------------------------------------------------------------


def test_check_accepts_each_safe_type_whose_contents_match():
    files = [
        upload("plan.pdf", PDF),
        upload("chart.png", PNG),
        upload("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
        upload("notes.txt", b"Attendance rose by 3%."),
        upload("figures.csv", b"year,attendance\n2024,93.1\n"),
    ]
    assert attachments_check(files) == []
    assert attachments_check([upload("letter.docx", docx())]) == []


def test_check_refuses_svg_html_and_programs_by_extension():
    files = [
        upload("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        upload("page.html", b"<script>alert(1)</script>"),
        upload("setup.exe", b"MZ\x90\x00"),
    ]
    assert attachments_check(files) == [
        f"{name} cannot be attached: attach a PDF, Word (DOCX), Excel (XLSX), PowerPoint "
        "(PPTX), CSV, text (TXT), PNG or JPG file."
        for name in ("logo.svg", "page.html", "setup.exe")
    ]


def test_check_refuses_a_file_whose_contents_are_not_its_extension():
    files = [
        upload("report.pdf", b"<html><script>alert(1)</script></html>"),
        upload("photo.png", b"MZ\x90\x00 a program"),
        upload("notes.txt", b"%PDF-1.7 pretending to be text"),
        upload("letter.docx", b"PK\x03\x04 not a real package"),
    ]
    assert attachments_check(files) == [
        "report.pdf is not really a .pdf file: save it again in that format and attach it.",
        "photo.png is not really a .png file: save it again in that format and attach it.",
        "notes.txt is not really a .txt file: save it again in that format and attach it.",
        "letter.docx is not really a .docx file: save it again in that format and attach it.",
    ]


def test_check_refuses_a_file_over_10_mb_and_an_empty_one():
    big = upload("scan.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert attachments_check([big, upload("blank.txt", b"")]) == [
        "scan.pdf is larger than 10 MB: make it smaller or share a link to it.",
        "blank.txt is empty: choose the file again.",
    ]


def test_check_accepts_exactly_10_mb():
    exact = upload("scan.pdf", PDF + b"0" * (10 * 1024 * 1024 - len(PDF)))
    assert attachments_check([exact]) == []


def test_check_refuses_more_than_five_files():
    files = [upload(f"plan-{n}.pdf", PDF) for n in range(6)]
    assert attachments_check(files) == ["You chose 6 files: attach at most 5 files to a post."]
    assert attachments_check(files[:5]) == []


def test_check_names_the_file_without_its_folder_or_control_characters():
    assert attachments_check([upload("../../etc/pass\x00wd.sh", b"#!/bin/sh")]) == [
        (
            "pass wd.sh cannot be attached: attach a PDF, Word (DOCX), Excel (XLSX), "
            "PowerPoint (PPTX), CSV, text (TXT), PNG or JPG file."
        )
    ]


# --- attachments_save ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_save_stores_each_file_privately_under_a_random_name():
    post = PostFactory.create()
    author = post.author
    saved = attachments_save(
        post=post, files=[upload("Plan: spring/term.pdf", PDF), upload("chart.png", PNG)], by=author
    )
    rows = list(Attachment.objects.filter(post=post).order_by("pk"))
    assert [row.pk for row in rows] == [row.pk for row in saved]
    assert [(r.filename, r.content_type, r.size_bytes, r.uploaded_by) for r in rows] == [
        ("term.pdf", "application/pdf", len(PDF), author),
        ("chart.png", "image/png", len(PNG), author),
    ]
    assert ATTACHMENTS.path(rows[0].stored_as).read_bytes() == PDF
    assert ATTACHMENTS.path(rows[1].stored_as).read_bytes() == PNG
    assert rows[0].stored_as.endswith(".attachment")
    assert "term" not in rows[0].stored_as
    assert ATTACHMENTS.path(rows[0].stored_as).stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db
def test_save_refuses_files_the_check_refuses_and_stores_nothing():
    post = PostFactory.create()
    before = set(ATTACHMENTS.older_than(timezone.now()))
    with pytest.raises(ValueError, match="attachments_check refuses"):
        attachments_save(post=post, files=[upload("logo.svg", b"<svg/>")], by=post.author)
    assert Attachment.objects.count() == 0
    assert set(ATTACHMENTS.older_than(timezone.now())) == before


# --- network:attachment ---------------------------------------------------------------------


def _attached(post, name="plan.pdf", data=PDF):
    [attachment] = attachments_save(post=post, files=[upload(name, data)], by=post.author)
    return attachment


@pytest.mark.django_db
def test_download_is_a_sandboxed_attachment_for_a_member(client, head_at_school_b):
    attachment = _attached(PostFactory.create())
    client.force_login(head_at_school_b)
    response = client.get(reverse("network:attachment", kwargs={"attachment_id": attachment.pk}))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_download_sends_anonymous_visitors_to_sign_in(client):
    attachment = _attached(PostFactory.create())
    response = client.get(reverse("network:attachment", kwargs={"attachment_id": attachment.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_download_of_a_group_file_is_404_for_non_members(
    client, head_at_school_a, head_at_school_b
):
    group = GroupFactory.create()
    GroupMembershipFactory.create(group=group, user=head_at_school_a)
    thread = ThreadFactory.create(category=None, group=group, author=head_at_school_a)
    attachment = _attached(PostFactory.create(thread=thread, number=1, author=head_at_school_a))
    url = reverse("network:attachment", kwargs={"attachment_id": attachment.pk})
    client.force_login(head_at_school_b)
    assert client.get(url).status_code == 404
    client.force_login(head_at_school_a)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_download_of_a_held_post_file_is_its_authors_and_moderators_only(
    client, head_at_school_a, head_at_school_b, coordinator
):
    post = PostFactory.create(author=head_at_school_a, status=PostStatus.PENDING)
    url = reverse("network:attachment", kwargs={"attachment_id": _attached(post).pk})
    client.force_login(head_at_school_b)
    assert client.get(url).status_code == 404
    client.force_login(head_at_school_a)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_download_of_a_hidden_thread_file_is_404_for_members(client, head_at_school_b):
    post = PostFactory.create(thread=ThreadFactory.create(is_hidden=True))
    url = reverse("network:attachment", kwargs={"attachment_id": _attached(post).pk})
    client.force_login(head_at_school_b)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_download_of_a_missing_or_unattached_file_is_404(client, head_at_school_b):
    attachment = _attached(PostFactory.create())
    ATTACHMENTS.delete(attachment.stored_as)
    orphan = Attachment.objects.create(
        post=None,
        stored_as=ATTACHMENTS.save(PDF),
        filename="x.pdf",
        content_type="application/pdf",
        size_bytes=len(PDF),
        uploaded_by=UserFactory.create(),
    )
    client.force_login(head_at_school_b)
    for found in (attachment, orphan):
        url = reverse("network:attachment", kwargs={"attachment_id": found.pk})
        assert client.get(url).status_code == 404
    assert (
        client.get(reverse("network:attachment", kwargs={"attachment_id": 999999})).status_code
        == 404
    )


@pytest.mark.django_db
def test_list_template_shows_name_type_and_size(head_at_school_b):
    from django.db.models import Prefetch
    from django.template.loader import render_to_string

    post = PostFactory.create()
    _attached(post, "Spring plan.pdf")
    _attached(post, "letter.docx", docx())
    post = (
        type(post)
        .objects.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
        )
        .get(pk=post.pk)
    )
    html = render_to_string("network/attachments/list.html", {"post": post})
    assert "Spring plan.pdf</a>" in html
    assert f"(PDF, {len(PDF)}\xa0bytes)" in html
    assert "(Word document, " in html
    assert html.count('href="/network/attachments/') == 2
