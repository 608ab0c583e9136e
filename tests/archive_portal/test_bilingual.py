"""archive_portal.lib.bilingual: which language a text is shown in, the Korean fallback marked,
phone numbers for readers abroad, and the seed loaders' create-if-missing English."""

import pytest
from django.utils import translation

from archive_portal.lib import bilingual
from news.models import NewsItem
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_shown_language_is_english_only_where_english_exists():
    english = NewsItemFactory(title="서울 소식", title_en="Seoul news")
    korean = NewsItemFactory(title="한국어 소식")
    with translation.override("en"):
        assert english.title == "Seoul news"
        assert bilingual.shown_language(english, "title") == "en"
        assert bilingual.is_korean_only(english) is False
        assert korean.title == "한국어 소식"
        assert bilingual.shown_language(korean, "title") == "ko"
        assert bilingual.is_korean_only(korean) is True
        assert bilingual.listed_title(korean) == "한국어 소식 (Korean only)"
        assert bilingual.listed_title(english) == "Seoul news"
    with translation.override("ko"):
        assert english.title == "서울 소식"
        assert bilingual.shown_language(english, "title") == "ko"
        assert bilingual.is_korean_only(korean) is False


def test_a_document_written_in_english_keeps_its_language_on_the_korean_pages():
    item = NewsItemFactory(title="Seoul shares", title_en="Seoul shares", language="en")
    with translation.override("ko"):
        assert bilingual.shown_language(item, "title") == "en"


def test_korean_text_is_marked_on_english_pages_only():
    with translation.override("en"):
        assert bilingual.mark_korean("서울특별시") == '<span lang="ko">서울특별시</span>'
        assert bilingual.mark_korean("Seoul <b>") == "Seoul &lt;b&gt;"
        assert bilingual.text_language("운영") == "ko"
        assert bilingual.text_language("2.6%") == "en"
    with translation.override("ko"):
        assert bilingual.mark_korean("서울특별시") == "서울특별시"


def test_korean_quoted_in_english_is_marked_run_by_run():
    assert bilingual.mark_korean_runs("The targets of '먹거리전략 2030 추진' <are> words") == (
        'The targets of &#x27;<span lang="ko">먹거리전략 2030 추진</span>&#x27; &lt;are&gt; words'
    )
    assert (
        bilingual.mark_korean_runs("세부사업5: repeats")
        == '<span lang="ko">세부사업</span>5: repeats'
    )


@pytest.mark.parametrize(
    ("written", "international", "uri"),
    [
        ("02-6438-2522", "+82 2-6438-2522", "+82264382522"),
        ("2133-7310", "+82 2-2133-7310", "+82221337310"),
        ("7336", "7336", ""),
        ("", "", ""),
    ],
)
def test_phone_numbers_get_the_international_dialling_code(written, international, uri):
    assert bilingual.international_phone(written) == international
    assert bilingual.tel_uri(written) == uri


def test_translated_fields_expand_to_both_language_columns():
    from sdg_plan.models import Project

    assert bilingual.language_columns(Project, ["name", "task__goal__title", "sections"]) == [
        "name_ko", "name_en", "task__goal__title_ko", "task__goal__title_en", "sections",
    ]  # fmt: skip


def test_seed_columns_and_filling_only_empty_english():
    columns = bilingual.seed_columns(
        NewsItem, {"title": "제목", "slug": "s"}, "ko", {"title": "Title", "slug": "x"}
    )
    assert columns == {"title_ko": "제목", "slug": "s", "title_en": "Title"}
    item = NewsItemFactory(title="제목", title_en="Staff's English")
    assert bilingual.fill_empty_columns(item, columns) is False
    item.refresh_from_db()
    assert item.title_en == "Staff's English"
    item.title_en = ""
    item.save()
    assert bilingual.fill_empty_columns(item, columns, {"english_by_archive": True}) is True
    item.refresh_from_db()
    assert (item.title_en, item.english_by_archive) == ("Title", True)


def test_partners_are_named_in_the_pages_language(client):
    from archive_portal.models import Partner

    Partner.objects.create(
        name_ko="서울연구원", name_en="The Seoul Institute", url="https://si.re.kr"
    )
    assert (
        '<a href="https://si.re.kr" rel="noopener">The Seoul Institute</a>'
        in client.get("/en/").text
    )
    assert '<a href="https://si.re.kr" rel="noopener">서울연구원</a>' in client.get("/ko/").text
