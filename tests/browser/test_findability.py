"""The JSON-LD blocks live with the strict Content-Security-Policy: a browser reports no
violation and reads the data from the page."""

import json

import pytest

from tests.news.factories import NewsItemFactory
from tests.training.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_structured_data_raises_no_csp_violation_and_reads_back(page):
    NewsItemFactory(slug="cdp", title="</script><script>alert(1)</script>")
    ProgrammeFactory(slug="rail", title="해외 도시철도관계자 초청연수")
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))

    for path, schema_type in [
        ("/ko/", "WebSite"),
        ("/ko/news/cdp/", "NewsArticle"),
        ("/en/training/rail/", "Event"),
    ]:
        page.goto(path)
        blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
        assert [json.loads(block)["@type"] for block in blocks] == [schema_type], path

    assert json.loads(blocks[0])["name"] == "해외 도시철도관계자 초청연수"
    assert problems == []
