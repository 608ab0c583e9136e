import json

import pytest
from django.db import OperationalError
from django.test import override_settings

from archive_portal.models import Partner
from archive_portal.seed import load_info_pages, load_partners
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

SECTIONS = ["", "news/", "publications/", "training/", "sdg/", "search/", "about/", "privacy/"]


@pytest.fixture
def info_pages():
    load_info_pages()


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section_landing_pages_answer_in_both_languages(client, info_pages, language, section):
    response = client.get(f"/{language}/{section}")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_home_page_in_korean_has_the_korean_navigation(client):
    response = client.get("/ko/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["새소식", "발간물·연구보고서", "정책공유·초청연수", "지속가능발전 이행계획"]:
        assert f">{label}</a>" in html
    assert '<a class="skip-link" href="#main">본문 바로가기</a>' in html
    assert '<main id="main"' in html


def test_home_page_in_english_has_the_english_navigation(client):
    html = client.get("/en/").content.decode()
    for label in ["News", "Publications & research", "Policy sharing & training"]:
        assert f">{label}</a>" in html
    assert "Skip to main content" in html


def test_language_switch_stays_on_the_same_page(client):
    html = client.get("/ko/news/?page=2").content.decode()
    assert '<a href="/en/news/?page=2" lang="en" hreflang="en">English</a>' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/?page=2">' in html


def test_root_redirects_by_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9")
    assert response["Location"] == "/ko/"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/ko/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>페이지를 찾을 수 없습니다</h1>" in html
    assert '<html lang="ko">' in html


def test_footer_lists_partner_organisations_as_text_links(client):
    load_partners()
    html = client.get("/en/").content.decode()
    assert '<a href="https://unhabitat.org/" rel="noopener">UN-Habitat</a>' in html
    assert (
        '<a href="https://www.krihs.re.kr/" rel="noopener">Korea Research Institute for Human Settlements</a>'
        in html
    )
    html = client.get("/ko/").content.decode()
    assert '<a href="https://www.krihs.re.kr/" rel="noopener">국토연구원</a>' in html
    assert "<img" not in html.split('id="partners-heading"')[1]


def test_a_footer_without_partners_has_no_empty_partners_heading(client):
    assert not Partner.objects.filter(is_active=True).exists()
    html = client.get("/en/").content.decode()
    assert 'id="partners-heading"' not in html
    assert '<a class="site-footer__privacy" href="/en/privacy/">Privacy policy</a>' in html


def test_partner_seed_is_idempotent():
    assert load_partners() == (28, 0)
    assert load_partners() == (0, 0)
    assert Partner.objects.count() == 28
    assert Partner.objects.get(name_en="CITYNET").url == "https://citynet-ap.org/"


def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_503_when_the_database_does_not_answer(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("archive_portal.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "OperationalError"}


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_landing_pages_in_both_languages(client):
    entries = sitemap_entries(client)
    locations = {entry.loc for entry in entries}
    assert {
        "http://testserver/ko/",
        "http://testserver/en/",
        "http://testserver/ko/sdg/",
    } <= locations
    assert entries[0].alternates == {
        "ko": "http://testserver/ko/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/",
    }


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/ko/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@override_settings(DEBUG=False)
def test_the_500_page_renders_without_the_database(client, monkeypatch):
    from archive_portal.views import server_error

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page must not touch the database")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", no_database)
    response = server_error(None)
    assert response.status_code == 500
    html = response.content.decode()
    assert "일시적인 오류가 발생했습니다" in html
    assert "Sorry, there is a problem with the service" in html


def test_admin_login_page_is_in_korean(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "서울정책아카이브 관리" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/ko/news/", "새소식"),
        ("/en/publications/", "Publications & research"),
        ("/ko/publications/policy-cases/", "정책사례"),
        ("/en/training/", "Policy sharing & training"),
        ("/ko/sdg/", "지속가능발전 이행계획"),
        ("/en/about/", "About the Seoul Policy Archive"),
        ("/ko/privacy/", "개인정보처리방침"),
    ],
)
def test_list_pages_have_their_own_link_preview(client, info_pages, path, title):
    html = client.get(path).content.decode()
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:url" content="http://testserver{path}">' in html


def test_database_errors_become_the_503_page_without_touching_the_database(monkeypatch):
    """While PostgreSQL is down every page answers the friendly 503 page (both languages,
    Retry-After, no traceback), rendered without the database."""
    import sys

    from django.db import InterfaceError, OperationalError, ProgrammingError

    from archive_portal.views import server_error

    def no_database(*args, **kwargs):
        raise AssertionError("the 503 page must not touch the database")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", no_database)
    for error in (OperationalError("connection refused"), InterfaceError("connection closed")):
        try:
            raise error
        except type(error):
            assert sys.exc_info()[1] is error
            response = server_error(None)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert "잠시 서비스를 이용할 수 없습니다" in html
        assert "Sorry, the service is temporarily unavailable" in html
        assert "connection" not in html and "Traceback" not in html
    try:
        raise ProgrammingError("a bug, not an outage")
    except ProgrammingError:
        assert server_error(None).status_code == 500


@override_settings(DEBUG=False)
def test_a_page_whose_query_fails_for_an_outage_answers_503(client, monkeypatch):
    from django.db import OperationalError

    def refused(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    client.raise_request_exception = False
    monkeypatch.setattr("archive_portal.views.sections.home_blocks", refused)
    response = client.get("/ko/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is temporarily unavailable" in response.content.decode()
