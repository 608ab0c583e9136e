"""The editors' admin: inline attachments are checked by content; a rejected file gets a clear
message next to the field."""

import re

import pytest
from django.urls import reverse

from publications.models import Attachment, Publication
from tests.publications.factories import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def form_data(**extra):
    data = {
        "kind": "research_report",
        "title_ko": "서울 도시계획 연구",
        "slug": "urban-planning-research",
        "status": "published",
        "published_on": "2024-03-05",
        "language": "ko",
        "summary_ko": "",
        "body_ko": "",
        "body_format": "markdown",
        "publisher_ko": "서울연구원",
        "author": "",
        "external_url": "",
        "video_url": "",
        "availability": "",
        "licence": "kogl-4",
        "responsible_department_ko": "",
        "contact_ko": "",
        "data_base_date": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title_ko": "",
        "attachments-0-order": "0",
    }
    data.update(extra)
    return data


def test_a_pdf_named_file_with_other_bytes_is_refused_with_a_message(client, superuser):
    client.force_login(superuser)
    fake = upload("연구보고서.pdf", b"PK\x03\x04 not really a pdf at all")
    response = client.post(
        reverse("admin:publications_publication_add"),
        form_data(**{"attachments-0-file": fake}),
    )
    assert response.status_code == 200
    assert Publication.objects.count() == 0
    assert Attachment.objects.count() == 0
    errors = response.context["inline_admin_formsets"][0].formset.errors
    message = (
        "“연구보고서.pdf”은(는) 이름으로는 “PDF 문서” 형식의 파일이지만 내용은 그 형식이 "
        "아닙니다. 그 형식으로 다시 저장하거나 실제 형식에 맞는 확장자를 붙이세요."
    )
    assert errors == [{"file": [message]}]
    assert response.content.decode().count(f"<li>{message}</li>") == 1


def test_the_admin_message_is_in_english_for_english_editors(client, superuser):
    client.force_login(superuser)
    fake = upload("report.pdf", b"GIF89a not a pdf")
    response = client.post(
        reverse("admin:publications_publication_add"),
        form_data(**{"attachments-0-file": fake}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {
            "file": [
                "“report.pdf” is named as a file of type “PDF document”, but its content is "
                "not of that type. Save it again in that format, or give it its true extension."
            ]
        }
    ]


def test_a_real_pdf_is_stored_under_a_random_name(client, superuser, media_root):
    client.force_login(superuser)
    content = pdf_bytes()
    response = client.post(
        reverse("admin:publications_publication_add"),
        form_data(**{"attachments-0-file": upload("2024 연구보고서.pdf", content)}),
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "2024 연구보고서.pdf"
    assert attachment.title == "2024 연구보고서"
    assert attachment.file_type == "pdf"
    assert attachment.size == len(content)
    assert re.fullmatch(r"publications/files/[0-9a-f]{32}\.pdf", attachment.file.name)
    assert (media_root / attachment.file.name).read_bytes() == content


def test_the_reserved_slug_and_a_bad_video_address_are_refused(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:publications_publication_add"),
        form_data(
            slug="feed", video_url="https://example.com/video/1", **{"attachments-TOTAL_FORMS": "0"}
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "slug": ["“feed”은(는) 사이트에서 쓰는 주소입니다. 다른 주소를 정하세요."],
        "video_url": ["YouTube 또는 Vimeo 영상 하나의 주소를 입력하세요."],
    }


def test_the_changelist_and_sectors_are_editable(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:publications_publication_changelist")).status_code == 200
    response = client.get(reverse("admin:publications_sector_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count('name="form-') >= 10  # the order column is editable
