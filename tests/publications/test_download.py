import pytest
from django.urls import reverse

from publications.models import Attachment, Publication, Status
from tests.publications.factories import AttachmentFactory, PublicationFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_a_real_pdf_downloads_with_its_korean_name_and_is_counted(client):
    content = pdf_bytes()
    attachment = AttachmentFactory(file=upload("2025 달라지는 서울생활.pdf", content))
    url = attachment.get_absolute_url()
    assert url == f"/ko/publications/{attachment.publication.slug}/files/{attachment.pk}/"

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''2025%20%EB%8B%AC%EB%9D%BC%EC%A7%80%EB%8A%94%20"
        "%EC%84%9C%EC%9A%B8%EC%83%9D%ED%99%9C.pdf"
    )
    assert response["Content-Length"] == str(len(content))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == content
    attachment.refresh_from_db()
    assert attachment.download_count == 1
    assert Publication.objects.get().download_count == 1

    client.get(url)
    attachment.refresh_from_db()
    assert attachment.download_count == 2


def test_an_ascii_name_is_sent_as_a_plain_filename(client):
    attachment = AttachmentFactory(file=upload("annual-report.pdf", pdf_bytes()))
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="annual-report.pdf"'


def test_head_requests_are_not_counted(client):
    attachment = AttachmentFactory()
    response = client.head(attachment.get_absolute_url())
    assert response.status_code == 200
    assert Attachment.objects.get().download_count == 0


def test_files_of_unpublished_items_are_not_served(client):
    attachment = AttachmentFactory(publication=PublicationFactory(status=Status.DRAFT))
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert Attachment.objects.get().download_count == 0


def test_the_slug_must_match_the_attachment(client):
    attachment = AttachmentFactory()
    other = PublicationFactory()
    url = reverse("publications:download", kwargs={"slug": other.slug, "pk": attachment.pk})
    assert client.get(url).status_code == 404


def test_a_file_missing_from_storage_is_a_404(client, media_root):
    attachment = AttachmentFactory()
    (media_root / attachment.file.name).unlink()
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_counts_are_added_in_the_database_not_read_and_rewritten(client):
    """A count written meanwhile by another request (or the admin) is kept: F() + 1."""
    attachment = AttachmentFactory()
    Attachment.objects.filter(pk=attachment.pk).update(download_count=41)
    Publication.objects.filter(pk=attachment.publication_id).update(download_count=41)
    client.get(attachment.get_absolute_url())
    assert Attachment.objects.get().download_count == 42
    assert Publication.objects.get().download_count == 42


@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_are_all_counted():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection
    from django.test import Client

    attachment = AttachmentFactory()
    url = attachment.get_absolute_url()

    def download(_):
        try:
            response = Client().get(url)
            response.close()  # the streamed file
            return response.status_code
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(download, range(16))) == [200] * 16
    assert Attachment.objects.get().download_count == 16
    assert Publication.objects.get().download_count == 16
