import datetime
import json

import pytest

from archive_portal import sections
from archive_portal.lib.timezone import SEOUL
from news import seed
from news.models import Category, NewsItem, Status

pytestmark = pytest.mark.django_db


def test_the_news_loader_is_registered():
    assert ("news items", seed.load) in sections.seed_loaders()


def test_loads_the_eight_home_page_items_and_the_external_article():
    assert seed.load() == (9, 0)

    assert NewsItem.objects.count() == 9
    assert NewsItem.objects.published().count() == 9
    assert NewsItem.objects.filter(category=Category.EXTERNAL).count() == 1
    assert NewsItem.objects.filter(category=Category.NOTICE).count() == 2
    assert NewsItem.objects.filter(category=Category.PRESS_RELEASE).count() == 6
    assert set(NewsItem.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_loading_twice_creates_and_changes_nothing():
    seed.load()
    before = list(NewsItem.objects.values_list("pk", "slug", "updated_at"))

    assert seed.load() == (0, 0)
    assert list(NewsItem.objects.values_list("pk", "slug", "updated_at")) == before


def test_staff_edits_to_a_seed_item_survive_a_reload():
    seed.load()
    item = NewsItem.objects.get(title__contains="탄소정보공개(CDP)")
    NewsItem.objects.filter(pk=item.pk).update(
        title="서울시, CDP 평가 최고등급(A) (corrected)", author="someone", status=Status.DRAFT
    )
    before = NewsItem.objects.values().get(pk=item.pk)

    assert seed.load() == (0, 0)
    assert NewsItem.objects.values().get(pk=item.pk) == before  # updated_at included
    assert NewsItem.objects.count() == 9


def test_overwrite_restores_an_edited_seed_item():
    seed.load()
    item = NewsItem.objects.get(title__contains="탄소정보공개(CDP)")
    NewsItem.objects.filter(pk=item.pk).update(author="someone", status=Status.DRAFT)

    assert seed.load(overwrite=True) == (0, 1)
    item.refresh_from_db()
    assert item.author == "seoulsolution"
    assert item.status == Status.PUBLISHED
    assert seed.load(overwrite=True) == (0, 0)


def test_a_deleted_seed_item_is_created_again():
    seed.load()
    NewsItem.objects.get(title__contains="탄소정보공개(CDP)").delete()

    assert seed.load() == (1, 0)
    assert NewsItem.objects.filter(title__contains="탄소정보공개(CDP)").count() == 1


def test_a_sample_item_keeps_its_date_author_and_text():
    seed.load()
    item = NewsItem.objects.get(
        title="서울시 올해 탄소정보공개(CDP) 평가에서 국내 유일 최고등급(A) 받아"
    )

    assert item.published_at == datetime.datetime(2023, 11, 30, tzinfo=SEOUL)
    assert item.author == "seoulsolution"
    assert item.category == Category.PRESS_RELEASE
    assert (
        "올해 CDP는 총 939개 도시를 대상으로 평가를 진행하였으며 그중 13%에 해당하는 119개 "
        "도시만이 A등급을 받았다." in item.body
    )
    assert item.summary_lines[0] == (
        "아시아 평균등급 D-, 전세계 평균등급 C등급, 서울시 최고등급인 A등급 획득"
    )


def test_the_flattened_structure_becomes_paragraphs_lists_and_tables():
    seed.load()
    call_2023 = NewsItem.objects.get(published_at__date=datetime.date(2023, 7, 5))

    body = str(call_2023.rendered_body)
    assert body.count("<table>") == 1
    assert '<th scope="row">3일차</th><td rowspan="3">기관방문 현장견학</td>' in body
    assert "<li>① 서울교통공사(컨소시엄 포함)에서 추진 중인 사업 예정국가(도시)</li>" in body
    assert "<p><strong>초청연수 개요</strong></p>" in body
    assert "<li>e-메일: artlhg@seoul.go.kr</li>" in body
    assert body.count("<p") >= 8  # paragraphs, not one wall of text
    assert call_2023.title == (
        "『2023년 도시철도 해외진출을 위한 초청연수』 민간기업 추천 대상국가(도시, 기관) 모집…"
    )


def test_the_training_calls_are_news_notices_with_their_deadlines():
    seed.load()
    calls = NewsItem.objects.filter(category=Category.NOTICE).order_by("published_at")

    assert [item.published_at.astimezone(SEOUL).date() for item in calls] == [
        datetime.date(2023, 7, 5),
        datetime.date(2025, 7, 2),
    ]
    assert "접수기한: 2023. 7. 31.(월) 서울정책아카이브 접수분까지" in calls[0].body
    assert "2025.7.25.(금) 서울정책아카이브 접수분까지" in calls[1].body


def test_the_external_article_has_its_source_and_date_and_no_outlet_chrome():
    seed.load()
    article = NewsItem.objects.get(category=Category.EXTERNAL)

    assert article.title == (
        "서울시, 인재 양성·인프라 조성·투자확대 등의 축 기반으로 한 AI 핵심강국 진입 전략 마련"
    )
    assert article.source_name == "환경포커스"
    assert article.author == ""
    assert article.published_at == datetime.datetime(2025, 11, 7, tzinfo=SEOUL)
    assert "오 시장은 “그동안 정부‧민간의 투자 및 인재풀 위축 등으로" in article.body
    for chrome in ("기상청 제공", "구름많음", "환경뉴스", "더보기", "수도계량기", "[환경포커스"):
        assert chrome not in article.body
        assert chrome not in article.summary


def test_the_data_file_names_its_source():
    data = json.loads(seed.DATA.read_text(encoding="utf-8"))
    assert "seoulsolution.kr" in data["attribution"]
    assert "환경포커스" in data["attribution"]
    assert len(data["items"]) == 9
