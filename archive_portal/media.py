"""Uploaded files, served only while the item they belong to may be seen.

No file is served straight from /media/: `media` (at /media/<path>) finds the row that owns the
path, among the files each section declares (`Section.files`, one `Files` per file field), and
answers only when that row is public — or when the visitor is staff who may view the model (the
admin links to drafts' files). Every file goes out with the type its content proves (never the
name's), as a download unless it is an image shown in pages.

In production the app still decides but does not send the bytes: with
settings.MEDIA_ACCEL_REDIRECT set (e.g. `/_protected_media/`), the answer is an empty response
with `X-Accel-Redirect`, and the reverse proxy sends the file from an `internal` location that
the public cannot request (README, "Production deployment"). With object storage
(archive_portal.storage.ObjectStorage) the answer is a redirect to a signed address of the
object that lives settings.MEDIA_SIGNED_URL_SECONDS; the bucket stays private.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from archive_portal.lib.uploads import (
    TYPE_INFO,
    detect_file_type,
    extension_of,
    type_for_extension,
)
from archive_portal.sections import sections

PUBLIC_CACHE = "public, max-age=300"  # unpublishing takes effect within five minutes
STAFF_CACHE = "private, no-store"


@dataclass(frozen=True)
class Files:
    """The files of one model's file field (listed in its app's Section as `files`)."""

    prefix: str  # the storage directory its upload_to writes to, e.g. "news/attachments/"
    model: str  # "app_label.ModelName"
    field: str  # the FileField's name
    public: Callable  # rows -> the rows the public may see (the app's published() rule)
    download_name: Callable | None = None  # row -> the name offered to "save as" (else stored)
    inline: tuple = ()  # FileTypes shown in pages (images); every other file is a download


def _files_for(path):
    for section in sections():
        for files in section.files:
            if path.startswith(files.prefix):
                return files
    return None


def _staff_may_view(request, model):
    user = request.user
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    )


@require_safe
def media(request, path):
    files = _files_for(path)
    if files is None or "\x00" in path or ".." in path.split("/"):
        raise Http404("No such file")
    model = apps.get_model(files.model)
    rows = model._default_manager.filter(**{files.field: path})
    row, cache_control = files.public(rows).first(), PUBLIC_CACHE
    if row is None and _staff_may_view(request, model):
        row, cache_control = rows.first(), STAFF_CACHE
    if row is None:
        raise Http404("No such file")
    filename = files.download_name(row) if files.download_name else None
    return serve_file(
        getattr(row, files.field),
        filename=filename,
        inline_types=files.inline,
        cache_control=cache_control,
    )


def serve_file(field_file, *, filename=None, inline_types=(), cache_control=STAFF_CACHE):
    """The stored file as a response: its content's type, a download unless its type is one of
    `inline_types`, `cache_control` for how long it may be kept; through the proxy's
    X-Accel-Redirect when settings.MEDIA_ACCEL_REDIRECT; from object storage, a redirect to
    the object's signed address."""
    if hasattr(field_file.storage, "signed_url"):
        return _signed_redirect(field_file, filename, inline_types, cache_control)
    response = _file_response(field_file, filename, inline_types)
    response["Cache-Control"] = cache_control
    return response


def _signed_redirect(field_file, filename, inline_types, cache_control):
    """To the object's short-lived signed address, whose answer carries the headers chosen here.
    The type is the stored name's: the upload checked the content against that extension
    (archive_portal.lib.uploads) and random_name() kept only it; reading the content back here
    would mean fetching the object. The redirect itself is never cached (its target expires)."""
    kind = type_for_extension(extension_of(field_file.name))
    content_type = TYPE_INFO[kind].content_type if kind else "application/octet-stream"
    filename = filename or field_file.name.rsplit("/", 1)[-1]
    response = HttpResponseRedirect(
        field_file.storage.signed_url(
            field_file.name,
            content_type=content_type,
            content_disposition=content_disposition_header(kind not in inline_types, filename),
            cache_control=cache_control,
        )
    )
    response["Cache-Control"] = STAFF_CACHE
    return response


def _file_response(field_file, filename, inline_types):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing from storage.") from None
    kind = detect_file_type(handle)
    content_type = TYPE_INFO[kind].content_type if kind else "application/octet-stream"
    as_attachment = kind not in inline_types
    filename = filename or field_file.name.rsplit("/", 1)[-1]
    if settings.MEDIA_ACCEL_REDIRECT:
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(field_file.name)
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        return response
    # FileResponse writes Content-Disposition with RFC 5987 `filename*=utf-8''…` for non-ASCII
    # names, so Korean file names survive in every current browser.
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
