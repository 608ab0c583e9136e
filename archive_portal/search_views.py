import unicodedata

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from archive_portal import search, sections
from archive_portal.fragments import cached
from archive_portal.lib.numbers import parse_int
from archive_portal.lib.pagination import COUNT_CAP
from archive_portal.lib.search import MAX_QUERY_LENGTH

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


@require_safe
def search_page(request):
    query = _clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    if kind not in search.sources_by_key():
        kind = ""
    # Topics given by the sections (the publication sectors, the SDG goals): to start from on
    # the empty page, and the goals for the goal filter.
    topics = cached("search-topics", sections.search_topics)
    goals = topics.get("goals", [])
    goal = request.GET.get("goal", "")
    chosen_goal = next((g for g in goals if g.code == goal), None)
    context = {
        "query": query,
        "kind": kind,
        "sources": search.sources(),
        "goal_choices": goals,
        "goal": chosen_goal,
    }
    if not query:
        context.update(topics)
    if query:
        page_number = parse_int(request.GET.get("page"), 1, minimum=1)
        limit = min(search.PER_SOURCE_LIMIT, page_number * PAGE_SIZE)
        counts, hits = search.run(
            query, kind or None, limit=limit, goal=chosen_goal.code if chosen_goal else None
        )
        reachable = sum(
            min(count, search.PER_SOURCE_LIMIT)
            for key, count in counts.items()
            if kind in ("", key)
        )
        result_count = counts[kind] if kind else sum(counts.values())
        page = Paginator(_RankedHits(hits, reachable), PAGE_SIZE).get_page(page_number)
        search.load_heavy_fields(page.object_list)
        for hit in page.object_list:
            hit.snippet = search.snippet(hit, query)
        context.update(
            counts=[(source, _shown(counts[source.key])) for source in search.sources()],
            total=_shown(sum(counts.values())),
            result_count=min(result_count, COUNT_CAP),
            result_count_capped=result_count > COUNT_CAP,
            page=page,
            suggestion=None if hits else search.suggestion(query),
        )
    return render(request, "search/index.html", context)
