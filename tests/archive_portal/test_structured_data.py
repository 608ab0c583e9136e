"""Link previews (OpenGraph and Twitter cards) and structured data (JSON-LD) on every detail
page and the home page (issue #6)."""

import datetime
import json
import re
import struct
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone

from archive_portal.lib.timezone import SEOUL
from news.models import NewsItem
from publications.models import Kind, Publication
from sdg_plan import parser
from sdg_plan.importer import import_plan
from sdg_plan.models import Goal, Indicator, Project
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PNG_BYTES, AttachmentFactory, PublicationFactory, upload
from tests.training.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

HOSTILE = "</script><script>alert(1)</script>"
SMG = {
    "@type": "GovernmentOrganization",
    "name": "서울특별시",
    "url": "https://www.seoul.go.kr",
}
SMG_EN = {**SMG, "name": "Seoul Metropolitan Government"}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def imported_plan(db):
    return import_plan(parser.parse_plan_file())


def share_image():
    return "http://testserver" + static("img/share.png")


class _Head(HTMLParser):
    """The <meta>s, canonical link and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.canonical = None
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            assert key not in self.meta, f"{key} appears twice"
            self.meta[key] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = _Head()
    parser.feed(response.content.decode())
    parser.structured_data = [json.loads(block) for block in parser.json_ld]
    parser.html = response.content.decode()
    return parser


def assert_share_tags(head, *, kind, title, description, url, image=None):
    """OpenGraph and Twitter card tags say the same thing, with absolute URLs."""
    image = image or share_image()
    assert head.canonical == url
    assert head.meta["og:type"] == kind
    assert head.meta["og:title"] == title
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:image"] == image
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == title
    assert head.meta["twitter:description"] == description
    assert head.meta["twitter:image"] == image
    assert head.meta["og:site_name"] in ("서울정책아카이브", "Seoul Policy Archive")
    assert head.meta["og:locale"] in ("ko_KR", "en_GB")
    for key in ("og:url", "og:image", "twitter:image"):
        assert head.meta[key].startswith("http://testserver/"), key


# --- previews and structured data -----------------------------------------------------------


def test_a_news_item_is_a_news_article_with_its_cover_image(client):
    item = NewsItemFactory(
        slug="cdp",
        title="서울시 탄소정보공개(CDP) 평가",
        summary="첫째 요점\n둘째 요점",
        author="seoulsolution",
        language="ko",
        published_at=datetime.datetime(2025, 11, 7, 9, 30, tzinfo=SEOUL),
        cover_image=upload("cover.png", PNG_BYTES),
        cover_image_alt="평가 결과표",
    )
    NewsItem.objects.filter(pk=item.pk).update(
        updated_at=datetime.datetime(2025, 11, 8, 10, 0, tzinfo=SEOUL)
    )
    cover = f"http://testserver{item.cover_image.url}"

    head = head_of(client, "/ko/news/cdp/")

    assert_share_tags(
        head,
        kind="article",
        title="서울시 탄소정보공개(CDP) 평가",
        description="첫째 요점",
        url="http://testserver/ko/news/cdp/",
        image=cover,
    )
    assert head.meta["og:image:alt"] == "평가 결과표"
    assert head.structured_data == [
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "서울시 탄소정보공개(CDP) 평가",
            "description": "첫째 요점 둘째 요점",
            "datePublished": "2025-11-07T09:30:00+09:00",
            "dateModified": "2025-11-08T10:00:00+09:00",
            "author": {"@type": "Organization", "name": "seoulsolution"},
            "publisher": SMG,
            "inLanguage": "ko",
            "url": "http://testserver/ko/news/cdp/",
            "mainEntityOfPage": "http://testserver/ko/news/cdp/",
            "image": [cover],
            "license": "https://www.kogl.or.kr/info/licenseType1.do",
        }
    ]


def test_an_external_article_names_its_source_and_the_english_page_its_own_url(client):
    NewsItemFactory(
        slug="ai",
        category="external",
        author="",
        source_name="환경포커스",
        source_url="https://example.com/ai",
        summary="",
        licence="rights-reserved",
    )
    head = head_of(client, "/en/news/ai/")
    data = head.structured_data[0]
    assert data["author"] == {"@type": "Organization", "name": "환경포커스"}
    assert data["isBasedOn"] == "https://example.com/ai"
    # The outlet's article: no public licence, the site's terms page says whom to ask.
    assert data["license"] == "http://testserver/en/terms/"
    assert data["publisher"] == SMG_EN
    assert data["url"] == head.canonical == "http://testserver/en/news/ai/"
    assert data["image"] == [share_image()]
    assert "description" not in data


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (Kind.RESEARCH_REPORT, "Report"),
        (Kind.PUBLICATION, "CreativeWork"),
        (Kind.POLICY_CASE, "CreativeWork"),
        (Kind.EBOOK, "CreativeWork"),
    ],
)
def test_a_publication_is_a_report_or_a_creative_work(client, kind, schema_type):
    publication = PublicationFactory(
        slug="item",
        kind=kind,
        title="서울 버스 개편",
        summary="버스 체계를 바꾼 이야기",
        publisher="서울연구원",
        published_on=datetime.date(2024, 5, 1),
        sectors=["transportation"],
    )
    attachment = AttachmentFactory(publication=publication, title="보고서 전문")
    Publication.objects.filter(pk=publication.pk).update(
        updated_at=datetime.datetime(2024, 6, 2, 15, 0, tzinfo=SEOUL)
    )
    url = "http://testserver/ko/publications/item/"

    head = head_of(client, "/ko/publications/item/")

    assert_share_tags(
        head, kind="article", title="서울 버스 개편", description="버스 체계를 바꾼 이야기", url=url
    )
    assert head.structured_data == [
        {
            "@context": "https://schema.org",
            "@type": schema_type,
            "name": "서울 버스 개편",
            "headline": "서울 버스 개편",
            "genre": str(publication.get_kind_display()),
            "description": "버스 체계를 바꾼 이야기",
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": "ko",
            "datePublished": "2024-05-01",
            "dateModified": "2024-06-02T15:00:00+09:00",
            "publisher": {"@type": "Organization", "name": "서울연구원"},
            "image": [share_image()],
            "isAccessibleForFree": True,
            "license": "https://www.kogl.or.kr/info/licenseType1.do",
            "keywords": ["교통"],
            "associatedMedia": [
                {
                    "@type": "MediaObject",
                    "name": "보고서 전문",
                    "contentUrl": f"http://testserver{attachment.get_absolute_url()}",
                    "encodingFormat": "application/pdf",
                }
            ],
        }
    ]


def test_a_video_is_a_video_object_with_its_embed_and_cover(client):
    video = PublicationFactory(
        slug="video",
        kind=Kind.VIDEO,
        title="홍보영상",
        summary="",
        published_on=None,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        cover_image=upload("thumb.png", PNG_BYTES),
    )
    cover = f"http://testserver{video.cover_image.url}"
    head = head_of(client, "/en/publications/video/")
    assert head.meta["og:image"] == head.meta["twitter:image"] == cover
    data = head.structured_data[0]
    assert data["@type"] == "VideoObject"
    assert data["description"] == "홍보영상"
    assert data["thumbnailUrl"] == data["image"] == [cover]
    assert data["uploadDate"] == timezone.localtime(video.created_at).isoformat(timespec="seconds")
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert "datePublished" not in data


def test_a_training_programme_is_an_event_in_seoul(client):
    ProgrammeFactory(
        slug="rail-2025",
        title="해외 도시철도관계자 초청연수",
        summary="개발도상국 도시철도관계자를 초청합니다.",
        training_starts=datetime.date(2025, 10, 26),
        training_ends=datetime.date(2025, 11, 1),
    )
    url = "http://testserver/en/training/rail-2025/"

    head = head_of(client, "/en/training/rail-2025/")

    assert_share_tags(
        head,
        kind="article",
        title="해외 도시철도관계자 초청연수",
        description="개발도상국 도시철도관계자를 초청합니다.",
        url=url,
    )
    assert head.structured_data == [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "해외 도시철도관계자 초청연수",
            "description": "개발도상국 도시철도관계자를 초청합니다.",
            "startDate": "2025-10-26",
            "endDate": "2025-11-01",
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": "Seoul",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Seoul",
                    "addressCountry": "KR",
                },
            },
            "organizer": SMG_EN,
            "inLanguage": "ko",
            "url": url,
            "image": [share_image()],
        }
    ]


def test_the_open_data_page_is_a_dataset_with_its_downloads(client, imported_plan):
    head = head_of(client, "/ko/sdg/data/")
    assert head.structured_data == [
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": "제2차 서울특별시 지속가능발전 이행계획(2020~2024): 지표와 목표",
            "description": (
                "제2차 서울특별시 지속가능발전 이행계획(2020~2024)의 지표: 계획 안에서의 위치, "
                "담당 부서, 2020~2024년과 2030년의 연도별 목표, 서울시가 기록한 실적값, "
                "산출된 이행 상황."
            ),
            "url": "http://testserver/ko/sdg/data/",
            "license": "https://creativecommons.org/licenses/by-nd/3.0/",
            "creator": SMG,
            "publisher": SMG,
            "inLanguage": "ko",
            "isAccessibleForFree": True,
            "temporalCoverage": "2020/2030",
            "spatialCoverage": {
                "@type": "Place",
                "name": "Seoul",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Seoul",
                    "addressCountry": "KR",
                },
            },
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": "text/csv",
                    "contentUrl": "http://testserver/ko/sdg/indicators.csv",
                },
                {
                    "@type": "DataDownload",
                    "encodingFormat": "application/json",
                    "contentUrl": "http://testserver/ko/sdg/indicators.json",
                },
            ],
        }
    ]
    for download in head.structured_data[0]["distribution"]:
        assert client.get(download["contentUrl"][len("http://testserver") :]).status_code == 200


def test_the_home_page_is_a_website_with_its_search(client):
    head = head_of(client, "/en/")
    assert_share_tags(
        head,
        kind="website",
        title="Seoul Policy Archive",
        description=(
            "Seoul Metropolitan Government shares its urban policies, research, policy cases "
            "and its SDG implementation plan with the world."
        ),
        url="http://testserver/en/",
    )
    assert head.structured_data == [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": "Seoul Policy Archive",
            "url": "http://testserver/en/",
            "inLanguage": "en",
            "publisher": SMG_EN,
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": "http://testserver/en/search/?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    ]


def test_the_open_data_page_has_its_own_preview(client):
    head = head_of(client, "/ko/sdg/data/")
    assert head.meta["og:type"] == "website"
    assert head.meta["og:title"] == head.meta["twitter:title"] == "공공데이터: 이행계획 성과지표"
    assert head.meta["og:url"] == head.canonical == "http://testserver/ko/sdg/data/"


def test_the_sdg_pages_have_previews(client, imported_plan):
    goal = Goal.objects.get(code="1-1")
    project = Project.objects.get(number=106)
    indicator = Indicator.objects.get(number=109)
    for path, title, description in [
        (goal.get_absolute_url(), str(goal), str(goal)),
        (project.get_absolute_url(), project.name, str(project)),
        (
            indicator.get_absolute_url(),
            indicator.name,
            f"{indicator.name}: 2020~2030 목표치, 실적, 진척도",
        ),
    ]:
        head = head_of(client, path)
        assert_share_tags(
            head,
            kind="article",
            title=title,
            description=description,
            url=f"http://testserver{path}",
        )
        assert head.meta["og:image:width"] == "1200" and head.meta["og:image:height"] == "630"


def test_the_default_share_image_is_a_1200_by_630_png():
    with open(finders.find("img/share.png"), "rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1200, 630)


def test_a_hostile_title_cannot_leave_the_json_ld_block(client):
    NewsItemFactory(slug="hostile", title=HOSTILE, summary=HOSTILE)
    PublicationFactory(slug="hostile", title=HOSTILE, summary=HOSTILE, publisher=HOSTILE)
    ProgrammeFactory(slug="hostile", title=HOSTILE, summary=HOSTILE)
    for path in ["/ko/news/hostile/", "/ko/publications/hostile/", "/ko/training/hostile/"]:
        head = head_of(client, path)
        assert HOSTILE not in head.html, path
        assert "<script>alert" not in head.html, path
        (block,) = head.json_ld
        assert "<" not in block and ">" not in block, path
        data = head.structured_data[0]
        assert data.get("headline", data.get("name")) == HOSTILE, path
        assert head.meta["og:title"] == HOSTILE, path  # attribute-escaped, read back whole
        # The only scripts: the JSON-LD block and, on publications, the copy-citation file.
        scripts = re.findall(r"<script[^>]*>", head.html)
        assert scripts[0] == '<script type="application/ld+json">', path
        assert all(" src=" in tag for tag in scripts[1:]), path
