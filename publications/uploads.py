"""Uploaded files are judged by their content, not by their names.

A file is accepted when (1) it is no larger than settings.UPLOAD_MAX_SIZE_MB, (2) its first bytes
(and, for ZIP-based formats, its table of contents) identify one of the allowed types, and (3) its
name ends in an extension of that same type. It is then stored under a random name (uuid4), so a
stored file's URL cannot be guessed from the publication or the original file name.

The signatures are checked here rather than with libmagic/`filetype`: neither is installed on the
target machines, neither tells HWP from other OLE2 files or HWPX from other ZIPs, and the whole
check is a few lines of standard-library code.
"""

import os
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary (HWP 5, old Office)
HWP_SIGNATURE = b"HWP Document File"  # start of an HWP's FileHeader stream (and of HWP 3 files)
HEAD_BYTES = 64 * 1024  # how much of a file is read to find the HWP FileHeader inside an OLE2 file


class FileType(models.TextChoices):
    PDF = "pdf", _("PDF document")
    HWP = "hwp", _("HWP (Hangul)")
    HWPX = "hwpx", _("HWPX (Hangul)")
    DOCX = "docx", _("Word (DOCX)")
    XLSX = "xlsx", _("Excel (XLSX)")
    PPTX = "pptx", _("PowerPoint (PPTX)")
    ZIP = "zip", _("ZIP archive")
    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")


@dataclass(frozen=True)
class TypeInfo:
    content_type: str
    extensions: tuple  # the first one is used for the stored name


TYPE_INFO = {
    FileType.PDF: TypeInfo("application/pdf", (".pdf",)),
    FileType.HWP: TypeInfo("application/x-hwp", (".hwp",)),
    FileType.HWPX: TypeInfo("application/hwp+zip", (".hwpx",)),
    FileType.DOCX: TypeInfo(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    FileType.XLSX: TypeInfo(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
    ),
    FileType.PPTX: TypeInfo(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
    ),
    FileType.ZIP: TypeInfo("application/zip", (".zip",)),
    FileType.JPEG: TypeInfo("image/jpeg", (".jpg", ".jpeg")),
    FileType.PNG: TypeInfo("image/png", (".png",)),
}
ATTACHMENT_TYPES = tuple(FileType)
IMAGE_TYPES = (FileType.JPEG, FileType.PNG)


def _read_head(file, size=HEAD_BYTES):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_type(file):
    """HWPX, DOCX, XLSX, PPTX or plain ZIP, from the archive's table of contents."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:64].strip()
                if mimetype == b"application/hwp+zip":
                    return FileType.HWPX
            if "[Content_Types].xml" in names:
                for prefix, kind in (
                    ("word/", FileType.DOCX),
                    ("xl/", FileType.XLSX),
                    ("ppt/", FileType.PPTX),
                ):
                    if any(name.startswith(prefix) for name in names):
                        return kind
            return FileType.ZIP
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return None
    finally:
        file.seek(0)


def detect_file_type(file):
    """The FileType that the file's content proves, or None."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith(HWP_SIGNATURE):
        return FileType.HWP
    if head.startswith(OLE2_SIGNATURE):
        # An OLE2 container is an HWP 5 file only when it holds HWP's FileHeader stream; .doc,
        # .xls and .msi files share the container and are not accepted.
        return FileType.HWP if HWP_SIGNATURE in head else None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_type(file)
    return None


def extension_of(name):
    return os.path.splitext(name or "")[1].lower()


def type_for_extension(extension):
    for kind, info in TYPE_INFO.items():
        if extension in info.extensions:
            return kind
    return None


def _names(types):
    return ", ".join(str(kind.label) for kind in types)


def check_upload(file, allowed=ATTACHMENT_TYPES):
    """Validate an uploaded file; return its FileType or raise ValidationError with a message an
    editor can act on."""
    name = os.path.basename(getattr(file, "name", "") or "")
    limit_mb = settings.UPLOAD_MAX_SIZE_MB
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            gettext("“%(name)s” is %(size)s; files may be at most %(limit)s MB.")
            % {"name": name, "size": filesizeformat(file.size), "limit": limit_mb},
            code="too_large",
        )
    if file.size == 0:
        raise ValidationError(gettext("“%(name)s” is empty.") % {"name": name}, code="empty")
    claimed = type_for_extension(extension_of(name))
    if claimed is None or claimed not in allowed:
        raise ValidationError(
            gettext("“%(name)s” is not an accepted kind of file. Accepted: %(types)s.")
            % {"name": name, "types": _names(allowed)},
            code="extension",
        )
    actual = detect_file_type(file)
    if actual != claimed:
        raise ValidationError(
            gettext(
                "“%(name)s” is named as a file of type “%(claimed)s”, but its content is not "
                "of that type. Save it again in that format, or give it its true extension."
            )
            % {"name": name, "claimed": claimed.label},
            code="content_mismatch",
        )
    return actual


def validate_attachment_file(value):
    """Model field validator: only newly uploaded files are checked (stored ones were already)."""
    if getattr(value, "_committed", True):
        return
    check_upload(value.file, ATTACHMENT_TYPES)


def validate_image_file(value):
    if getattr(value, "_committed", True):
        return
    check_upload(value.file, IMAGE_TYPES)


def random_name(directory, filename):
    """An unguessable storage name that keeps only the (already validated) extension."""
    extension = extension_of(filename)
    kind = type_for_extension(extension)
    if kind is not None:
        extension = TYPE_INFO[kind].extensions[0]
    return f"{directory}/{uuid.uuid4().hex}{extension}"


def attachment_upload_to(instance, filename):
    return random_name("publications/files", filename)


def cover_upload_to(instance, filename):
    return random_name("publications/covers", filename)
