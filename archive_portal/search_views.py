import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from archive_portal import search, sections
from archive_portal.fragments import Lazy, cached
from archive_portal.lib.numbers import parse_int
from archive_portal.lib.pagination import COUNT_CAP
from archive_portal.lib.search import MAX_QUERY_LENGTH, split_words

PAGE_SIZE = 20


def _shown(count):
    """A count for the type filter: exact up to COUNT_CAP, then "1,000+"."""
    return f"{COUNT_CAP:,}+" if count > COUNT_CAP else count


class _RankedHits:
    """The ranked hits fetched so far (enough for the requested page) with the number of hits
    reachable by paging, so the paginator shows every page without fetching them all."""

    def __init__(self, hits, reachable):
        self.hits = hits
        self.reachable = reachable

    def count(self):
        return self.reachable

    def __getitem__(self, index):
        return self.hits[index]


def _clean_query(raw):
    """The query's words, single-spaced and cut to MAX_QUERY_LENGTH. Control characters become
    spaces: PostgreSQL refuses a NUL in any string, and none of them belongs in a search."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


class _PageHit:
    """One result of the page shown, as its card needs it. The card is a cached fragment
    (varying on the source, the row and the query's words, which it highlights): its row is
    read, with the rows of the page's other cards to build, only when the card is built.
    `hits`: a Lazy of the page's Hits by (source key, pk) (`_page_hits`)."""

    def __init__(self, match, hits):
        self.source = match.source
        self.pk = match.pk
        self.match = match
        self._hits = hits

    def __getattr__(self, name):  # title, url, date, obj, snippet: from the Hit, read then
        if name.startswith("_"):
            raise AttributeError(name)
        match = self.match
        hit = self._hits().get((match.source.key, match.pk))
        if hit is None:  # gone since the search: an empty card
            hit = search.Hit(match.source, None, match.relevance)
        return getattr(hit, name)


def _page_hits(matches, query):
    """The Hits of one page's matches by (source key, pk): the rows not read by the search
    itself in one query per source, the long texts for the snippets, the snippets."""
    hits = search.hits_of(matches)
    search.load_heavy_fields(hits)
    for hit in hits:
        hit.snippet = search.snippet(hit, query)
    return {(hit.source.key, hit.obj.pk): hit for hit in hits}


def _cards(hits, words):
    """The HTML of the page's result cards (search/_hit.html), one a line: each a cached
    fragment per source, row and query words, which it highlights (built reading the rows of
    the page's missing cards); together one entry per rows and words (one read of the cache)."""

    def card(hit):
        return get_template("search/_hit.html").render({"hit": hit}).strip()

    def build():
        return mark_safe(  # noqa: S308 - templates' output
            "\n".join(
                cached("search-hit", lambda hit=hit: card(hit), hit.source.key, hit.pk, words)
                for hit in hits
            )
        )

    return cached("search-cards", build, words, [(hit.source.key, hit.pk) for hit in hits])


def _search(query, words, kind, goal, limit):
    """(counts, matches): the search's counts per source and ranked matches, kept under the
    content generation for the query's words (as the search reads them: `split_words`), the
    type, the goal and the number of matches a page needs (at most PER_SOURCE_LIMIT: every
    page past the tenth shares one entry), so that a repeated search runs no query until the
    content changes. Kept as keys and relevances only; when the search runs now, its matches
    keep the rows it read (the cards then need no other query for them)."""
    now = {}

    def build():
        counts, matches = search.find(query, kind or None, limit=limit, goal=goal)
        now["matches"] = matches
        return counts, [(match.source.key, match.pk, match.relevance) for match in matches]

    if not settings.SEARCH_RESULTS_CACHE:
        return build()[0], now["matches"]
    counts, kept = cached("search-results", build, words, kind, goal, limit)
    if "matches" in now:
        return counts, now["matches"]
    by_key = search.sources_by_key()
    return counts, [search.Match(by_key[key], pk, relevance, 0) for key, pk, relevance in kept]


_PARAMETERS = {"q", "type", "goal", "page"}


def _pages_vary(request, query, kind, goal_code, page):
    """What the page links (`{% querystring %}` over the request's parameters) depend on, when
    the parameters are the search's own, each once and as the search reads them (the query
    cleaned, a known type and goal): their names in order, their values, the page and the number
    of pages. Otherwise None: rendered, not kept (odd parameters never fill the cache)."""
    parameters = request.GET
    if not set(parameters) <= _PARAMETERS or any(
        len(values) > 1 for _name, values in parameters.lists()
    ):
        return None
    if (
        parameters.get("q") != query
        or parameters.get("type", kind) != kind
        or parameters.get("goal", goal_code) != goal_code
    ):
        return None
    return (tuple(parameters), query, kind, goal_code, page.number, page.paginator.num_pages)


@require_safe
def search_page(request):
    query = _clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    if kind not in search.sources_by_key():
        kind = ""
    # Topics given by the sections (the publication sectors, the SDG goals): to start from on
    # the empty page, and the goals for the goal filter. Read only to build a fragment using
    # them, or to check a goal asked for.
    topics = Lazy(cached, "search-topics", sections.search_topics)
    goal = request.GET.get("goal", "")
    chosen_goal = None
    if goal:
        chosen_goal = next((g for g in topics().get("goals", []) if g.code == goal), None)
    context = {
        "query": query,
        "kind": kind,
        "sources": search.sources(),
        "goal_choices": Lazy(lambda: topics().get("goals", [])),
        "goal": chosen_goal,
        "goal_code": chosen_goal.code if chosen_goal else "",
    }
    if not query:
        context.update(
            sectors=Lazy(lambda: topics().get("sectors")),
            goals=Lazy(lambda: topics().get("goals")),
        )
    if query:
        page_number = parse_int(request.GET.get("page"), 1, minimum=1)
        limit = min(search.PER_SOURCE_LIMIT, page_number * PAGE_SIZE)
        words = tuple(split_words(query))
        counts, matches = _search(query, words, kind, context["goal_code"] or None, limit)
        reachable = sum(
            min(count, search.PER_SOURCE_LIMIT)
            for key, count in counts.items()
            if kind in ("", key)
        )
        result_count = counts[kind] if kind else sum(counts.values())
        page = Paginator(_RankedHits(matches, reachable), PAGE_SIZE).get_page(page_number)
        hits = Lazy(_page_hits, page.object_list, query)  # made on the first card built
        page.object_list = [_PageHit(match, hits) for match in page.object_list]
        context.update(
            counts=[(source, _shown(counts[source.key])) for source in search.sources()],
            total=_shown(sum(counts.values())),
            result_count=min(result_count, COUNT_CAP),
            result_count_capped=result_count > COUNT_CAP,
            page=page,
            cards=_cards(page.object_list, words),
            pages_vary=_pages_vary(request, query, kind, context["goal_code"], page),
            # "Did you mean": from the query as typed (its trigrams), kept for it.
            suggestion=None
            if matches
            else cached("search-suggestion", lambda: search.suggestion(query), query),
        )
    return render(request, "search/index.html", context)
