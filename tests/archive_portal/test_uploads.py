"""The one upload check (archive_portal.lib.uploads) for the kinds of file only news accepts:
old Office documents, text and CSV, GIF and WebP images. The publications' kinds are tested in
tests/publications/test_uploads.py."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.migrations.writer import MigrationWriter
from django.utils import translation

from archive_portal.lib.uploads import FileType, UploadValidator, check_upload, detect_file_type
from news.models import ATTACHMENT_TYPES, IMAGE_TYPES
from tests.archive_portal.files import ole2_bytes

GIF_BYTES = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
)
WEBP_BYTES = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 24


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "allowed", "expected"),
    [
        ("신청서.doc", ole2_bytes("WordDocument"), ATTACHMENT_TYPES, FileType.DOC),
        ("명단.xls", ole2_bytes("Workbook"), ATTACHMENT_TYPES, FileType.XLS),
        ("old.xls", ole2_bytes("Book"), ATTACHMENT_TYPES, FileType.XLS),
        ("발표.ppt", ole2_bytes("PowerPoint Document"), ATTACHMENT_TYPES, FileType.PPT),
        ("안내.txt", "서울시 초청연수 안내\n".encode(), ATTACHMENT_TYPES, FileType.TXT),
        ("명단.csv", "이름,국가\n홍길동,한국\n".encode("cp949"), ATTACHMENT_TYPES, FileType.CSV),
        ("명단.csv", "\ufeff이름,국가\n".encode(), ATTACHMENT_TYPES, FileType.CSV),
        ("poster.gif", GIF_BYTES, IMAGE_TYPES, FileType.GIF),
        ("poster.webp", WEBP_BYTES, IMAGE_TYPES, FileType.WEBP),
        # HWP 3 (not an OLE2 container): libmagic finds it only "binary".
        (
            "계획.hwp",
            b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(range(256)) * 4,
            ATTACHMENT_TYPES,
            FileType.HWP,
        ),
    ],
)
def test_the_kinds_news_accepts_are_proven_by_their_content(name, content, allowed, expected):
    assert check_upload(upload(name, content), allowed) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("신청서.doc", ole2_bytes("Workbook")),  # a spreadsheet named as a Word document
        ("신청서.doc", ole2_bytes("Installer")),  # an OLE2 container of another kind (.msi)
        ("안내.txt", b"MZ\x90\x00\x03\x00\x00\x00"),  # a program (NUL bytes) named as text
        ("명단.csv", b"\xff\xfe\xfd not text in any encoding"),
        ("poster.gif", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        ("poster.webp", b"RIFF\x24\x00\x00\x00WAVEfmt "),
    ],
)
def test_a_file_whose_content_is_not_its_kind_is_refused(name, content):
    allowed = IMAGE_TYPES if name.startswith("poster") else ATTACHMENT_TYPES
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), allowed)
    assert error.value.code == "content_mismatch"


def test_a_damaged_ole2_container_is_refused_not_an_error():
    damaged = ole2_bytes("WordDocument")[:700]
    assert detect_file_type(upload("x.doc", damaged)) is None


def test_the_refusal_names_the_kinds_the_field_accepts():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("poster.bmp", b"BM" + b"\x00" * 64), IMAGE_TYPES)
    assert error.value.messages == [
        "“poster.bmp” is not an accepted kind of file. Accepted: JPEG image, PNG image, "
        "GIF image, WebP image."
    ]


def test_the_validator_checks_new_uploads_only():
    validator = UploadValidator(IMAGE_TYPES)

    class Stored:
        _committed = True

    class New:
        _committed = False
        file = upload("poster.gif", b"not a gif")

    validator(Stored())  # a stored file is not read back from the storage
    with pytest.raises(ValidationError):
        validator(New())


def test_the_validator_is_written_into_migrations_by_the_types_values():
    written, imports = MigrationWriter.serialize(UploadValidator(IMAGE_TYPES))
    assert written == "archive_portal.lib.uploads.UploadValidator(['jpeg', 'png', 'gif', 'webp'])"
    assert imports == {"import archive_portal.lib.uploads"}
    assert UploadValidator(["jpeg", "png", "gif", "webp"]) == UploadValidator(IMAGE_TYPES)


# --- Issue #14: what rides along, what inflates, what arrives too big --------------------------

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "allowed"),
    [
        ("poster.gif", SVG_WITH_SCRIPT, IMAGE_TYPES),  # SVG is never an image here
        ("poster.png", SVG_WITH_SCRIPT, IMAGE_TYPES),
        ("안내.txt", HTML_PAGE, ATTACHMENT_TYPES),  # a web page named as text
        ("명단.csv", b"name,link\nx,<script>alert(1)</script>\n", ATTACHMENT_TYPES),
        ("report.pdf", HTML_PAGE, ATTACHMENT_TYPES),
    ],
)
def test_web_pages_and_svg_are_refused_whatever_their_name(name, content, allowed):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, content), allowed)
    assert error.value.code == "active_content"
    assert "contains a web page or a script" in error.value.messages[0]


def test_a_pdf_with_a_web_page_appended_is_refused():
    from tests.publications.factories import pdf_bytes

    assert check_upload(upload("report.pdf", pdf_bytes()), ATTACHMENT_TYPES) == FileType.PDF
    for extra in (HTML_PAGE, b"\n<script>alert(1)</script>", b"\nanything at all\n"):
        with pytest.raises(ValidationError) as error:
            check_upload(upload("report.pdf", pdf_bytes() + extra), ATTACHMENT_TYPES)
        assert error.value.code == "active_content"
    # Line ends after the last %%EOF are normal.
    assert check_upload(upload("report.pdf", pdf_bytes() + b"\r\n\n"), ATTACHMENT_TYPES)


def _zip_of_zeros(megabytes, name="zeros.bin", extra=None):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in (extra or {}).items():
            archive.writestr(entry, data)
        archive.writestr(name, b"\x00" * (megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_an_archive_that_inflates_past_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_INFLATED_SIZE_MB = 2
    bomb = _zip_of_zeros(3)
    assert len(bomb) < 10_000  # 3 MB of zeros deflate to a few kilobytes
    with pytest.raises(ValidationError) as error:
        check_upload(upload("data.zip", bomb), ATTACHMENT_TYPES)
    assert error.value.code == "inflated"
    assert error.value.messages == [
        "“data.zip” unpacks to more than 2 MB (or cannot be unpacked): upload its files separately."
    ]
    # The same inside a Word document (a ZIP too).
    docx = _zip_of_zeros(
        3, "word/media/big.bin", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    )
    with pytest.raises(ValidationError) as error:
        check_upload(upload("plan.docx", docx), ATTACHMENT_TYPES)
    assert error.value.code == "inflated"
    assert check_upload(upload("data.zip", _zip_of_zeros(1)), ATTACHMENT_TYPES) == FileType.ZIP


def test_an_archive_whose_directory_understates_its_size_is_still_refused(settings):
    settings.UPLOAD_MAX_INFLATED_SIZE_MB = 2
    bomb = bytearray(_zip_of_zeros(3))
    # Rewrite the declared uncompressed size (local header and central directory) as 1 KB.
    true_size = (3 * 1024 * 1024).to_bytes(4, "little")
    assert bomb.count(true_size) == 2
    bomb = bytes(bomb).replace(true_size, (1024).to_bytes(4, "little"))
    with pytest.raises(ValidationError) as error:
        check_upload(upload("data.zip", bomb), ATTACHMENT_TYPES)
    assert error.value.code == "inflated"


def test_an_upload_over_the_limit_is_not_kept_while_it_arrives(settings, rf):
    from django.test.client import encode_multipart

    settings.UPLOAD_MAX_SIZE_MB = 1
    content = b"%PDF-1.4\n" + b"x" * (3 * 1024 * 1024)
    body = encode_multipart("BoUnDaRy", {"file": upload("big.pdf", content)})
    request = rf.post("/", data=body, content_type="multipart/form-data; boundary=BoUnDaRy")
    stored = request.FILES["file"]
    limit = 1024 * 1024
    assert limit < stored.size <= limit + 64 * 1024  # the limit and one chunk, not 3 MB
    with pytest.raises(ValidationError) as error:
        check_upload(stored, ATTACHMENT_TYPES)
    assert error.value.code == "too_large"
