"""Uploaded files are judged by their content, not by their names: the one check behind every
model field that accepts a file (news attachments and images, publication attachments and covers).

A file is accepted when (1) it is no larger than settings.UPLOAD_MAX_SIZE_MB and not empty, (2) its
name ends in an extension of one of the types the field allows, (3) its first bytes (and, for
ZIP- and OLE2-based formats, its table of contents) prove it is of that same type, (4) libmagic
(the library behind `file(1)`, through python-magic) sniffs the same family of content — so a web
page or an SVG is refused whatever it is named — and (5) nothing rides along: a PDF ends at its
last `%%EOF` and holds no HTML, and an archive (ZIP, and the ZIP-based HWPX and Office files)
inflates to no more than settings.UPLOAD_MAX_INFLATED_SIZE_MB. Each field states its types with
`UploadValidator(types)`; `check_upload` is the check itself.

The signatures of (3) are read here as well as by libmagic because libmagic does not tell HWP from
other OLE2 files, nor HWPX from other ZIPs; the old Office formats (.doc, .xls, .ppt: OLE2
containers, told apart by the names of their streams) are read with `olefile`.

The size is also checked while the file arrives: `SizeLimitUploadHandler` (first in
settings.FILE_UPLOAD_HANDLERS) stops keeping a file's bytes once it is over the limit, so an
oversized upload never fills the disk; the check above then refuses it. Stored names are random
(`random_name`), and files are served by `archive_portal.media`, never straight from /media/.
"""

import codecs
import os
import uuid
import zipfile
from dataclasses import dataclass

import magic
import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler
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
    DOC = "doc", _("Word 97–2003 (DOC)")
    XLS = "xls", _("Excel 97–2003 (XLS)")
    PPT = "ppt", _("PowerPoint 97–2003 (PPT)")
    TXT = "txt", _("Plain text (TXT)")
    CSV = "csv", _("CSV table")
    ZIP = "zip", _("ZIP archive")
    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")
    GIF = "gif", _("GIF image")
    WEBP = "webp", _("WebP image")


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
    FileType.DOC: TypeInfo("application/msword", (".doc",)),
    FileType.XLS: TypeInfo("application/vnd.ms-excel", (".xls",)),
    FileType.PPT: TypeInfo("application/vnd.ms-powerpoint", (".ppt",)),
    FileType.TXT: TypeInfo("text/plain", (".txt",)),
    FileType.CSV: TypeInfo("text/csv", (".csv",)),
    FileType.ZIP: TypeInfo("application/zip", (".zip",)),
    FileType.JPEG: TypeInfo("image/jpeg", (".jpg", ".jpeg")),
    FileType.PNG: TypeInfo("image/png", (".png",)),
    FileType.GIF: TypeInfo("image/gif", (".gif",)),
    FileType.WEBP: TypeInfo("image/webp", (".webp",)),
}
# Text proves no more than being text: a .txt or a .csv is accepted as what its name says.
TEXT_TYPES = (FileType.TXT, FileType.CSV)
# The encodings a Korean text or CSV file comes in (Excel saves CSV as CP949).
TEXT_ENCODINGS = ("utf-8-sig", "cp949")
# What libmagic may call each family of content (MIME types, or their beginnings).
ZIP_TYPES = (FileType.HWPX, FileType.DOCX, FileType.XLSX, FileType.PPTX, FileType.ZIP)
OLE2_TYPES = (FileType.HWP, FileType.DOC, FileType.XLS, FileType.PPT)
SNIFFED = {
    FileType.PDF: ("application/pdf",),
    FileType.JPEG: ("image/jpeg",),
    FileType.PNG: ("image/png",),
    FileType.GIF: ("image/gif",),
    FileType.WEBP: ("image/webp",),
    # Containers whose structure the check above has read: libmagic may also find them just
    # "binary" (HWP 3 files, some ZIPs); what it must never find is a page or a script.
    **dict.fromkeys(
        ZIP_TYPES,
        (
            "application/zip",
            "application/vnd.openxmlformats-officedocument.",
            "application/hwp",
            "application/octet-stream",
        ),
    ),
    **dict.fromkeys(
        OLE2_TYPES,
        (
            "application/octet-stream",
            "application/x-ole-storage",
            "application/cdfv2",
            "application/msword",
            "application/vnd.ms-",
            "application/x-hwp",
        ),
    ),
    **dict.fromkeys(TEXT_TYPES, ("text/plain", "text/csv", "application/csv")),
}
# Content a browser would run or render as a page, wherever it hides (a PDF's tail, a text file).
ACTIVE_MARKERS = (b"<html", b"<!doctype html", b"<script", b"<svg", b"<iframe", b"<body")
TAIL_BYTES = 64 * 1024  # how much of a PDF's end is read for what follows its last %%EOF
ARCHIVE_MAX_ENTRIES = 10_000
INFLATE_CHUNK = 1024 * 1024
# The streams that make an OLE2 container an old Office document.
OLE2_OFFICE_STREAMS = (
    ("WordDocument", FileType.DOC),
    ("Workbook", FileType.XLS),
    ("Book", FileType.XLS),  # Excel 5/95 workbooks
    ("PowerPoint Document", FileType.PPT),
)


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


def _ole2_type(file, head):
    """HWP 5, DOC, XLS or PPT, or None for any other OLE2 container (.msi, …)."""
    # An OLE2 container is an HWP 5 file when it holds HWP's FileHeader stream.
    if HWP_SIGNATURE in head:
        return FileType.HWP
    try:
        with olefile.OleFileIO(file) as container:
            for stream, kind in OLE2_OFFICE_STREAMS:
                if container.exists(stream):
                    return kind
    except Exception:  # a damaged container, whatever olefile trips on: not a proven type
        return None
    finally:
        file.seek(0)
    return None


def _is_text(head):
    """Text in one of TEXT_ENCODINGS, without the NUL bytes of binary files."""
    if b"\x00" in head:
        return False
    for encoding in TEXT_ENCODINGS:
        # Incremental: the head may end inside a multi-byte character.
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def detect_file_type(file):
    """The FileType that the file's content proves, or None (text is reported as TXT)."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return FileType.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileType.WEBP
    if head.startswith(HWP_SIGNATURE):
        return FileType.HWP
    if head.startswith(OLE2_SIGNATURE):
        return _ole2_type(file, head)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_type(file)
    if _is_text(head):
        return FileType.TXT
    return None


def sniffed_type(file):
    """The MIME type libmagic reads from the file's first bytes, lower case."""
    return magic.from_buffer(_read_head(file), mime=True).lower()


def _read_tail(file, size=TAIL_BYTES):
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - size))
    tail = file.read(size)
    file.seek(0)
    return tail


def _has_active_content(*chunks):
    return any(marker in chunk.lower() for chunk in chunks for marker in ACTIVE_MARKERS)


def _pdf_rides_along(file):
    """Whether something follows the PDF's last %%EOF, or HTML hides in its first or last bytes
    (a PDF that is also a web page)."""
    head, tail = _read_head(file), _read_tail(file)
    end = tail.rfind(b"%%EOF")
    if end == -1 or tail[end + len(b"%%EOF") :].strip(b" \t\r\n\x00\x0c"):
        return True
    return _has_active_content(head, tail)


def _inflated_size_over(file, limit):
    """Whether the archive inflates to more than `limit` bytes (or has more entries than anyone
    ships). The sizes its directory declares are checked first, then the bytes really inflated,
    counted as they come, since a directory can lie."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > ARCHIVE_MAX_ENTRIES:
                return True
            if sum(entry.file_size for entry in entries) > limit:
                return True
            total = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(INFLATE_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            return True
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return True  # a damaged or encrypted archive cannot be proven small
    finally:
        file.seek(0)
    return False


def extension_of(name):
    return os.path.splitext(name or "")[1].lower()


def type_for_extension(extension):
    for kind, info in TYPE_INFO.items():
        if extension in info.extensions:
            return kind
    return None


def _names(types):
    return ", ".join(str(FileType(kind).label) for kind in types)


def check_upload(file, allowed):
    """Validate an uploaded file against the FileTypes `allowed`; return its FileType or raise
    ValidationError with a message an editor can act on."""
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
    if actual == FileType.TXT and claimed in TEXT_TYPES:
        actual = claimed
    sniffed = sniffed_type(file)
    if actual != claimed or not sniffed.startswith(SNIFFED[claimed]):
        if sniffed in ("text/html", "image/svg+xml") or (
            claimed in TEXT_TYPES and _has_active_content(_read_head(file))
        ):
            raise _active_content(name)
        raise ValidationError(
            gettext(
                "“%(name)s” is named as a file of type “%(claimed)s”, but its content is not "
                "of that type. Save it again in that format, or give it its true extension."
            )
            % {"name": name, "claimed": claimed.label},
            code="content_mismatch",
        )
    if (actual == FileType.PDF and _pdf_rides_along(file)) or (
        actual in TEXT_TYPES and _has_active_content(_read_head(file))
    ):
        raise _active_content(name)
    limit_inflated = settings.UPLOAD_MAX_INFLATED_SIZE_MB
    if actual in ZIP_TYPES and _inflated_size_over(file, limit_inflated * 1024 * 1024):
        raise ValidationError(
            gettext(
                "“%(name)s” unpacks to more than %(limit)s MB (or cannot be unpacked): upload "
                "its files separately."
            )
            % {"name": name, "limit": limit_inflated},
            code="inflated",
        )
    return actual


def _active_content(name):
    return ValidationError(
        gettext(
            "“%(name)s” contains a web page or a script, which the portal does not accept in a "
            "file. Save the document again (for a PDF, print it to a new PDF) and upload that."
        )
        % {"name": name},
        code="active_content",
    )


class SizeLimitUploadHandler(FileUploadHandler):
    """Keeps no more of an uploaded file than settings.UPLOAD_MAX_SIZE_MB and one chunk.

    First in settings.FILE_UPLOAD_HANDLERS: it passes each chunk on to the handlers that store
    the file (memory, then a temporary file) until the file is over the limit, then swallows the
    rest. The stored part is then over the limit too, so `check_upload` refuses it with its
    message; the disk never holds more than the limit of any file.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.received > settings.UPLOAD_MAX_SIZE_MB * 1024 * 1024:
            return None
        self.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadValidator:
    """Model field validator accepting files of the given FileTypes (see `check_upload`).

    Only newly uploaded files are checked: a stored file was checked when it was uploaded, and
    saving its row again must not read it back from the storage."""

    def __init__(self, types):
        self.types = tuple(FileType(kind) for kind in types)

    def __call__(self, value):
        if getattr(value, "_committed", True):
            return
        check_upload(value.file, self.types)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.types == other.types

    def __hash__(self):
        return hash(self.types)

    def deconstruct(self):
        # The types' values, so that a migration does not depend on the names in FileType.
        return (
            "archive_portal.lib.uploads.UploadValidator",
            ([kind.value for kind in self.types],),
            {},
        )


def random_name(directory, filename):
    """An unguessable storage name that keeps only the (already validated) extension."""
    extension = extension_of(filename)
    kind = type_for_extension(extension)
    if kind is not None:
        extension = TYPE_INFO[kind].extensions[0]
    return f"{directory}/{uuid.uuid4().hex}{extension}"
