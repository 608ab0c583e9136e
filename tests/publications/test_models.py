from datetime import date

import pytest
from django.utils import timezone

from publications.models import Publication, Status, video_embed_url
from tests.publications.factories import PublicationFactory


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.youtube.com/watch?v=bad\"id", ""),
        ("https://example.com/watch?v=dQw4w9WgXcQ", ""),
        ("", ""),
    ],
)  # fmt: skip
def test_video_embed_url(url, embed):
    assert video_embed_url(url) == embed


@pytest.mark.django_db
def test_published_is_status_and_date(db):
    today = timezone.localdate()
    visible = [
        PublicationFactory(slug="today", published_on=today),
        PublicationFactory(slug="undated", published_on=None),
    ]
    PublicationFactory(slug="tomorrow", published_on=date(today.year + 1, 1, 1))
    PublicationFactory(slug="draft", status=Status.DRAFT)
    assert set(Publication.objects.published()) == set(visible)


@pytest.mark.django_db
def test_str_and_urls():
    publication = PublicationFactory(slug="abc", title="제목")
    assert str(publication) == "제목"
    assert publication.get_absolute_url() == "/ko/publications/abc/"
    assert publication.get_permalink() == f"/ko/publications/p/{publication.pk}/"
