"""Keyword search shared by the news and publications lists and the site search (one
implementation, not three).

Every word of the query must match (AND). Korean words match inside compound words and before
particles (`연수` finds `초청연수`, `탄소중립` finds `탄소중립을`): matching is by substring.
English words match case-insensitively, with stemming where the model has an English full-text
column (`policies` finds `policy`).

On models with the generated search columns of `archive_portal.lib.search_document` (news,
publications: the large tables) every word is answered from a GIN index:
- a Hangul word of three or more syllables: LIKE on the lower-cased `search_text`, trigram index;
- a two-syllable Hangul word (no trigram exists): the Hangul-bigram vector, then the exact LIKE;
- another word: the `english` full-text vector, or (three characters and more) the trigram LIKE.
Other models (a few hundred rows at most) are matched with plain substring lookups on `fields`.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q

MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_HANGUL_SYLLABLES = re.compile(r"^[\uac00-\ud7a3]+$")


def split_words(query):
    """The query's words, without duplicates, at most MAX_WORDS of them."""
    words = []
    for word in (query or "")[:MAX_QUERY_LENGTH].split():
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def word_q(word, fields):
    """Substring match of one word on any of `fields` (models without search columns)."""
    # Hangul has no case: `contains` keeps the expression a plain LIKE; other words need
    # case-insensitive matching.
    lookup = "contains" if _HANGUL.search(word) and word.isalnum() else "icontains"
    return reduce(or_, (Q(**{f"{field}__{lookup}": word}) for field in fields))


def document_q(word):
    """One word against the generated search columns (see the module docstring)."""
    lowered = word.lower()
    if _HANGUL.search(lowered):
        like = Q(search_text__contains=lowered)
        if len(lowered) == 2 and _HANGUL_SYLLABLES.match(lowered):
            return Q(search_bigrams=SearchQuery(lowered, config="simple")) & like
        return like
    english = Q(search_en=SearchQuery(word, config="english"))
    if len(lowered) >= 3:
        return english | Q(search_text__contains=lowered)
    return english


def has_search_document(model):
    return any(field.name == "search_text" for field in model._meta.get_fields())


def keyword_filter(queryset, query, fields, extra_fields=()):
    """Rows of `queryset` matching every word of `query`.

    `fields` are used for models without search columns; `extra_fields` (e.g. attachment titles,
    across a relation) are matched by substring in addition to the search columns.
    """
    words = split_words(query)
    if not words:
        return queryset
    if has_search_document(queryset.model):
        conditions = []
        for word in words:
            condition = document_q(word)
            if extra_fields:
                condition |= word_q(word, extra_fields)
            conditions.append(condition)
    else:
        conditions = [word_q(word, list(fields) + list(extra_fields)) for word in words]
    queryset = queryset.filter(reduce(and_, conditions))
    if extra_fields:
        queryset = queryset.distinct()
    return queryset
