from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal import pagecache
from archive_portal.fragments import Lazy, cached, lazy_context
from archive_portal.lib.bilingual import counterpart, language_urls
from archive_portal.lib.counters import BufferedCounter
from archive_portal.lib.pagination import CappedPaginator, NearerEndPaginator
from archive_portal.lib.related import related_items
from archive_portal.lib.rows import OneRow
from news.filters import NewsFilter
from news.models import NewsItem, plain
from news.structured_data import news_article

PAGE_SIZE = 10
# What a list card shows; the body (the largest column) stays in the database.
CARD_FIELDS = (
    "title", "slug", "category", "summary", "author", "published_at", "language", "pinned",
    "source_name",
)  # fmt: skip


FILTER_PARAMETERS = ("q", "category", "year")


class PageIdsPaginator(NearerEndPaginator):
    """NearerEndPaginator over the ids alone (a `values_list("pk", flat=True)`): the ids read
    from the nearer end are the page, so no outer query reads the rows by them. A page's ids
    are kept under the content generation and the next scheduled change (a cached fragment):
    they change only with an edit or a publication coming due."""

    def _rows(self, bottom, top):
        return cached("news-page-ids", lambda: self._read(bottom, top), bottom, top, self.count)

    def _read(self, bottom, top):
        if 2 * bottom > self.count:  # past the middle: counted back from the last row
            ids = self.object_list.reverse()[max(self.count - top, 0) : self.count - bottom]
            return list(ids)[::-1]
        return list(self.object_list[bottom:top])


def _cards(ids, query, rows=None):
    """The list's cards (templates/news/_card.html), each a cached fragment per item and marked
    words. `rows`: {id: item} when the page's rows were read; else they are read (in one query)
    only when a card must be built."""
    read = Lazy(lambda: NewsItem.objects.only(*CARD_FIELDS).in_bulk(ids)) if rows is None else None
    context = {"query": query, "LANGUAGE_CODE": get_language()}

    def card(pk):
        item = (rows if read is None else read()).get(pk)
        if item is None:  # deleted since its id was read: nothing to show
            return None
        return render_to_string("news/_card.html", {**context, "item": item})

    cards = (cached("news-card", lambda pk=pk: card(pk), pk, query) for pk in ids)
    return [card for card in cards if card is not None]


@require_safe
def index(request):
    """The news list: pinned first, then newest; keyword, category and year filters combined."""
    # The count of every published item and the years that have some change only with the
    # content: kept under the content generation (archive_portal/fragments.py).
    totals = Lazy(cached, "news-totals", lambda: NewsItem.objects.published_totals())

    def make_filter():
        listing = NewsItem.objects.published().for_listing()
        return NewsFilter(request.GET or None, queryset=listing, years=totals()[1])

    if any(request.GET.get(name) for name in FILTER_PARAMETERS):
        news_filter = make_filter()
        rows = news_filter.qs  # validates the form
        is_filtered = news_filter.is_filtered
        # The keywords, for marking them in the cards (an invalid form has no cleaned data).
        query = getattr(news_filter.form, "cleaned_data", {}).get("q") or ""
        filters_vary = None  # the form shows what was asked: rendered each time
    else:
        # No filter chosen: the list is every published item, and the filter form (a cached
        # fragment, the same for every page) is built only when that fragment is.
        news_filter = Lazy(make_filter)
        is_filtered, query, filters_vary = False, "", "unfiltered"
    # A keyword can match most of a large table: count it only up to the cap. Without one, the
    # list is in the order of an index (news_status_listing_idx), and the last page is as quick
    # as the first. Each card is a cached fragment.
    paginator_class = CappedPaginator if request.GET.get("q", "").strip() else NearerEndPaginator
    if is_filtered:  # the page's rows, in one query
        paginator = paginator_class(rows.only(*CARD_FIELDS), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        found = {item.pk: item for item in page.object_list}
        cards = _cards(list(found), query, found)
    else:  # every published item: the page's ids (the rows only to build missing cards)
        ids = plain().published().for_listing().values_list("pk", flat=True)
        paginator = (CappedPaginator if paginator_class is CappedPaginator else PageIdsPaginator)(
            ids, PAGE_SIZE
        )
        paginator.count = totals()[0]
        page = paginator.get_page(request.GET.get("page"))
        cards = _cards(list(page.object_list), query)
    # The page links repeat the query string: kept per page when it holds only the page number.
    only_page = request.GET.keys() <= {"page"}
    context = {
        "filter": news_filter,
        "filters_vary": filters_vary,
        "page": page,
        "pagination_vary": (page.number, paginator.num_pages) if only_page else None,
        "cards": cards,
        "result_count": paginator.count,
        "result_count_capped": getattr(paginator, "capped", False),
        "is_filtered": is_filtered,
        "query": query,
    }
    return render(request, "news/index.html", context)


def _neighbours(item):
    """The published items just before and after this one in time (previous = older)."""
    published = NewsItem.objects.published().only("title", "slug", "published_at", "language")
    # The redundant bound on published_at is the index's range (the OR alone is a filter: the
    # scan started at the newest item, 50,000 rows for an item in the middle, 100 ms).
    older = (
        published.filter(published_at__lte=item.published_at)
        .filter(
            Q(published_at__lt=item.published_at)
            | Q(published_at=item.published_at, pk__lt=item.pk)
        )
        .order_by("-published_at", "-pk")
        .first()
    )
    newer = (
        published.filter(published_at__gte=item.published_at)
        .filter(
            Q(published_at__gt=item.published_at)
            | Q(published_at=item.published_at, pk__gt=item.pk)
        )
        .order_by("published_at", "pk")
        .first()
    )
    return older, newer


# Views are counted in the process and written in one UPDATE every few seconds
# (archive_portal/lib/counters.py): a page served from the cache costs no query.
views = BufferedCounter("news.NewsItem", "view_count")


@pagecache.on_hit("news.view")
def count_view(pk):
    views.add(pk)


def _detail_parts(item):
    """What the cached fragments of an item's page show besides the item's own columns: read
    only when one of them is built (a warm page runs none of these queries)."""
    prefetch_related_objects([item], "translation_of", "attachments", "goals", "projects")
    older, newer = _neighbours(item)
    return {
        "older": older,
        "newer": newer,
        "goal_rows": [(goal, None) for goal in item.goals.all()],
        "sdg_projects": item.projects.all(),
        "related": related_items(
            NewsItem.objects.published(), item, [("goals", 3)], date_field="published_at"
        ),
        "other_version": counterpart(item, get_language()),
    }


def _language_urls(item):
    prefetch_related_objects([item], "translation_of", "translations")
    return language_urls(item)


# Any status: whether the public may see it is checked on the row (NewsItem.public_now).
_BY_SLUG = OneRow(plain, "slug")


@require_safe
def detail(request, slug):
    # The page reads its item (a 404 stays exact) and counts the view; the rest is kept in
    # cached fragments per item (templates/news/detail.html), built from `_detail_parts`.
    item = _BY_SLUG.get(slug)
    if item is None or not item.public_now():
        raise Http404("No published news item has this address.")
    count_view(item.pk)
    item.view_count += views.pending(item.pk)  # the stored count and this process's pending
    # Absolute addresses (the JSON-LD) depend on the address the page was asked at.
    origin = request.build_absolute_uri("/")
    context = {
        "item": item,
        "fragment_vary": item.pk,
        "origin": origin,
        "structured_data": cached(
            "news-structured-data", lambda: news_article(item, request), item.pk, origin
        ),
        "language_urls": cached("news-language-urls", lambda: _language_urls(item), item.pk),
        **lazy_context(
            lambda: _detail_parts(item),
            "older",
            "newer",
            "goal_rows",
            "sdg_projects",
            "related",
            "other_version",
        ),
    }
    # Served from the page cache, the view still counts (the page shows the count it rendered).
    return pagecache.run_on_hit(render(request, "news/detail.html", context), "news.view", item.pk)


@never_cache
@staff_member_required
@require_safe
def preview(request, pk):
    """Staff only, never cached: any item as the public would see it, drafts included."""
    if not request.user.has_perm("news.view_newsitem"):
        raise PermissionDenied
    item = get_object_or_404(
        NewsItem.objects.with_visibility().prefetch_related("attachments"), pk=pk
    )
    return render(
        request, "news/detail.html", {"item": item, "preview": True, "fragment_vary": None}
    )
