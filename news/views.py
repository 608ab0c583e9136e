from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive_portal import pagecache
from archive_portal.fragments import cached
from archive_portal.lib.bilingual import counterpart, language_urls
from archive_portal.lib.counters import BufferedCounter
from archive_portal.lib.pagination import CappedPaginator, NearerEndPaginator
from archive_portal.lib.related import related_items
from news.filters import NewsFilter
from news.models import NewsItem
from news.structured_data import news_article

PAGE_SIZE = 10
# What a list card shows; the body (the largest column) stays in the database.
CARD_FIELDS = (
    "title", "slug", "category", "summary", "author", "published_at", "language", "pinned",
    "source_name",
)  # fmt: skip


@require_safe
def index(request):
    """The news list: pinned first, then newest; keyword, category and year filters combined."""
    # The years and the count of every published item change only with the content: kept
    # under the content generation (archive_portal/fragments.py), read once per change.
    news_filter = NewsFilter(
        request.GET or None,
        queryset=NewsItem.objects.published().for_listing().only(*CARD_FIELDS),
        years=cached("news-years", lambda: NewsItem.objects.published_years()),
    )
    # A keyword can match most of a large table: count it only up to the cap. Without one, the
    # list is in the order of an index (news_status_listing_idx), and the last page is as quick
    # as the first.
    paginator_class = CappedPaginator if request.GET.get("q", "").strip() else NearerEndPaginator
    paginator = paginator_class(news_filter.qs, PAGE_SIZE)
    if not news_filter.is_filtered:
        paginator.count = cached("news-count", lambda: NewsItem.objects.published().count())
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": news_filter,
        "page": page,
        "items": page.object_list,
        "result_count": paginator.count,
        "result_count_capped": getattr(paginator, "capped", False),
        "is_filtered": news_filter.is_filtered,
        # The keywords, for marking them in the cards (an invalid form has no cleaned data).
        "query": getattr(news_filter.form, "cleaned_data", {}).get("q") or "",
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


@require_safe
def detail(request, slug):
    item = get_object_or_404(
        NewsItem.objects.published()
        .select_related("translation_of")
        .prefetch_related("attachments", "translations", "goals", "projects"),
        slug=slug,
    )
    count_view(item.pk)
    item.view_count += views.pending(item.pk)  # the stored count and this process's pending
    older, newer = _neighbours(item)
    context = {
        "item": item,
        "older": older,
        "newer": newer,
        "goal_rows": [(goal, None) for goal in item.goals.all()],
        "sdg_projects": item.projects.all(),
        "related": related_items(
            NewsItem.objects.published(), item, [("goals", 3)], date_field="published_at"
        ),
        "structured_data": news_article(item, request),
        "language_urls": language_urls(item),
        "other_version": counterpart(item, get_language()),
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
    return render(request, "news/detail.html", {"item": item, "preview": True})
