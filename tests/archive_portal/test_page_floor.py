"""What every page pays, made cheaper without changing what it sends (issue 13): the language
links translated once per path and process, the link-preview tags written in Python, the
Content-Security-Policy header built once per settings."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.decorators import csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.http import HttpResponse
from django.template import TemplateSyntaxError, engines
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import translate_url
from django.utils import translation

from archive_portal.middleware import ContentSecurityPolicy
from archive_portal.templatetags import portal
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PNG_BYTES, upload

pytestmark = pytest.mark.django_db

SITE_DESCRIPTION_KO = (
    "서울특별시가 도시정책, 연구, 정책사례와 지속가능발전 이행계획을 세계와 나눕니다."
)


def render(source, path="/ko/news/", context=None, language="ko"):
    request = RequestFactory().get(path)
    with translation.override(language):
        return engines["django"].from_string("{% load portal %}" + source).render(context, request)


def test_a_fragment_cannot_hold_a_block():
    """Kept under its name, it would show one template's block on every other template's pages;
    and Django, looking for the root template's blocks on every page, does not look inside."""
    with pytest.raises(TemplateSyntaxError, match="cannot hold a {% block %}"):
        engines["django"].from_string(
            "{% load portal %}{% fragment 'x' %}{% block title %}{% endblock %}{% endfragment %}"
        )


# --- share_meta -------------------------------------------------------------------------------


def test_share_meta_writes_the_default_image_s_tags_escaped():
    html = render('{% share_meta title=title kind="website" %}', context={"title": 'A & "B" <C>'})
    image = "http://testserver" + static("img/share.png")
    assert html == (
        "\n"
        '  <meta property="og:type" content="website">\n'
        '  <meta property="og:title" content="A &amp; &quot;B&quot; &lt;C&gt;">\n'
        f'  <meta property="og:description" content="{SITE_DESCRIPTION_KO}">\n'
        '  <meta property="og:url" content="http://testserver/ko/news/">\n'
        f'  <meta property="og:image" content="{image}">\n'
        '  <meta property="og:image:type" content="image/png">\n'
        '  <meta property="og:image:width" content="1200">\n'
        '  <meta property="og:image:height" content="630">\n'
        '  <meta property="og:image:alt" content="서울정책아카이브">\n'
        '  <meta name="twitter:card" content="summary_large_image">\n'
        '  <meta name="twitter:title" content="A &amp; &quot;B&quot; &lt;C&gt;">\n'
        f'  <meta name="twitter:description" content="{SITE_DESCRIPTION_KO}">\n'
        f'  <meta name="twitter:image" content="{image}">\n'
        '  <meta name="twitter:image:alt" content="서울정책아카이브">\n'
        "  \n"
    )


@pytest.mark.parametrize("alt", ["표 <1>", ""])
def test_share_meta_writes_an_item_s_own_image_and_its_alternative_text(settings, tmp_path, alt):
    settings.MEDIA_ROOT = tmp_path
    item = NewsItemFactory(cover_image=upload("cover.png", PNG_BYTES), cover_image_alt=alt)
    html = render(
        "{% share_meta title=item.title description=description path=path "
        "image=item.cover_image image_alt=item.cover_image_alt %}",
        context={"item": item, "description": "요약", "path": "/ko/news/x/"},
        language="en",
    )
    image = f"http://testserver{item.cover_image.url}"
    alt_tag = '<meta property="og:image:alt" content="표 &lt;1&gt;">\n  ' if alt else ""
    twitter_alt = '<meta name="twitter:image:alt" content="표 &lt;1&gt;">\n  ' if alt else ""
    assert html == (
        "\n"
        '  <meta property="og:type" content="article">\n'
        f'  <meta property="og:title" content="{item.title}">\n'
        '  <meta property="og:description" content="요약">\n'
        '  <meta property="og:url" content="http://testserver/ko/news/x/">\n'
        f'  <meta property="og:image" content="{image}">\n'
        f"  {alt_tag}"
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'  <meta name="twitter:title" content="{item.title}">\n'
        '  <meta name="twitter:description" content="요약">\n'
        f'  <meta name="twitter:image" content="{image}">\n'
        f"  {twitter_alt}"
        "\n"
    )


def test_the_default_share_image_follows_the_static_settings(settings):
    before = portal.share_image_url(None)
    assert before == settings.SITE_URL + static("img/share.png")
    settings.STATIC_URL = "/other-static/"
    after = portal.share_image_url(None)
    assert after == settings.SITE_URL + static("img/share.png")
    assert "/other-static/" in after
    assert "/other-static/" not in before


# --- the language links -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/ko/news/?page=2&q=%EC%84%9C%EC%9A%B8", "en", "/en/news/?page=2&q=%EC%84%9C%EC%9A%B8"),
        ("/en/publications/policy-cases/", "ko", "/ko/publications/policy-cases/"),
        ("/ko/news/", "ko", "/ko/news/"),
        ("/ko/no-such-page/?a=1", "en", "/ko/no-such-page/?a=1"),  # unresolved: unchanged
    ],
)
def test_url_in_language_is_translate_url_of_the_address(path, language, expected):
    source_language = path.split("/")[1]
    with translation.override(source_language):
        assert translate_url(RequestFactory().get(path).get_full_path(), language) == expected
    for _time in ("first", "remembered"):
        html = render(f'{{% url_in_language "{language}" %}}', path=path, language=source_language)
        assert html == expected.replace("&", "&amp;")


def test_a_query_string_holding_a_hash_goes_to_translate_url_as_a_whole():
    request = RequestFactory().get("/ko/news/")
    request.META["QUERY_STRING"] = "a=1#b"
    with translation.override("ko"):
        context = {"request": request}
        assert portal.url_in_language(context, "en") == "/en/news/?a=1#b"
        assert translate_url(request.get_full_path(), "en") == "/en/news/?a=1#b"


def test_language_links_name_each_language_and_mark_the_current_one():
    html = render(
        "{% language_links as links %}{% for l in links %}"
        "{{ l.code }}|{{ l.name_local }}|{{ l.url }}|{{ l.absolute_url }}|{{ l.current }};"
        "{% endfor %}",
        path="/en/sdg/?goal=1",
        language="en",
    )
    assert html == (
        "ko|한국어|/ko/sdg/?goal=1|http://testserver/ko/sdg/?goal=1|False;"
        "en|English|/en/sdg/?goal=1|http://testserver/en/sdg/?goal=1|True;"
    )


def test_a_view_s_counterpart_urls_lead_the_switch(client, settings):
    """A news item's language switch leads to its counterpart (a view's `language_urls`)."""
    html = render(
        "{% language_links as links %}{% for l in links %}{{ l.url }};{% endfor %}",
        path="/en/news/english-item/",
        context={"language_urls": {"ko": "/ko/news/korean-item/"}},
        language="en",
    )
    assert html == "/ko/news/korean-item/;/en/news/english-item/;"


def test_the_page_s_switch_and_hreflang_links(client):
    html = client.get("/en/news/?page=1").text
    assert '<link rel="alternate" hreflang="ko" href="http://testserver/ko/news/?page=1">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/news/?page=1">' in html
    assert '<a href="/ko/news/?page=1" lang="ko" hreflang="ko">한국어</a>' in html
    assert '<span aria-current="true" lang="en">English</span>' in html


@pytest.mark.parametrize(
    "query",
    ["q=서울", "q=%EC%84%9C%EC%9A%B8"],  # sent as raw UTF-8 (curl, a script) or as browsers do
    ids=["raw UTF-8", "percent-encoded"],
)
def test_the_switch_keeps_a_korean_query_however_it_was_sent(client, query):
    """WSGI hands the query string over as Latin-1: the raw bytes of 서울 must not come back
    as six Latin-1 characters encoded again."""
    html = client.get(f"/en/search/?{query}").text
    encoded = "q=%EC%84%9C%EC%9A%B8"
    assert f'<a href="/ko/search/?{encoded}" lang="ko" hreflang="ko">한국어</a>' in html
    assert f'hreflang="ko" href="http://testserver/ko/search/?{encoded}">' in html


def test_a_query_string_that_is_not_utf_8_is_kept_as_it_came():
    request = RequestFactory().get("/ko/news/")
    request.META["QUERY_STRING"] = "q=\xe9t\xe9"  # Latin-1 été: no UTF-8 reading
    with translation.override("ko"):
        assert portal.url_in_language({"request": request}, "en") == "/en/news/?q=%C3%A9t%C3%A9"


# --- Content-Security-Policy ------------------------------------------------------------------


def test_the_policy_header_is_django_csp_s(client):
    response = client.get("/ko/")
    assert response[HEADER] == build_policy()
    assert HEADER_REPORT_ONLY not in response


def test_another_policy_in_the_settings_is_sent_at_once(client, settings):
    client.get("/ko/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'self'"]},
        "EXCLUDE_URL_PREFIXES": ["/en/"],
    }
    response = client.get("/ko/")
    assert response[HEADER] == "default-src 'none'"
    assert response[HEADER_REPORT_ONLY] == "default-src 'self'"
    english = client.get("/en/")
    assert (english[HEADER], HEADER_REPORT_ONLY in english) == ("default-src 'none'", False)


def directives(header):
    return set(header.split("; "))


def test_a_view_s_own_policy_and_a_nonce_go_through_django_csp(settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]}
    }

    @csp_update({"img-src": "https://example.org"})
    def view(request):
        return HttpResponse()

    ours = ContentSecurityPolicy(view)
    theirs = CSPMiddleware(view)
    headers = []
    for middleware in (ours, theirs):
        request = RequestFactory().get("/ko/")
        middleware.process_request(request)
        response = middleware.process_response(request, view(request))
        headers.append(directives(response[HEADER]))
    assert headers[0] == headers[1]
    assert headers[0] == {"default-src 'self'", "img-src https://example.org", "script-src 'self'"}

    request = RequestFactory().get("/ko/")
    ours.process_request(request)
    nonce = str(request.csp_nonce)
    response = ours.process_response(request, HttpResponse())
    assert directives(response[HEADER]) == {
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
    }
    assert str(request.csp_nonce) == nonce

    request = RequestFactory().get("/ko/")
    ours.process_request(request)
    response = ours.process_response(request, HttpResponse())
    assert directives(response[HEADER]) == {"default-src 'self'", "script-src 'self'"}
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)  # first asked for after the header was written: an error


def test_the_home_page_s_structured_data_is_kept_per_host(client, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.ALLOWED_HOSTS = ["testserver", "archive.example.org"]

    def search_target(**extra):
        html = client.get("/ko/", **extra).text
        return html.split('"urlTemplate":"')[1].split('"')[0]

    assert search_target() == "http://testserver/ko/search/?q={search_term_string}"
    assert search_target(HTTP_HOST="archive.example.org") == (
        "http://archive.example.org/ko/search/?q={search_term_string}"
    )
    assert search_target(HTTP_HOST="archive.example.org", secure=True) == (
        "https://archive.example.org/ko/search/?q={search_term_string}"
    )
    assert search_target() == "http://testserver/ko/search/?q={search_term_string}"
