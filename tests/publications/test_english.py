"""Publications on /en/: English where it exists (the seeded items' English titles and
summaries, the items written in English), the Korean text marked lang="ko" with "Available in
Korean only" where it does not; linked translations; the feed says which items are Korean only."""

import pytest
from django.core.management import call_command

from publications.models import Publication
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_seeded_publications_all_have_english(client):
    call_command("load_seed_content", verbosity=0)
    assert Publication.objects.count() == 13
    assert not Publication.objects.filter(title_en__isnull=True).exists()
    sharing = Publication.objects.get(slug="sharing-city-seoul")
    assert (sharing.title_en, sharing.english_by_archive) == (
        "The Sharing City Seoul Project",
        False,
    )
    html = client.get("/en/publications/").text
    assert "Available in Korean only" not in html
    assert "서울특별시" not in html  # the publisher has its English name
    assert "Seoul Metropolitan Government" in html
    html = client.get("/en/publications/vulnerable-companion-index/").text
    assert (
        '<h1 id="publication-title" lang="en">Introducing the Companion Index for the Vulnerable</h1>'
        in html
    )
    assert "English translation by the archive; the Korean original prevails." in html
    assert '<div class="body-text prose" lang="ko">' in html  # the body stays Korean, marked


def test_korean_only_publication_is_marked(client):
    publication = PublicationFactory(title="한국어 발간물", publisher="서울특별시")
    html = client.get(f"/en/publications/{publication.slug}/").text
    assert '<h1 id="publication-title" lang="ko">한국어 발간물</h1>' in html
    assert html.count("Available in Korean only") == 1
    assert '<span lang="ko">서울특별시</span>' in html
    feed = client.get("/en/publications/feed/").content.decode()
    assert "<title>한국어 발간물 (Korean only)</title>" in feed


def test_language_switch_leads_to_the_linked_translation(client):
    korean = PublicationFactory(slug="report-ko", title="보고서")
    PublicationFactory(
        slug="report-en", title="Report", title_en="Report", language="en", translation_of=korean
    )
    html = client.get("/ko/publications/report-ko/").text
    assert '<a href="/en/publications/report-en/" lang="en" hreflang="en">English</a>' in html
    html = client.get("/en/publications/report-ko/").text
    assert "This publication also exists as a separate document in English:" in html
