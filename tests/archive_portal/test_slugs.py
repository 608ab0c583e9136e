import pytest
from django.core.exceptions import ValidationError
from django.db.migrations.writer import MigrationWriter
from django.utils import translation

from archive_portal.lib.slugs import reserved_slug_validator


def test_a_reserved_slug_is_refused_with_its_name():
    validator = reserved_slug_validator({"feed", "preview"})
    validator("서울-소식")
    with pytest.raises(ValidationError) as error:
        validator("preview")
    assert error.value.code == "reserved"
    with translation.override("en"):
        assert error.value.messages == [
            "“preview” is an address the site uses itself; choose another slug."
        ]


def test_the_validator_is_written_into_migrations_in_a_stable_order():
    written, _ = MigrationWriter.serialize(reserved_slug_validator({"preview", "feed", "p"}))
    assert written == "archive_portal.lib.slugs.ReservedSlugValidator(['feed', 'p', 'preview'])"
    assert reserved_slug_validator(["p", "feed"]) == reserved_slug_validator({"feed", "p"})
