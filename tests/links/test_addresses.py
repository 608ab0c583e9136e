"""Permanent addresses (issue 17): /publications/p/<id>/ follows the item, and an old slug
keeps working as a redirect after the slug changes."""

import pytest

from publications.models import PreviousSlug, Status
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def test_an_old_slug_redirects_to_the_new_address(client):
    publication = PublicationFactory(slug="old-name")
    publication.slug = "new-name"
    publication.save()

    response = client.get("/en/publications/old-name/")

    assert response.status_code == 301
    assert response["Location"] == "/en/publications/new-name/"
    assert client.get(f"/en/publications/p/{publication.pk}/")["Location"] == (
        "/en/publications/new-name/"
    )
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == ["old-name"]


def test_every_old_slug_of_a_renamed_twice_item_redirects(client):
    publication = PublicationFactory(slug="first")
    for slug in ("second", "third"):
        publication.slug = slug
        publication.save()
    assert client.get("/ko/publications/first/")["Location"] == "/ko/publications/third/"
    assert client.get("/ko/publications/second/")["Location"] == "/ko/publications/third/"


def test_a_slug_taken_back_is_no_longer_a_redirect(client):
    publication = PublicationFactory(slug="a")
    publication.slug = "b"
    publication.save()
    publication.slug = "a"
    publication.save()
    assert client.get("/ko/publications/a/").status_code == 200
    assert client.get("/ko/publications/b/")["Location"] == "/ko/publications/a/"
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == ["b"]


def test_an_old_slug_of_a_draft_is_not_found(client):
    publication = PublicationFactory(slug="was-public")
    publication.slug = "now-draft"
    publication.status = Status.DRAFT
    publication.save()
    assert client.get("/ko/publications/was-public/").status_code == 404
    assert client.get("/ko/publications/unknown/").status_code == 404
