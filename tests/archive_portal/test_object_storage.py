"""Uploaded files on S3-compatible object storage (archive_portal.storage.ObjectStorage): pages
link the app's /media/ address; /media/ checks the file's item exactly as on the file system,
then redirects to a signed address of the object that lives MEDIA_SIGNED_URL_SECONDS and makes
the bucket answer with the type, name and cache lifetime the app chose. Signing is local: no
request reaches a bucket in these tests."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from archive_portal.storage import ObjectStorage
from news.models import NewsAttachment, Status
from publications.models import Attachment
from tests.news.factories import NewsAttachmentFactory, NewsItemFactory
from tests.publications.factories import PNG_BYTES, AttachmentFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db

ENDPOINT = "https://objects.example.test"


@pytest.fixture
def rows(settings, tmp_path):
    """Stored while the media are on the file system; then the storage becomes the bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    published, draft = NewsItemFactory(), NewsItemFactory(status=Status.DRAFT)
    attachments = [
        NewsAttachmentFactory(
            news_item=item, title="보도자료 원문", file=SimpleUploadedFile("a.pdf", pdf_bytes())
        )
        for item in (published, draft)
    ]
    cover = NewsItemFactory(cover_image=SimpleUploadedFile("표지.png", PNG_BYTES))
    AttachmentFactory(file=upload("2025 달라지는 서울생활.pdf", pdf_bytes()))
    settings.MEDIA_SIGNED_URL_SECONDS = 60
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "archive_portal.storage.ObjectStorage",
            "OPTIONS": {
                "bucket_name": "portal-media",
                "endpoint_url": ENDPOINT,
                "region_name": "ap-northeast-2",
                "access_key": "test-access-key",
                "secret_key": "test-secret-key",
                "default_acl": None,
                "querystring_auth": True,
            },
        },
    }
    return attachments, cover


def signed(response):
    """The redirect's target: its address and its query parameters."""
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    return target, {key: value for key, [value] in parse_qs(target.query).items()}


def test_pages_link_the_apps_address_never_the_bucket(rows):
    (attachment, _draft), cover = rows
    stored = NewsAttachment.objects.get(pk=attachment.pk)
    assert stored.file.url == f"/media/{stored.file.name}"
    assert isinstance(stored.file.storage, ObjectStorage)


def test_a_public_file_redirects_to_a_short_lived_signed_address(client, rows):
    (attachment, _draft), _cover = rows
    name = attachment.file.name
    response = client.get(f"/media/{name}")
    target, query = signed(response)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{ENDPOINT}/portal-media/{name}"
    assert query["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    assert query["X-Amz-Expires"] == "60"
    assert query["X-Amz-Signature"]
    assert query["response-content-type"] == "application/pdf"
    assert query["response-content-disposition"] == (
        "attachment; filename*=utf-8''%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C%20%EC%9B%90%EB%AC%B8.pdf"
    )
    assert query["response-cache-control"] == "public, max-age=300"
    assert response["Cache-Control"] == "private, no-store"  # the address expires: never kept


def test_an_image_is_shown_inline(client, rows):
    _attachments, cover = rows
    _target, query = signed(client.get(f"/media/{cover.cover_image.name}"))
    assert query["response-content-type"] == "image/png"
    assert query["response-content-disposition"].startswith("inline; filename=")


def test_a_draft_items_file_is_never_signed(client, rows, staff_user):
    (_attachment, draft), _cover = rows
    url = f"/media/{draft.file.name}"
    response = client.get(url)
    assert response.status_code == 404
    assert "Location" not in response
    # Staff who may view news attachments (the admin links to it) get a private address.
    staff_user.user_permissions.add(Permission.objects.get(codename="view_newsattachment"))
    client.force_login(staff_user)
    _target, query = signed(client.get(url))
    assert query["response-cache-control"] == "private, no-store"


def test_a_publication_download_is_counted_and_signed_under_its_korean_name(client, rows):
    attachment = Attachment.objects.get()
    response = client.get(attachment.get_absolute_url())
    _target, query = signed(response)
    assert query["response-content-disposition"] == (
        "attachment; filename*=utf-8''2025%20%EB%8B%AC%EB%9D%BC%EC%A7%80%EB%8A%94%20"
        "%EC%84%9C%EC%9A%B8%EC%83%9D%ED%99%9C.pdf"
    )
    assert "no-store" in response["Cache-Control"]
    attachment.refresh_from_db()
    assert attachment.download_count == 1
