import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from archive_portal.lib.uploads import OLE2_SIGNATURE, FileType, detect_file_type
from archive_portal.lib.uploads import check_upload as check_any_upload
from publications.uploads import ATTACHMENT_TYPES, attachment_upload_to
from tests.publications.factories import (
    PNG_BYTES,
    docx_bytes,
    hwpx_bytes,
    pdf_bytes,
    upload,
    zip_bytes,
)


def check_upload(file):
    """The check as a publication's attachment field makes it."""
    return check_any_upload(file, ATTACHMENT_TYPES)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", pdf_bytes(), FileType.PDF),
        ("chart.png", PNG_BYTES, FileType.PNG),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, FileType.JPEG),
        ("plan.docx", docx_bytes(), FileType.DOCX),
        ("plan.hwpx", hwpx_bytes(), FileType.HWPX),
        ("data.zip", zip_bytes({"a.csv": "1,2"}), FileType.ZIP),
        (
            "plan.hwp",
            OLE2_SIGNATURE
            + b"\x00" * 504
            + "FileHeader".encode("utf-16-le")
            + b"HWP Document File",
            FileType.HWP,
        ),
    ],
)
def test_real_files_are_accepted_with_their_type(name, content, expected):
    file = upload(name, content)
    assert detect_file_type(file) == expected
    assert check_upload(file) == expected


def test_a_pdf_name_on_other_bytes_is_rejected_with_its_message():
    file = upload("보고서.pdf", b"MZ\x90\x00 this is a Windows program, not a PDF")
    with pytest.raises(ValidationError) as error:
        check_upload(file)
    assert error.value.messages == [
        "“보고서.pdf” is named as a file of type “PDF document”, but its content is "
        "not of that type. Save it again in that format, or give it its true extension."
    ]
    assert error.value.code == "content_mismatch"


def test_a_plain_zip_named_docx_is_rejected():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("plan.docx", zip_bytes({"a.txt": "x"})))
    assert error.value.code == "content_mismatch"


def test_an_ole2_file_that_is_not_hwp_is_rejected():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("old.hwp", OLE2_SIGNATURE + b"\x00" * 600))
    assert error.value.code == "content_mismatch"


def test_a_disallowed_extension_is_rejected_even_with_pdf_content():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("setup.exe", pdf_bytes()))
    assert error.value.messages == [
        "“setup.exe” is not an accepted kind of file. Accepted: PDF document, HWP (Hangul), "
        "HWPX (Hangul), Word (DOCX), Excel (XLSX), PowerPoint (PPTX), ZIP archive, "
        "JPEG image, PNG image."
    ]


def test_the_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_SIZE_MB = 1
    content = pdf_bytes() + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", content))
    assert error.value.code == "too_large"
    assert error.value.messages == ["“big.pdf” is 1.0\xa0MB; files may be at most 1 MB."]


def test_an_empty_file_is_rejected():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("empty.pdf", b""))
    assert error.value.messages == ["“empty.pdf” is empty."]


def test_stored_names_are_random_and_keep_only_the_extension():
    first = attachment_upload_to(None, "서울시 보고서.PDF")
    second = attachment_upload_to(None, "서울시 보고서.PDF")
    assert re.fullmatch(r"publications/files/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert attachment_upload_to(None, "photo.jpeg").endswith(".jpg")
