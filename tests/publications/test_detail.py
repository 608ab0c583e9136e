from datetime import date

import pytest

from publications.models import Kind, Status
from tests.publications.factories import AttachmentFactory, PublicationFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_the_detail_page_shows_metadata_files_and_a_citation(client):
    publication = PublicationFactory(
        slug="bus-reform",
        title="서울 버스 개편",
        kind=Kind.POLICY_CASE,
        publisher="서울특별시",
        author="seoulsolution",
        published_on=date(2024, 2, 1),
        responsible_department="도시교통실 버스정책과",
        contact="02-2133-0000",
        data_base_date=date(2017, 2, 8),
        sectors=["transportation"],
    )
    content = pdf_bytes()
    attachment = AttachmentFactory(publication=publication, file=upload("버스 개편.pdf", content))

    response = client.get("/ko/publications/bus-reform/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="publication-title" lang="ko">서울 버스 개편</h1>' in html
    assert "<dt>담당 부서</dt><dd>도시교통실 버스정책과</dd>" in html
    assert "<dt>글쓴이</dt><dd>seoulsolution</dd>" in html
    assert "<dt>연락처</dt><dd>02-2133-0000</dd>" in html
    assert '<dt>데이터 기준일</dt><dd><time datetime="2017-02-08">2017-02-08</time></dd>' in html
    assert f'href="/ko/publications/bus-reform/files/{attachment.pk}/"' in html
    assert f"PDF 문서, {len(content)}\xa0바이트" in html
    assert (
        '<p class="citation__text" id="citation-text">서울특별시 (2024). <span lang="ko">'
        f"서울 버스 개편</span>. 서울정책아카이브. http://testserver/ko/publications/p/{publication.pk}/</p>"
    ) in html
    assert '<link rel="canonical" href="http://testserver/ko/publications/bus-reform/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="서울 버스 개편">' in html
    assert 'style="' not in html and "onclick" not in html and "<script>" not in html


def test_detail_query_count_is_fixed(client, django_assert_num_queries):
    publication = PublicationFactory(slug="p1", sectors=["economy", "culture"])
    for _ in range(3):
        AttachmentFactory(publication=publication)
    PublicationFactory(sectors=["economy"])
    client.get("/ko/publications/p1/")
    # publication; its sectors, attachments, translations, SDG goals and projects (and the one it
    # translates, when it does); related items
    with django_assert_num_queries(7):
        client.get("/ko/publications/p1/")


def test_related_items_share_a_sector(client):
    publication = PublicationFactory(slug="main", sectors=["water"])
    PublicationFactory(title="같은 분야", sectors=["water"])
    PublicationFactory(title="다른 분야", sectors=["culture"])
    PublicationFactory(title="초안", sectors=["water"], status=Status.DRAFT)
    response = client.get(publication.get_absolute_url())
    assert [p.title for p in response.context["related"]()] == ["같은 분야"]


def test_a_video_url_becomes_a_privacy_enhanced_embed_with_a_title_and_a_link(client):
    PublicationFactory(
        slug="video", kind=Kind.VIDEO, title="홍보영상", video_url="https://youtu.be/dQw4w9WgXcQ"
    )
    html = client.get("/ko/publications/video/").content.decode()
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="영상: 홍보영상"'
    ) in html
    assert '<a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener">' in html


def test_an_ebook_links_out(client):
    PublicationFactory(
        slug="ebook", kind=Kind.EBOOK, external_url="https://ebook.seoul.go.kr/Viewer/X"
    )
    html = client.get("/ko/publications/ebook/").content.decode()
    assert (
        '<a class="button" href="https://ebook.seoul.go.kr/Viewer/X" rel="noopener">전자책 보기'
        in html
    )


def test_drafts_and_future_items_are_not_public(client):
    PublicationFactory(slug="draft", status=Status.DRAFT)
    PublicationFactory(slug="future", published_on=date(2999, 1, 1))
    assert client.get("/ko/publications/draft/").status_code == 404
    assert client.get("/ko/publications/future/").status_code == 404


def test_the_permanent_link_redirects_to_the_current_address(client):
    publication = PublicationFactory(slug="old-name")
    response = client.get(f"/en/publications/p/{publication.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/en/publications/old-name/"


def test_staff_markdown_is_sanitised(client):
    PublicationFactory(
        slug="xss", body='**굵게** <script>alert(1)</script> <a href="javascript:alert(1)">x</a>'
    )
    html = client.get("/ko/publications/xss/").content.decode()
    assert "<strong>굵게</strong>" in html
    assert "alert(1)</script>" not in html
    assert "javascript:" not in html


def test_korean_slugs_work(client):
    PublicationFactory(slug="서울-보고서", title="서울 보고서")
    response = client.get("/ko/publications/서울-보고서/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="publication-title" lang="ko">서울 보고서</h1>' in html
    canonical = "http://testserver/ko/publications/%EC%84%9C%EC%9A%B8-%EB%B3%B4%EA%B3%A0%EC%84%9C/"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_a_policy_case_page_marks_policy_sharing_in_the_menu_as_its_breadcrumb_does(client):
    case = PublicationFactory(kind=Kind.POLICY_CASE)
    report = PublicationFactory(kind=Kind.RESEARCH_REPORT)
    for item, current, other in (
        (case, "/en/training/", "/en/publications/"),
        (report, "/en/publications/", "/en/training/"),
    ):
        html = client.get(f"/en/publications/{item.slug}/").content.decode()
        nav = html[html.index('<nav class="main-nav"') :]
        nav = nav[: nav.index("</nav>")]
        assert f'href="{current}" aria-current="page">' in nav
        assert f'href="{other}" aria-current' not in nav
