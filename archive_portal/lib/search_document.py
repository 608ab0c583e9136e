"""Search columns for the large tables (news, publications), kept by PostgreSQL itself.

A model with `title`, `summary` and `body` in Korean and English (django-modeltranslation's
`title_ko`, `title_en`… : the models' translation.py) that inherits `SearchDocument` (and adds
`search_indexes("<prefix>")` to its Meta.indexes) gets three generated columns over both
languages, each with a GIN index (an English query finds the English title, whatever the page's
language; nothing is computed per row at query time):

- `search_text`: the fields, lower-cased — substring matching (`연수` in `초청연수`, `cdp`)
  through a `pg_trgm` index; queried with a plain LIKE on this very expression, so the index is
  used (Django's `icontains` would wrap the column in UPPER() and miss it);
- `search_bigrams`: Hangul bigrams (`portal_bigrams()`, migrations archive_portal 0003 and
  0004) — a two-syllable word such as `교육` has no trigram; every word of Hangul syllables is
  answered here (see `archive_portal.lib.search`);
- `search_english`: an `english` full-text vector — English words with stemming (`policies` →
  `policy`), slashes read as spaces.
"""

from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Concat, Lower

# An HTML tag: `<` then a letter, `/` or `!` (`<p>`, `</td>`, `<!-- -->`). Plain-text bodies use
# angle brackets as quotation marks (`<서울시, 「2025 달라지는 서울생활」 발간>`): those stay words.
TAG = "<[A-Za-z/!][^<>]*>"

# Entities that sanitised HTML keeps escaped; `&amp;` last so `&amp;lt;` stays `&lt;`.
_ENTITIES = [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'")]
_ENTITIES.append(("&amp;", "&"))


def _plain_text(name):
    """The field's words without HTML: tags become spaces, common entities their characters
    (so `note` does not match a class name, and `R&D` matches `R&amp;D`). Immutable SQL."""
    expression = Func(
        F(name),
        Value(TAG),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )
    for entity, character in _ENTITIES:
        expression = Func(
            expression,
            Value(entity),
            Value(character),
            function="replace",
            output_field=models.TextField(),
        )
    return expression


def _document(fields, html_fields=("body_ko", "body_en")):
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(_plain_text(name) if name in html_fields else F(name))
    return Concat(*parts, output_field=models.TextField())


class _ToTsvector(Func):
    """to_tsvector('english'::regconfig, text): immutable with an explicit configuration.

    Slashes become spaces first: the parser reads `디스플레이/Head Mounted` as a file path and
    would index `/head`, not `head`; likewise the words of a URL's path."""

    function = "to_tsvector"
    template = "%(function)s('english'::regconfig, translate(%(expressions)s, '/', ' '))"
    output_field = SearchVectorField()


class _Bigrams(Func):
    function = "portal_bigrams"
    output_field = SearchVectorField()


def search_columns(fields, prefix="search"):
    """The three generated columns (`<prefix>_text`, `_bigrams`, `_english`) for the text of
    `fields` (NULLs, untranslated fields, count as empty: Concat coalesces)."""
    document = _document(fields)
    return {
        f"{prefix}_text": models.GeneratedField(
            expression=Lower(document), output_field=models.TextField(), db_persist=True
        ),
        f"{prefix}_bigrams": models.GeneratedField(
            expression=_Bigrams(document), output_field=SearchVectorField(), db_persist=True
        ),
        f"{prefix}_english": models.GeneratedField(
            expression=_ToTsvector(document), output_field=SearchVectorField(), db_persist=True
        ),
    }


_COLUMNS = search_columns(
    ["title_ko", "summary_ko", "body_ko", "title_en", "summary_en", "body_en"]
)
# The same three for the title alone: the site search ranks title matches first, and on a large
# table finding them through their own indexes is what keeps that ranking cheap.
_TITLE_COLUMNS = search_columns(["title_ko", "title_en"], prefix="title")


class SearchDocument(models.Model):
    search_text = _COLUMNS["search_text"]
    search_bigrams = _COLUMNS["search_bigrams"]
    search_english = _COLUMNS["search_english"]
    title_text = _TITLE_COLUMNS["title_text"]
    title_bigrams = _TITLE_COLUMNS["title_bigrams"]
    title_english = _TITLE_COLUMNS["title_english"]

    class Meta:
        abstract = True


def search_indexes(prefix):
    """GIN indexes for the generated columns; `prefix` keeps index names unique per table."""
    return [
        GinIndex(OpClass("search_text", name="gin_trgm_ops"), name=f"{prefix}_search_trgm"),
        GinIndex(fields=["search_bigrams"], name=f"{prefix}_search_bigrams"),
        GinIndex(fields=["search_english"], name=f"{prefix}_search_english"),
        GinIndex(OpClass("title_text", name="gin_trgm_ops"), name=f"{prefix}_title_trgm"),
        GinIndex(fields=["title_bigrams"], name=f"{prefix}_title_bigrams"),
        GinIndex(fields=["title_english"], name=f"{prefix}_title_english"),
        # The nearest titles first (`ORDER BY title_text <-> …`, archive_portal.lib.related): a
        # GIN index answers `%` but cannot order by distance; GiST stops after the first rows.
        # A 64-byte signature (default 12): at 100,000 titles of a few dozen characters the
        # default's inner pages match nearly everything (15–38 ms a query, 1–10 ms with 64).
        GistIndex(
            OpClass("title_text", name="gist_trgm_ops(siglen=64)"),
            name=f"{prefix}_title_trgm_gist",
        ),
    ]


SEARCH_COLUMNS = (
    "search_text", "search_bigrams", "search_english",
    "title_text", "title_bigrams", "title_english",
)  # fmt: skip


class SearchDocumentManager(models.Manager):
    """Leaves the generated search columns out of every SELECT; filters still use them.

    Combine with a model's own QuerySet: `objects = SearchDocumentManager.from_queryset(MyQS)()`.
    """

    def get_queryset(self):
        return super().get_queryset().defer(*SEARCH_COLUMNS)
