"""Keyword search shared by the news and publications lists and the site search.

Every word of the query must match (AND); a word matches when any of the fields contains it.
Korean words match inside compound words and before particles (`연수` finds `초청연수`) because
the match is a substring match; English words match case-insensitively.
"""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Q

MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


def split_words(query):
    """The query's words, without duplicates, at most MAX_WORDS of them."""
    words = []
    for word in (query or "")[:MAX_QUERY_LENGTH].split():
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def word_q(word, fields):
    # Hangul has no case: `contains` keeps the expression a plain LIKE that a trigram index on the
    # column answers; ASCII words need case-insensitive matching.
    lookup = "contains" if _HANGUL.search(word) and word.isalnum() else "icontains"
    return reduce(or_, (Q(**{f"{field}__{lookup}": word}) for field in fields))


def keyword_filter(queryset, query, fields):
    words = split_words(query)
    if not words:
        return queryset
    return queryset.filter(reduce(and_, (word_q(word, fields) for word in words)))
