"""Sorting names as people of each language expect (Korean 가나다 order, English with accents
folded: Åland next to Albania), with ICU's collation (PyICU): Python's own string order, and
django-countries' fallback that keeps only ASCII letters, put 대한민국's neighbours in English
alphabetical order."""

from functools import cache

import icu
from django.utils.translation import get_language


@cache
def _collator(language):
    return icu.Collator.createInstance(icu.Locale(language))


def collation_key(language=None):
    """A sort key function for strings in `language` (default: the active language)."""
    return _collator(language or get_language() or "ko").getSortKey


def sorted_by_name(pairs, language=None):
    """(key, name) pairs sorted by name in the language's collation."""
    key = collation_key(language)
    return sorted(pairs, key=lambda pair: key(str(pair[1])))
