"""One search over the public archive: news, publications and policy cases, training programmes
and the SDG plan. Never over nominations or any other personal data: only querysets that pass
through each model's public visibility rule are searched.

Each section is a `Source`: what to search, which fields, how to present a hit. The apps define
their sources in their `section.py` (archive_portal.sections). The keyword matching itself is
`archive_portal.lib.search` — the same code the news and publications lists use.
"""

import difflib
import html
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import DateField, F, Func, IntegerField, TextField, Value, Window
from django.db.models.functions import Cast, Greatest, NullIf, RowNumber
from django.utils.html import escape

from archive_portal import fragments, sections
from archive_portal.lib.bilingual import language_columns
from archive_portal.lib.pagination import COUNT_CAP
from archive_portal.lib.planner import bitmap_scans, walk_index_order
from archive_portal.lib.search import (
    has_search_document,
    keyword_q,
    mark_words,
    split_words,
    title_q,
    word_pattern,
    words_pattern,
)
from archive_portal.lib.search_document import TAG

PER_SOURCE_LIMIT = 200
SNIPPET_RADIUS = 90


@dataclass
class Source:
    key: str
    label: str
    model: str  # "app_label.ModelName"
    title_field: str
    fields: list
    date_field: str | None = None
    summary_fields: list = field(default_factory=list)
    heavy_fields: tuple = ()  # long texts left out of the ranked list, loaded for one page only
    order: tuple = ("-pk",)  # newest first, in an order an index of the model can answer
    small: bool = False  # a few hundred rows at most: fetch every match once, rank in Python
    select_related: tuple = ()
    text_annotations: dict = field(default_factory=dict)  # name -> field cast to text
    public: str | None = "published"  # the queryset method giving what the public may see
    extra_fields: tuple = ()  # matched besides the search columns, e.g. attachment titles
    suggests: bool = False  # its titles feed "did you mean" suggestions
    # The lookup from a row to the code of its SDG plan goal(s) ("goals__code", "task__goal__code"),
    # for the search's goal filter; None: the source has no goals and drops out of such a search.
    goal_lookup: str | None = None

    def base_queryset(self, goal=None):
        model = apps.get_model(self.model)
        queryset = model.objects.all()
        if self.public:
            queryset = getattr(queryset, self.public)()
        if goal:
            # A subquery: a row tagged with several goals is not repeated.
            tagged = model._base_manager.filter(**{self.goal_lookup: goal}).values("pk")
            queryset = queryset.filter(pk__in=tagged)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.text_annotations:
            queryset = queryset.annotate(
                **{
                    name: Cast(source, TextField())
                    for name, source in self.text_annotations.items()
                }
            )
        return queryset

    def heavy_columns(self):
        """The heavy fields' columns in every language (a translated `body` is `body_ko` and
        `body_en`)."""
        return language_columns(apps.get_model(self.model), self.heavy_fields)

    def filtered(self, query, goal=None):
        """The public rows matching every word of the query, unranked (for counting)."""
        return self.base_queryset(goal).filter(self.condition(query))

    def condition(self, query):
        """The match condition of `query` for this source (built once: on publications it looks
        up the attachment titles, one query)."""
        model = apps.get_model(self.model)
        return keyword_q(model, query, self.fields, self.extra_fields)

    def counting_querysets(self, query, condition, goal=None):
        """The two capped counts `fetch_in_block` needs (every match; the title matches; each up
        to COUNT_CAP), as querysets: `find()` makes the counts of every source in one
        statement."""
        in_title = title_q(query, apps.get_model(self.model), self.title_field)
        matches = self.base_queryset(goal).filter(condition).order_by()[: COUNT_CAP + 1]
        titles = self.base_queryset(goal).filter(in_title).order_by()[: COUNT_CAP + 1]
        return matches, titles

    def fetch_in_block(self, query, condition, count, titles_count, limit, wanted, goal=None):
        """A large table's first `limit` matches in ranking order, as (relevance, object) pairs:
        rows whose title holds every word (relevance 1) before the others (0), each newest
        first. Given the capped counts of the matches and of the title matches, inside a
        `bitmap_scans()` block, it reads now what is best read through the search indexes: few
        rows, sorted after. Returns (walks, finish): `finish()` gives the ranked list, reading
        what is best found by walking the date order's index — a part with more than COUNT_CAP
        matches, where the first `limit` lie near the start of that order — and must be called
        in the same block, after `walk_index_order()` when `walks` is true.

        Not one query that ranks every match: a common word matches tens of thousands of rows,
        and sorting them all by a computed relevance costs far more than walking the date order
        until `limit` rows are found. But walking is only quick when matches are common: for a
        word in few rows it reads the whole table. The capped counts say which case each part
        is; PostgreSQL's own estimate cannot (it takes the bigrams of a Korean word as
        independent, and guesses 475 news items for 초청연수, which 16,752 of 100,000 hold: it
        sorted them all). Only the part the page needs is read: when `limit` titles match,
        none of the other matches."""
        if not wanted or not count:
            return False, list
        if count <= PER_SOURCE_LIMIT:
            ranked = self.ranked_in_memory(query, condition, goal=goal)
            return False, lambda: ranked
        in_title = title_q(query, apps.get_model(self.model), self.title_field)
        rows = self.base_queryset(goal).order_by(*self.order)
        if self.heavy_fields:
            rows = rows.defer(*self.heavy_columns())
        # The document holds the title, so a title match is a match: the title's own (small)
        # columns answer it alone, without testing each row's long search vector as well.
        in_titles = rows.filter(in_title)[:limit]
        wanted_others = max(limit - titles_count, 0)
        others = rows.filter(condition).exclude(in_title)[:wanted_others]
        first = list(in_titles) if titles_count <= COUNT_CAP else None
        rest = list(others) if wanted_others and count <= COUNT_CAP else None

        def finish():
            ranked = [(1, obj) for obj in (list(in_titles) if first is None else first)]
            if wanted_others:
                ranked += [(0, obj) for obj in (list(others) if rest is None else rest)]
            return ranked

        return first is None or (wanted_others > 0 and rest is None), finish

    def ranked_in_memory(self, query, condition=None, goal=None):
        """Every match (a small table, or few matches), ranked as `search()` ranks: title
        matches first. `condition`: the query's match condition, if already built."""
        words = split_words(query)
        if condition is None:
            condition = self.condition(query)
        rows = self.base_queryset(goal).filter(condition).order_by(*self.order)
        if self.heavy_fields:
            rows = rows.defer(*self.heavy_columns())
        columns = language_columns(apps.get_model(self.model), [self.title_field])
        ranked = [
            (1 if _title_has_every_word(_titles(row, columns), words) else 0, row) for row in rows
        ]
        ranked.sort(key=lambda pair: -pair[0])  # stable: keeps the date order within a rank
        return ranked


def _titles(row, columns):
    """The row's title in every language, as one text."""
    return " ".join(str(getattr(row, column)) for column in columns if getattr(row, column))


def _title_has_every_word(title, words):
    return all(re.search(word_pattern(word), str(title), re.I) for word in words)


def sources():
    """Every section's search sources, in the order the results page lists them."""
    return sections.search_sources()


def sources_by_key():
    return {source.key: source for source in sources()}


@dataclass
class Hit:
    source: Source
    obj: object
    relevance: int

    @property
    def title(self):
        return getattr(self.obj, self.source.title_field)

    @property
    def url(self):
        return self.obj.get_absolute_url()

    @property
    def date(self):
        return _date(self.obj, self.source)


def _capped_counts(querysets):
    """The number of rows of each sliced queryset, in one statement."""
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, query_params = queryset.values_list("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{number})")  # noqa: S608 - compiled by the ORM, parameters apart
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


def _small_matches(query, small, goal):
    """{source key: [(pk, titles, date)…] in the source's order} of the small sources' matches:
    one query (a UNION ALL of every small source's matching keys, with what ranking them
    needs: the title in every language as one text, the date), so that no row is read whole
    until a page shows it."""
    if not small:
        return {}
    parts = []
    for number, source in enumerate(small):
        condition = source.condition(query)
        order = [
            F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in source.order
        ]
        columns = language_columns(apps.get_model(source.model), [source.title_field])
        titles = Func(
            Value(" "),
            *(NullIf(column, Value("")) for column in columns),
            function="CONCAT_WS",
            output_field=TextField(),
        )
        # A day, as `Hit.date.toordinal()` reads it (a time's day in UTC, the connection's zone).
        date = (
            Cast(source.date_field, DateField())
            if source.date_field
            else Value(None, output_field=DateField())
        )
        parts.append(
            source.base_queryset(goal)
            .filter(condition)
            .annotate(
                search_source=Value(number, IntegerField()),
                search_position=Window(RowNumber(), order_by=order),
                search_titles=titles,
                search_date=date,
            )
            .values_list("search_source", "search_position", "pk", "search_titles", "search_date")
            .order_by()
        )
    matches = {source.key: [] for source in small}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for number, _position, pk, titles, date in sorted(rows, key=lambda row: row[:2]):
        matches[small[number].key].append((pk, titles, date))
    return matches


@dataclass
class Match:
    """One ranked result before its row is read: the source, the row's key, the relevance (1:
    every word in the title) and the day it is sorted by (an ordinal; 0 undated). `obj`: the
    row when the ranking read it already (the large sources' rows, long texts deferred)."""

    source: Source
    pk: int
    relevance: int
    ordinal: int
    obj: object = None


def _ordinal(date):
    return date.toordinal() if date else 0


def _date(obj, source):
    return getattr(obj, source.date_field) if source.date_field else None


def find(query, kind=None, limit=PER_SOURCE_LIMIT, goal=None):
    """Counts per section and the ranked matches of the chosen section (or of all of them): at
    most `limit` per section, enough for the pages up to the one asked for. `goal`: an SDG plan
    goal's code; only what is tagged with it (sources without goals count 0).

    A fixed number of queries whatever the rows: the large sources' match conditions (the
    attachment titles' lookup), then one `bitmap_scans()` block with the capped counts of every
    large source in one statement, the rows best read through the search indexes (at most two
    per source) and, where a part has many matches, one statement setting the planner to walk
    the date order and the walks (at most two per source); the small sources' matches in one
    more query (keys, titles and dates: their rows are read for a page only)."""
    counts = {}
    ranked_by_key = {}
    searched = [source for source in sources() if not (goal and not source.goal_lookup)]
    large = [source for source in searched if not source.small]
    small = [source for source in searched if source.small]
    conditions = {source.key: source.condition(query) for source in large}
    if large:
        with bitmap_scans():
            querysets = [
                queryset
                for source in large
                for queryset in source.counting_querysets(query, conditions[source.key], goal)
            ]
            numbers = iter(_capped_counts(querysets))
            finishers = {}
            for source in large:
                count, titles = next(numbers), next(numbers)
                counts[source.key] = count
                finishers[source.key] = source.fetch_in_block(
                    query,
                    conditions[source.key],
                    count,
                    titles,
                    limit,
                    kind in (None, "", source.key),
                    goal=goal,
                )
            if any(walks for walks, _finish in finishers.values()):
                walk_index_order()
            for source in large:
                ranked_by_key[source.key] = [
                    Match(source, obj.pk, relevance, _ordinal(_date(obj, source)), obj)
                    for relevance, obj in finishers[source.key][1]()
                ]
    words = split_words(query)
    small_matches = _small_matches(query, small, goal)
    for source in small:
        matched = small_matches[source.key]
        counts[source.key] = len(matched)
        ranked = [
            Match(source, pk, 1 if _title_has_every_word(titles, words) else 0, _ordinal(date))
            for pk, titles, date in matched
        ]
        ranked.sort(key=lambda match: -match.relevance)  # stable: keeps the order within a rank
        ranked_by_key[source.key] = ranked
    found = []
    for source in sources():
        if goal and not source.goal_lookup:
            counts[source.key] = 0
            continue
        if kind in (None, "", source.key):
            found.extend(ranked_by_key[source.key][:limit])
    # Across sections: title matches first, then the newest; undated items after dated ones.
    found.sort(key=lambda match: (-match.relevance, -match.ordinal))
    return counts, found


def _small_rows():
    """{source key: {pk: row}} of every public row of every small source (a few hundred each at
    most), kept in this process under the content generation (fragments.process_cached): the
    cards of their matches cost no query once read, and the first page built after a change
    reads them in a fixed number of queries, whichever sources it shows."""
    return fragments.process_cached(
        "search-rows",
        lambda: {
            source.key: source.base_queryset().in_bulk() for source in sources() if source.small
        },
    )


def hits_of(matches):
    """The Hits of `matches`, with the rows not read yet: a large source's by key (one query
    per source, long texts included), a small source's from the process's copy. A row gone
    since (deleted or unpublished in between) is left out."""
    missing = {}
    for match in matches:
        if match.obj is None and not match.source.small:
            missing.setdefault(match.source.key, (match.source, []))[1].append(match.pk)
    rows = {
        (key, pk): obj
        for key, (source, pks) in missing.items()
        for pk, obj in source.base_queryset().in_bulk(pks).items()
    }
    if any(match.source.small for match in matches):
        rows.update(
            ((key, pk), obj) for key, objs in _small_rows().items() for pk, obj in objs.items()
        )
    hits = []
    for match in matches:
        obj = match.obj if match.obj is not None else rows.get((match.source.key, match.pk))
        if obj is not None:
            hits.append(Hit(match.source, obj, match.relevance))
    return hits


def run(query, kind=None, limit=PER_SOURCE_LIMIT, goal=None):
    """`find()`'s counts and its matches as Hits (every row read)."""
    counts, matches = find(query, kind, limit, goal)
    return counts, hits_of(matches)


def load_heavy_fields(hits):
    """The long texts (for snippets) of the hits on one page: one query per section shown."""
    by_source = {}
    for hit in hits:
        # Rows read whole (`hits_of()`) have them already.
        if any(name not in hit.obj.__dict__ for name in hit.source.heavy_columns()):
            by_source.setdefault(hit.source.key, []).append(hit)
    for group in by_source.values():
        source = group[0].source
        model = apps.get_model(source.model)
        rows = model._base_manager.filter(pk__in=[hit.obj.pk for hit in group])
        columns = source.heavy_columns()
        values = {row["pk"]: row for row in rows.values("pk", *columns)}
        for hit in group:
            for name in columns:
                hit.obj.__dict__[name] = values[hit.obj.pk][name]


def suggestion(query):
    """A corrected query for a query that found nothing ("did you mean"), or None: each word
    replaced by the closest word of the closest title (`sharng city` → `Sharing City`,
    `초청연슈` → `초청연수`).

    On the large tables the candidate titles come from the title's trigram index (`%>`: word
    similarity above pg_trgm's threshold, 0.6); the small ones are compared row by row."""
    best = None
    for source in sources():
        if not source.suggests:
            continue
        model = apps.get_model(source.model)
        queryset = source.base_queryset()
        if has_search_document(model):
            lowered = query.lower()
            queryset = queryset.filter(title_text__trigram_word_similar=lowered).annotate(
                similarity=TrigramWordSimilarity(lowered, "title_text")
            )
        # The title in both languages: a misspelt English word is corrected on /ko/ as well.
        columns = language_columns(model, [source.title_field])
        if not has_search_document(model):
            similarities = [TrigramWordSimilarity(query, column) for column in columns]
            queryset = queryset.annotate(
                similarity=Greatest(*similarities) if len(similarities) > 1 else similarities[0]
            ).filter(similarity__gte=0.3)
        row = queryset.order_by("-similarity").values_list("similarity", *columns).first()
        if row and (best is None or row[0] > best[0]):
            best = row
    if not best:
        return None
    return _corrected(query, " ".join(title for title in best[1:] if title))


def _corrected(query, title):
    """`query` with each word replaced by the most similar word of `title` (when one is close
    enough), or None when that changes nothing."""
    title_words = {word.lower(): word for word in re.findall(r"[^\W_]+", title)}
    corrected = []
    for word in split_words(query):
        close = difflib.get_close_matches(word.lower(), title_words, n=1, cutoff=0.6)
        corrected.append(title_words[close[0]] if close else word)
    suggestion = " ".join(corrected)
    return None if suggestion.lower() == " ".join(split_words(query)).lower() else suggestion


def _plain(value, is_json):
    """The words of a field for a snippet: tags become spaces (table cells stay apart), entities
    their characters; plain-text angle brackets (`<서울시 …>`) are kept, as in the search columns.
    The snippet escapes the result."""
    value = html.unescape(re.sub(TAG, " ", value if isinstance(value, str) else str(value)))
    if is_json:  # the SDG project's sections, stored as JSON: keep the words only
        value = re.sub(r'"(heading|intro|items|text|children)":|[{}\[\]",]', " ", value)
    return re.sub(r"\s+", " ", value).strip()


def snippet(hit, query):
    """A short excerpt around the first matched word, escaped, with the words in <mark>."""
    pattern = words_pattern(query)
    text = ""
    for name in hit.source.summary_fields:
        value = _plain(getattr(hit.obj, name, "") or "", name in hit.source.text_annotations)
        if not text:
            text = value
        if pattern and pattern.search(value):
            text = value
            break
    if not text:
        return ""
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_RADIUS) if first else 0
    excerpt = text[start : start + 2 * SNIPPET_RADIUS + 40]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + len(excerpt) < len(text) else ""
    return escape(prefix) + mark_words(excerpt, query) + escape(suffix)
