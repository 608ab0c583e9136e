"""No staff input can put a script, an event handler or a javascript: link on a public page."""

import re

import pytest

from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

HOSTILE_BODY = """
Intro paragraph with [a markdown link](javascript:alert('md')) and <b>bold</b>.

<script>alert('script')</script>
<p onclick="alert('click')" style="color:red">Clickable paragraph</p>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('html')">html link</a>
<a href="JaVaScRiPt:alert('mixed')">mixed case</a>
<a href="&#106;avascript:alert('entity')">entity</a>
<svg onload="alert('svg')"><circle r="1"/></svg>
<iframe src="https://example.com"></iframe>
<a href="https://www.seoul.go.kr/">Seoul</a>
"""


def test_hostile_body_is_cleaned_on_the_public_page(client):
    item = NewsItemFactory(body=HOSTILE_BODY, title="<script>alert('title')</script>")

    text = client.get(item.get_absolute_url()).text
    article = text[text.index('<article class="news-article">') : text.index("</article>")]

    # The only scripts: the JSON-LD block (not executed), where the title is \u-escaped, and
    # the site's own script file (the phone menu).
    scripts = re.findall(r"<script[^>]*>", text.lower())
    assert scripts[0] == '<script type="application/ld+json">'
    assert [
        tag
        for tag in scripts[1:]
        if not re.fullmatch(r'<script src="/static/js/[\w.]+\.js" defer>', tag)
    ] == []
    assert '"headline":"\\u003Cscript\\u003Ealert(\'title\')\\u003C/script\\u003E"' in text
    lowered = article.lower()
    for forbidden in ("onclick", "onerror", "onload", "javascript:", "<iframe", "<svg", "style="):
        assert forbidden not in lowered, forbidden
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text  # the title is escaped
    assert "<b>bold</b>" in article
    assert "<p>Clickable paragraph</p>" in article
    assert '<a href="https://www.seoul.go.kr/" rel="noopener noreferrer">Seoul</a>' in article


def test_summary_is_plain_text(client):
    item = NewsItemFactory(summary='<img src=x onerror="alert(1)">')
    text = client.get(item.get_absolute_url()).text
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
