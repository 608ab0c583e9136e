"""The data migrations that turned Markdown bodies into the editor's HTML, once: the HTML is what
the site showed for the Markdown, and bodies already in HTML (or flattened document text) are
left as they were."""

import importlib

import pytest
from django.apps import apps

from news.models import NewsItem
from publications.models import BodyFormat, Publication
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db

MARKDOWN = "## 배경\n\n서울시는 **대중교통**을 늘립니다.\n\n- 버스\n- 지하철\n"
HTML = "<h2>배경</h2>\n<p>서울시는 <strong>대중교통</strong>을 늘립니다.</p>\n<ul>\n<li>버스</li>\n<li>지하철</li>\n</ul>"


def test_markdown_news_bodies_become_the_html_the_site_showed():
    markdown_item = NewsItemFactory(body=MARKDOWN)
    html_item = NewsItemFactory(body="<p>이미 <em>HTML</em></p>")
    shown_before = str(markdown_item.rendered_body)
    migration = importlib.import_module("news.migrations.0009_history_and_body_html")
    migration.markdown_bodies_to_html(apps, None)
    markdown_item = NewsItem.objects.get(pk=markdown_item.pk)
    assert markdown_item.body == HTML
    assert str(markdown_item.rendered_body) == shown_before
    assert NewsItem.objects.get(pk=html_item.pk).body == "<p>이미 <em>HTML</em></p>"
    migration.markdown_bodies_to_html(apps, None)  # a second run changes nothing
    assert NewsItem.objects.get(pk=markdown_item.pk).body == HTML


def test_markdown_publications_become_html_and_flat_ones_stay():
    markdown = PublicationFactory(body=MARKDOWN, body_format=BodyFormat.MARKDOWN)
    flat = PublicationFactory(body="□ 추진 배경", body_format=BodyFormat.FLAT)
    migration = importlib.import_module("publications.migrations.0011_history_and_body_html")
    migration.markdown_bodies_to_html(apps, None)
    markdown = Publication.objects.get(pk=markdown.pk)
    assert (markdown.body, markdown.body_format) == (HTML, BodyFormat.HTML)
    flat = Publication.objects.get(pk=flat.pk)
    assert (flat.body, flat.body_format) == ("□ 추진 배경", BodyFormat.FLAT)
