"""Keyword search shared by the news and publications lists and the site search (one
implementation, not three).

Every word of the query must match (AND). Korean words match inside compound words and before
particles (`연수` finds `초청연수`, `탄소중립` finds `탄소중립을`): matching is by substring.
English words match case-insensitively, with stemming where the model has an English full-text
column (`policies` finds `policy`).

On models with the generated search columns of `archive_portal.lib.search_document` (news,
publications: the large tables) every word is answered from a GIN index:
- a Hangul word: the Hangul-bigram vector — every bigram of the word must be in the text
  (exact for two syllables; for longer words the bigrams could in principle stand apart, a
  precision cost accepted for speed: no re-check of the long text). A word of three syllables
  or more also matches with spaces between its syllables (`초청연수` finds `초청 연수`): each
  of its bigrams may be written together or apart;
- a word mixing Hangul with other letters or digits (`AI전략`, `148조원`): LIKE on the
  lower-cased `search_text`, trigram index;
- another word: the `english` full-text vector (whole words, stemmed); a word with punctuation
  (`R&D`, `e-government`) as a phrase of the parts the parser makes of it (`r <-> d`), a number
  with separators (`3,685`, `2013~2017`) by the trigram LIKE.
A word with Hangul and punctuation (`양성·인프라`, `서울+교육`, `『초청연수』`) is taken as its
parts, each a word of its own (`split_words`): pg_trgm ignores punctuation too, so a LIKE of the
whole would have to re-read the text of every row holding the parts (half a second at 100,000
items), for a precision nobody needs.
Other models (a few hundred rows at most) are matched with plain substring lookups on `fields`,
with the same spacing tolerance for Hangul words of three syllables or more.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive_portal.lib.bilingual import language_columns

MAX_WORDS = 8
MAX_QUERY_LENGTH = 200
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_HANGUL_SYLLABLES = re.compile(r"^[\uac00-\ud7a3]+$")
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")


def split_words(query):
    """The query's words, without duplicates, at most MAX_WORDS of them. A word holding Hangul
    and punctuation counts as its parts (`양성·인프라` → `양성`, `인프라`)."""
    words = []
    for word in (query or "")[:MAX_QUERY_LENGTH].split():
        parts = [word]
        if _HANGUL.search(word) and not word.isalnum():
            parts = _LETTERS_AND_DIGITS.findall(word)
        for part in parts:
            if part not in words:
                words.append(part)
    return words[:MAX_WORDS]


SPACED_MIN_SYLLABLES = 3  # shorter words match only written together: 시민 ≠ "서울시 민간"


def is_spaced_word(word):
    """Whether `word` also matches with whitespace between its syllables: a Hangul word of
    SPACED_MIN_SYLLABLES or more (`초청연수` finds `초청 연수`)."""
    return len(word) >= SPACED_MIN_SYLLABLES and bool(_HANGUL_SYLLABLES.match(word))


def word_pattern(word):
    """A regular expression (Python and PostgreSQL alike) for where `word` matches a text:
    the word itself, with optional whitespace between the syllables of a spaced word."""
    if is_spaced_word(word):
        return r"\s*".join(word)
    return re.escape(word)


def words_pattern(query):
    """A compiled pattern for every word of `query` (case-insensitive), or None for no words.
    Longest first, so that a word inside another is not marked on its own; a spaced Korean
    word matches as written (`초청연수` marks `초청 연수`)."""
    words = split_words(query)
    if not words:
        return None
    return re.compile(
        "|".join(word_pattern(word) for word in sorted(words, key=len, reverse=True)), re.I
    )


def mark_words(text, query):
    """`text`, HTML-escaped, with the words of `query` in <mark> (safe to put in a page)."""
    text = str(text)
    pattern = words_pattern(query)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def word_q(word, fields):
    """Substring match of one word on any of `fields` (models without search columns)."""
    if is_spaced_word(word):
        return reduce(or_, (Q(**{f"{field}__regex": word_pattern(word)}) for field in fields))
    # Hangul has no case: `contains` keeps the expression a plain LIKE; other words need
    # case-insensitive matching.
    lookup = "contains" if _HANGUL.search(word) and word.isalnum() else "icontains"
    return reduce(or_, (Q(**{f"{field}__{lookup}": word}) for field in fields))


class LexemeQuery(SearchQuery):
    """A tsquery written out lexeme by lexeme (`'초청' & ('청연' | '청 연')`), cast rather than
    parsed: the text-search parser would split the lexemes that hold a space."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, value):
        super().__init__(value, search_type="raw")


def bigram_query(word):
    """The tsquery of a Hangul word for the bigram vectors: each pair of adjacent syllables,
    for a spaced word either together or apart (portal_bigrams() records the pairs either
    side of a space as "a b")."""
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    if not is_spaced_word(word):
        return LexemeQuery(" & ".join(f"'{pair}'" for pair in pairs))
    return LexemeQuery(" & ".join(f"('{pair}' | '{pair[0]} {pair[1]}')" for pair in pairs))


def document_q(word, prefix="search"):
    """One word against the generated search columns (see the module docstring); with
    prefix="title", against the title's own columns."""
    lowered = word.lower()
    if _HANGUL.search(lowered):
        if len(lowered) >= 2 and _HANGUL_SYLLABLES.match(lowered):
            # The bigram vector holds every pair of adjacent syllables of the text. For a
            # two-syllable word it is exact; for a longer one every bigram of the word must be
            # there (서울시 → 서울 & 울시): answered from the GIN index alone, with no re-check of
            # the long text. A LIKE re-check would read the text of every match (seconds for
            # 서울시 at 100,000 items) and hide from the planner how common the word is.
            return Q(**{f"{prefix}_bigrams": bigram_query(lowered)})
        return Q(**{f"{prefix}_text__contains": lowered})
    if word.isalnum():
        return Q(**{f"{prefix}_english": SearchQuery(word, config="english")})
    if any(character.isdigit() for character in word):
        # "3,685", "2013~2017": the parser reads `3,685명` as 3 and 685명; the characters as
        # written, through the trigram index.
        return Q(**{f"{prefix}_text__contains": lowered})
    # "R&D", "e-government": the parser splits these (r, d; e-govern, e, govern); the parts must
    # stand together, as written.
    return Q(**{f"{prefix}_english": SearchQuery(word, config="english", search_type="phrase")})


def title_q(query, model, title_field="title"):
    """Every word of the query in the title: through the title's search columns where the model
    has them (the same matching rules as the document), else by substring."""
    words = split_words(query)
    if has_search_document(model):
        return reduce(and_, (document_q(word, prefix="title") for word in words))
    fields = language_columns(model, [title_field])
    return reduce(and_, (word_q(word, fields) for word in words))


def has_search_document(model):
    return any(field.name == "search_text" for field in model._meta.get_fields())


MAX_RELATED_MATCHES = 1000


def related_ids(word, paths, model):
    """Primary keys of the rows whose related rows contain `word` in any of `paths`, fields of
    one relation ("attachments__title_ko", "attachments__title_en"):
    fetched first (one small query), then given to the main query as a literal list, so that
    PostgreSQL can still answer the text condition from its index (BitmapOr with the primary
    key) or walk the date order for a common word. A subquery here would make it read every
    match first."""
    relation = paths[0].partition("__")[0]
    fields = [path.partition("__")[2] for path in paths]
    related = model._meta.get_field(relation)
    rows = related.related_model.objects.filter(word_q(word, fields))
    ids = rows.order_by().values_list(related.field.attname, flat=True).distinct()
    return list(ids[:MAX_RELATED_MATCHES])


def keyword_q(model, query, fields, extra_fields=()):
    """The condition "every word of `query` matches" for rows of `model`, or None for no words.

    `fields` are used for models without search columns; `extra_fields` are fields of related
    rows (e.g. attachment titles, "attachments__title") matched by substring as well (one extra
    query per word and field, made here: build the condition once and reuse it).
    """
    words = split_words(query)
    if not words:
        return None
    searchable = has_search_document(model)
    fields = language_columns(model, fields)
    # The related fields by relation: one query per relation and word, both languages at once.
    by_relation = {}
    for path in language_columns(model, extra_fields):
        by_relation.setdefault(path.partition("__")[0], []).append(path)
    conditions = []
    for word in words:
        condition = document_q(word) if searchable else word_q(word, fields)
        for paths in by_relation.values():
            ids = related_ids(word, paths, model)
            if ids:
                condition |= Q(pk__in=ids)
        conditions.append(condition)
    return reduce(and_, conditions)


def keyword_filter(queryset, query, fields, extra_fields=()):
    """Rows of `queryset` matching every word of `query` (see keyword_q)."""
    condition = keyword_q(queryset.model, query, fields, extra_fields)
    return queryset if condition is None else queryset.filter(condition)
