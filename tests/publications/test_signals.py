"""Publication.sector_ids stays equal to the publication's sectors, however they change."""

import pytest

from publications.models import Publication, Sector
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def ids(publication):
    publication.refresh_from_db()
    return publication.sector_ids


def sector(slug):
    return Sector.objects.get(slug=slug)


def test_the_copy_follows_every_change_of_sectors():
    water, environment, transport = (
        sector("water"),
        sector("environment"),
        sector("transportation"),
    )
    publication = PublicationFactory(sectors=["water"])
    other = PublicationFactory(sectors=["water", "environment"])
    assert ids(publication) == [water.pk]
    assert ids(other) == sorted([water.pk, environment.pk])

    publication.sectors.add(transport, environment)
    assert ids(publication) == sorted([water.pk, transport.pk, environment.pk])
    publication.sectors.remove(water)
    assert ids(publication) == sorted([transport.pk, environment.pk])
    publication.sectors.set([water])
    assert ids(publication) == [water.pk]
    publication.sectors.clear()
    assert ids(publication) == []

    # From the sector's side.
    transport.publications.add(publication, other)
    assert ids(publication) == [transport.pk]
    assert ids(other) == sorted([water.pk, environment.pk, transport.pk])
    transport.publications.remove(other)
    assert ids(other) == sorted([water.pk, environment.pk])
    water.publications.clear()
    assert ids(other) == [environment.pk]

    # A deleted sector leaves every copy (the database removes its links without a signal).
    environment.delete()
    assert ids(other) == []
    assert ids(publication) == [transport.pk]
    assert not Publication.objects.filter(sector_ids__contains=[environment.pk]).exists()
