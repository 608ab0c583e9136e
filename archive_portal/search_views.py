from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from archive_portal import search
from archive_portal.lib.search import MAX_QUERY_LENGTH
from publications.models import Sector
from sdg_plan.models import Goal

PAGE_SIZE = 20


@require_safe
def search_page(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    if kind not in search.SOURCES_BY_KEY:
        kind = ""
    context = {"query": query, "kind": kind, "sources": search.SOURCES}
    if not query:
        # Topics to start from: the publication sectors and the SDG plan's 17 goals.
        context.update(sectors=list(Sector.objects.all()), goals=list(Goal.objects.all()))
    if query:
        counts, hits = search.run(query, kind or None)
        page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
        for hit in page.object_list:
            hit.snippet = search.snippet(hit, query)
        context.update(
            counts=[(source, counts[source.key]) for source in search.SOURCES],
            total=sum(counts.values()),
            shown=len(hits),
            page=page,
            suggestion=None if hits else search.suggestion(query),
            search_querystring=urlencode({"q": query, **({"type": kind} if kind else {})}) + "&",
        )
    return render(request, "search/index.html", context)
