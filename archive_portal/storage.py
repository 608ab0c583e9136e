"""Uploaded files on S3-compatible object storage (django-storages), used when
AWS_STORAGE_BUCKET_NAME is set (config/settings.py); the local file system otherwise.

Two differences from django-storages' S3Storage keep object storage under the rules of
archive_portal.media:

- `url(name)` is the app's own address, /media/<name>, as with the file system: pages, feeds
  and link previews link the checked address (a file is served only while its item may be
  seen), and cached pages keep a link that never expires. S3Storage would give a signed bucket
  address, which skips the check and dies inside a cached page an hour later.
- `signed_url(name, ...)` is what /media/ answers with once the check passed: a redirect to a
  presigned GET that lives settings.MEDIA_SIGNED_URL_SECONDS, carrying the type, download name
  and cache lifetime the app chose. The bucket stays private, and the bytes go from the bucket
  to the browser: streaming them through the app would hold a worker for the whole download,
  and S3Storage.open() first copies the whole object into the worker's memory.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class ObjectStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name).lstrip("/"))

    def signed_url(self, name, *, content_type, content_disposition, cache_control):
        """A presigned GET of the object, valid MEDIA_SIGNED_URL_SECONDS, whose answer carries
        these headers (S3's response-* parameters: the app's choice, not the stored metadata)."""
        return super().url(
            name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": content_disposition,
                "ResponseCacheControl": cache_control,
            },
            expire=settings.MEDIA_SIGNED_URL_SECONDS,
        )
