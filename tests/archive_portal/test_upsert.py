"""archive_portal.lib.seed.upsert: the one way seed loaders write a row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from archive_portal.lib.seed import upsert
from archive_portal.models import Partner
from news.models import NewsItem
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

CITYNET = {"name_en": "CITYNET"}
VALUES = {"name_ko": "씨티넷", "url": "https://citynet-ap.org/", "order": 1}


def test_a_missing_row_is_created_with_the_lookup_and_the_values(django_assert_num_queries):
    # the lookup, the INSERT, the INSERT of its first version in the history (simple_history)
    with django_assert_num_queries(3):
        result = upsert(Partner, CITYNET, VALUES)

    assert (result.created, result.updated, result.differs) == (True, False, False)
    partner = Partner.objects.get()
    assert (partner.name_en, partner.name_ko, partner.url, partner.order) == (
        "CITYNET",
        "씨티넷",
        "https://citynet-ap.org/",
        1,
    )
    assert result.obj == partner


def test_an_existing_row_is_kept_as_staff_left_it(django_assert_num_queries):
    upsert(Partner, CITYNET, VALUES)
    Partner.objects.update(url="https://citynet-ap.org/en/")

    with django_assert_num_queries(1):  # the lookup only
        result = upsert(Partner, CITYNET, VALUES)

    assert (result.created, result.updated, result.differs) == (False, False, True)
    assert Partner.objects.get().url == "https://citynet-ap.org/en/"


def test_an_unchanged_row_is_not_written_even_with_overwrite(django_assert_num_queries):
    upsert(Partner, CITYNET, VALUES)
    with django_assert_num_queries(1):
        result = upsert(Partner, CITYNET, VALUES, overwrite=True)
    assert (result.created, result.updated, result.differs) == (False, False, False)


def test_overwrite_writes_only_the_seeded_fields_that_differ(django_assert_num_queries):
    upsert(Partner, CITYNET, VALUES)
    Partner.objects.update(url="https://citynet-ap.org/en/", order=7, is_active=False)

    # the lookup, one UPDATE, the version it makes in the history
    with django_assert_num_queries(3) as queries:
        result = upsert(Partner, CITYNET, VALUES, overwrite=True)

    assert (result.created, result.updated, result.differs) == (False, True, True)
    update = queries.captured_queries[1]["sql"]
    assert queries.captured_queries[2]["sql"].startswith(
        'INSERT INTO "archive_portal_historicalpartner"'
    )
    assert update.startswith('UPDATE "archive_portal_partner" SET "url" = ')
    assert '"order" = 1' in update and "name_ko" not in update and "is_active" not in update
    partner = Partner.objects.get()
    assert (partner.url, partner.order, partner.is_active) == ("https://citynet-ap.org/", 1, False)


def test_overwrite_stamps_the_change_but_leaves_other_columns_alone():
    item = NewsItemFactory(slug="seeded", title="staff title")
    long_ago = timezone.now() - datetime.timedelta(days=30)
    NewsItem.objects.filter(pk=item.pk).update(view_count=41, updated_at=long_ago)

    result = upsert(NewsItem, {"slug": "seeded"}, {"title": "seed title"}, overwrite=True)

    assert result.updated
    item.refresh_from_db()
    assert (item.title, item.view_count) == ("seed title", 41)
    assert item.updated_at > long_ago


def test_full_clean_applies_the_models_rules_before_anything_is_written():
    # An error fails the caller's transaction (a load is all or nothing): here, the test's own.
    with pytest.raises(ValidationError) as error, transaction.atomic():
        upsert(Partner, CITYNET, {**VALUES, "url": "not an address"}, full_clean=True)
    assert list(error.value.message_dict) == ["url"]
    assert not Partner.objects.exists()

    upsert(Partner, CITYNET, VALUES, full_clean=True)
    with pytest.raises(ValidationError), transaction.atomic():
        upsert(Partner, CITYNET, {"url": "not an address"}, overwrite=True, full_clean=True)
    assert Partner.objects.get().url == "https://citynet-ap.org/"
