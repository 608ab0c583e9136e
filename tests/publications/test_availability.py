"""An item with no file, link or video on this site says where it can be obtained instead of
offering download affordances that lead nowhere."""

import pytest

from publications.seed import load
from tests.publications.factories import AttachmentFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def obtain_section(html):
    if '<section class="obtain"' not in html:
        return None
    start = html.index('<section class="obtain"')
    return html[start : html.index("</section>", start)]


def test_a_seeded_video_without_an_address_says_to_ask_its_publisher(client):
    load()
    html = client.get("/en/publications/policy-video-startups/").content.decode()
    section = obtain_section(html)
    assert '<h2 id="obtain-heading">Watching the video</h2>' in section
    # The publisher's English name on /en/ (the archive's translation, issue 12).
    assert (
        "its source gave no address for it. To watch it, ask its publisher, "
        "Seoul Metropolitan Government." in section
    )
    assert '<a href="/en/contact/">Contact details</a>' in section
    assert "<iframe" not in html and "Download" not in html


def test_the_seeded_ebook_without_a_link_says_where_the_source_says_it_is(client):
    load()
    section = obtain_section(
        client.get("/ko/publications/changes-in-seoul-life-2025/").content.decode()
    )
    assert '<h2 id="obtain-heading">자료를 구하는 방법</h2>' in section
    assert "정보소통광장(opengov.seoul.go.kr)" in section


def test_an_item_with_a_link_or_a_file_has_no_such_note(client):
    PublicationFactory(slug="linked", external_url="https://ebook.seoul.go.kr/Viewer/X")
    AttachmentFactory(publication=PublicationFactory(slug="filed"))
    for slug in ("linked", "filed"):
        assert obtain_section(client.get(f"/ko/publications/{slug}/").content.decode()) is None
