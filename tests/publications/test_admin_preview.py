"""Staff preview an unsaved change of a publication in the page design, in either language;
nothing is saved, and a form with errors says so instead of a preview."""

import pytest
from django.contrib.auth.models import Group

from archive_portal.groups import EDITORS
from publications.models import BodyFormat, Publication
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("pub-editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def form(publication, **changes):
    """The change form as an editor sends it: the translated fields in their Korean columns
    (title_ko…; django-modeltranslation), `changes` by field name."""
    data = {
        "kind": publication.kind,
        "title_ko": publication.title,
        "slug": publication.slug,
        "status": publication.status,
        "published_on": "2024-05-01",
        "language": "ko",
        "summary_ko": publication.summary,
        "body_ko": "<p>본문입니다.</p>",
        "publisher_ko": publication.publisher,
        "posted_by": "",
        "external_url": "",
        "video_url": "",
        "availability": "",
        "licence": "kogl-1",
        "responsible_department_ko": "",
        "contact_ko": "",
        "data_base_date": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    translated = {"title", "summary", "body", "publisher"}
    return data | {f"{name}_ko" if name in translated else name: v for name, v in changes.items()}


def test_the_preview_shows_the_unsaved_change_in_the_page_design(client, editor):
    publication = PublicationFactory(title="서울 교통 정책")
    client.force_login(editor)
    url = f"/admin/publications/publication/{publication.pk}/change/preview/"
    body = '<h2>요약</h2><p onclick="x()">새 <script>alert(1)</script>문단</p>'

    response = client.post(f"{url}?language=en", form(publication, title="서울 교통 정책 2025",
                                                      body=body))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert '<html lang="en"' in page
    assert "Preview of unsaved changes" in page
    assert '<h1 id="publication-title" lang="ko">서울 교통 정책 2025</h1>' in page
    assert "<h2>요약</h2><p>새 문단</p>" in page  # sanitised exactly as saving would
    publication.refresh_from_db()
    assert (publication.title, publication.body) == ("서울 교통 정책", "본문입니다.")

    korean = client.post(f"{url}?language=ko", form(publication)).content.decode()
    assert '<html lang="ko"' in korean
    assert "저장하지 않은 변경 내용 미리보기" in korean


def test_a_form_with_errors_is_reported_instead_of_a_preview(client, editor):
    publication = PublicationFactory()
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = f"/admin/publications/publication/{publication.pk}/change/preview/"
    response = client.post(url, form(publication, title=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The preview cannot be shown: the form has errors." in page
    assert "<li>Title [ko]: This field is required.</li>" in page


def test_the_preview_needs_permission_to_change(client, staff_user):
    publication = PublicationFactory()
    client.force_login(staff_user)  # staff, but not an editor
    url = f"/admin/publications/publication/{publication.pk}/change/preview/"
    assert client.post(url, form(publication)).status_code == 403


def test_a_flat_document_body_opens_formatted_and_is_saved_as_html(client, editor):
    publication = PublicationFactory(
        body="□ 추진 배경\n○ 교통 혼잡 해소", body_format=BodyFormat.FLAT
    )
    client.force_login(editor)
    page = client.get(f"/admin/publications/publication/{publication.pk}/change/")
    assert page.context["adminform"].form.initial["body_ko"] == str(publication.body_html)
    response = client.post(
        f"/admin/publications/publication/{publication.pk}/change/",
        form(publication, body=str(publication.body_html)),
    )
    assert response.status_code == 302
    publication = Publication.objects.get(pk=publication.pk)
    assert publication.body_format == BodyFormat.HTML
    assert publication.body == str(publication.body_html)
