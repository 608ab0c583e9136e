"""Uploaded files are served through archive_portal.media: only while their item is public (or to
staff who may view it), with the type their content proves, as downloads unless they are images
shown in pages; in production through the proxy (X-Accel-Redirect)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import NewsItem, Status
from publications.models import Status as PublicationStatus
from tests.news.factories import NewsAttachmentFactory, NewsItemFactory
from tests.publications.factories import PNG_BYTES, PublicationFactory, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ACCEL_REDIRECT = ""


def news_attachment(status=Status.PUBLISHED, title="보도자료: 원문/요약"):
    item = NewsItemFactory(status=status)
    return NewsAttachmentFactory(
        news_item=item, title=title, file=SimpleUploadedFile("원문.pdf", pdf_bytes())
    )


def test_a_published_news_attachment_is_a_download_of_its_content_type(
    client, django_assert_num_queries
):
    attachment = news_attachment()
    url = attachment.file.url
    assert url.startswith("/media/news/attachments/")
    assert "원문" not in url  # the stored name is random
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C%20%EC%9B%90%EB%AC%B8"
        "%20%EC%9A%94%EC%95%BD.pdf"
    )
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_draft_items_files_are_not_reachable(client, staff_user):
    attachment = news_attachment(status=Status.DRAFT)
    url = attachment.file.url
    assert client.get(url).status_code == 404
    # An editor who may view news attachments sees it (the admin links to it), never cached.
    staff_user.user_permissions.add(Permission.objects.get(codename="view_newsattachment"))
    client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    # Staff without that permission do not.
    staff_user.user_permissions.clear()
    client.force_login(type(staff_user).objects.get(pk=staff_user.pk))
    assert client.get(url).status_code == 404


def test_unpublishing_hides_a_file_that_was_public(client):
    attachment = news_attachment()
    url = attachment.file.url
    assert client.get(url).status_code == 200
    NewsItem.objects.update(status=Status.DRAFT)
    assert client.get(url).status_code == 404


def test_covers_are_shown_inline_as_images_only_while_published(client):
    item = NewsItemFactory(cover_image=SimpleUploadedFile("표지.png", PNG_BYTES))
    publication = PublicationFactory(
        status=PublicationStatus.DRAFT, cover_image=SimpleUploadedFile("cover.png", PNG_BYTES)
    )
    response = client.get(item.cover_image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert client.get(publication.cover_image.url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/news/attachments/2025/03/missing.pdf",
        "/media/elsewhere/file.pdf",
        "/media/news/attachments/../../secret_key",
    ],
)
def test_anything_else_under_media_is_404(client, path):
    news_attachment()
    assert client.get(path).status_code == 404


def test_a_nul_in_a_media_path_is_refused_before_the_view(client):
    # archive_portal.middleware.MalformedInput: a control character in any path is a 400.
    news_attachment()
    assert client.get("/media/news/attachments/a%00b.pdf").status_code == 400


def test_in_production_the_proxy_sends_the_file(client, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/_protected_media/"
    attachment = news_attachment(title="report")
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/" + attachment.file.name
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response.content == b""


def test_a_stored_file_is_served_with_the_type_of_its_content_not_its_name(client):
    attachment = news_attachment(title="notes")
    # A file stored before content checks existed: a web page named .pdf.
    attachment.file.storage.delete(attachment.file.name)
    with attachment.file.storage.open(attachment.file.name, "wb") as handle:
        handle.write(b"<html><script>alert(1)</script></html>")
    response = client.get(attachment.file.url)
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
