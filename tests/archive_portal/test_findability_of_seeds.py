"""The issue's "done when": a person finds any seeded item by any distinctive word of its title
or body, in Korean or English.

Every public row of every searched section, with the real seed content: each word that appears
in that item's own text (title and searched fields) and in no other item's is searched for with
the site search's matching, and the item must be among the matches."""

import html
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from archive_portal import search
from archive_portal.lib.search_document import TAG

pytestmark = pytest.mark.django_db

# Letters and digits, two or more; a decimal number is one word (97.5%, 10.28(화)).
WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]{2,}")
# Addresses are not words of the text: an e-mail's local part, a URL's path or a host name
# (data.seoul.go.kr) is no search term.
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|\b[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+\.?")


def words(text):
    """The words of a text as a reader sees them: without HTML tags, entities as characters."""
    return set(WORD.findall(ADDRESS.sub(" ", html.unescape(re.sub(TAG, " ", text)))))


def own_text(source, obj):
    """The item's title and searched fields (not those of related rows, e.g. a task's goal)."""
    names = [source.title_field] + [name for name in source.fields if "__" not in name]
    return " ".join(str(getattr(obj, name, None) or "") for name in names)


def english_stopwords(candidates):
    """Words the `english` configuration drops (the, of, …): no one searches for those alone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w WHERE to_tsvector('english', w) = ''",
            [sorted(candidates)],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_seeded_item_is_found_by_each_of_its_distinctive_words():
    call_command("load_seed_content", verbosity=0)
    items = [
        (source, obj, words(own_text(source, obj)))
        for source in search.sources()
        for obj in source.base_queryset()
    ]
    frequency = Counter(word.lower() for _, _, item_words in items for word in item_words)
    distinctive = {w for _, _, ws in items for w in ws if frequency[w.lower()] == 1}
    distinctive -= english_stopwords({w for w in distinctive if w.isascii()})
    assert {source.key for source, _, ws in items if ws & distinctive} == set(
        search.sources_by_key()
    )

    searched, missing = 0, []
    for source, obj, item_words in items:
        for word in sorted(item_words & distinctive):
            searched += 1
            if not source.filtered(word).filter(pk=obj.pk).exists():
                missing.append((source.key, str(obj)[:40], word))
    assert searched > 2000
    assert missing == [], "\n".join(map(repr, missing))
