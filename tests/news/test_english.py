"""News on /en/: the English version where it exists, the Korean text marked lang="ko" with
"Available in Korean only" where it does not; linked translations; feed, JSON-LD and search in
the page's language."""

import json
import re

import pytest
from django.core.management import call_command

from news.models import NewsItem
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def json_ld(response):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.+?)</script>', response.text).group(1)
    )


def test_english_version_shown_with_the_archive_note(client):
    item = NewsItemFactory(
        slug="cdp", title="서울시 CDP 최고등급", title_en="Seoul receives an A from CDP",
        summary="요약", summary_en="The summary.", english_by_archive=True,
    )  # fmt: skip
    response = client.get(f"/en/news/{item.slug}/")
    assert response.status_code == 200
    assert '<h1 lang="en">Seoul receives an A from CDP</h1>' in response.text
    assert '<p class="news-lead news-lead--single" lang="en">The summary.</p>' in response.text
    assert "English translation by the archive; the Korean original prevails." in response.text
    assert "Available in Korean only" not in response.text
    assert json_ld(response)["headline"] == "Seoul receives an A from CDP"
    assert json_ld(response)["inLanguage"] == "en"
    assert '<meta property="og:title" content="Seoul receives an A from CDP">' in response.text
    # Korean page: the Korean text, no English note.
    response = client.get(f"/ko/news/{item.slug}/")
    assert '<h1 lang="ko">서울시 CDP 최고등급</h1>' in response.text
    assert "English translation by the archive" not in response.text


def test_korean_only_item_is_marked_on_english_pages(client):
    item = NewsItemFactory(slug="ko-only", title="한국어로만 있는 소식", body="<p>본문</p>")
    response = client.get(f"/en/news/{item.slug}/")
    assert '<h1 lang="ko">한국어로만 있는 소식</h1>' in response.text
    assert response.text.count("Available in Korean only") == 1
    assert '<div class="body-text news-body" lang="ko">' in response.text
    assert json_ld(response)["inLanguage"] == "ko"
    feed = client.get("/en/news/feed/").content.decode()
    assert "<title>한국어로만 있는 소식 (Korean only)</title>" in feed
    assert "<title>한국어로만 있는 소식</title>" in client.get("/ko/news/feed/").content.decode()


def test_list_marks_each_title_in_its_language(client):
    NewsItemFactory(title="한국어 소식")
    NewsItemFactory(title="영문 소식", title_en="English news")
    html = client.get("/en/news/").text
    assert '<a href="/en/news/news-' in html
    assert 'lang="ko">한국어 소식</a>' in html
    assert 'lang="en">English news</a>' in html


def test_language_switch_leads_to_the_linked_translation(client, django_assert_num_queries):
    korean = NewsItemFactory(slug="korean-doc", title="한국어 보도자료")
    english = NewsItemFactory(
        slug="english-doc", title="English press release", title_en="English press release",
        language="en", translation_of=korean,
    )  # fmt: skip
    response = client.get("/ko/news/korean-doc/")
    assert '<a href="/en/news/english-doc/" lang="en" hreflang="en">English</a>' in response.text
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/news/english-doc/">'
        in response.text
    )
    response = client.get("/en/news/english-doc/")
    assert '<a href="/ko/news/korean-doc/" lang="ko" hreflang="ko">한국어</a>' in response.text
    # On /en/ the Korean document points to its English version.
    response = client.get("/en/news/korean-doc/")
    assert "This item also exists as a separate document in English:" in response.text
    assert (
        '<a href="/en/news/english-doc/" lang="en" hreflang="en">English press release</a>'
        in response.text
    )
    assert english.translations.count() == 0


def test_english_search_finds_english_titles(client):
    NewsItemFactory(title="서울시 탄소정보공개", title_en="Seoul carbon disclosure")
    html = client.get("/en/news/", {"q": "disclosure"}).text
    assert "<mark>disclosure</mark>" in html
    html = client.get("/en/search/", {"q": "carbon"}).text
    assert (
        'lang="en">Seoul <mark>carbon</mark> disclosure</a>' in html
        or "Seoul carbon disclosure</a>" in html
    )


def test_seeded_news_all_have_english_titles_and_summaries(client):
    call_command("load_seed_content", verbosity=0)
    assert NewsItem.objects.count() == 9
    assert not NewsItem.objects.filter(title_en__isnull=True).exists()
    assert not NewsItem.objects.filter(summary_en__isnull=True).exists()
    assert NewsItem.objects.filter(english_by_archive=True).count() == 9
    html = client.get("/en/news/").text
    assert "Available in Korean only" not in html
    assert "Seoul ranks 8th in the world as a city for start-ups" in html


def test_admin_edits_both_languages_side_by_side(client, superuser):
    item = NewsItemFactory(title="서울 소식")
    client.force_login(superuser)
    html = client.get(f"/admin/news/newsitem/{item.pk}/change/").text
    assert 'name="title_ko"' in html
    assert 'name="title_en"' in html
    assert 'name="summary_en"' in html
    assert 'name="translation_of"' in html
    assert 'name="english_by_archive"' in html
    assert html.index('name="title_ko"') < html.index('name="title_en"') < html.index('name="slug"')
    # Searching the list finds either language.
    item.title_en = "Seoul news"
    item.save()
    assert "서울 소식" in client.get("/admin/news/newsitem/", {"q": "Seoul news"}).text
