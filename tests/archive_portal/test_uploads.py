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
