from io import StringIO

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed, SimplerXMLGenerator
from django.utils.translation import gettext as _

from archive_portal.fragments import cached
from archive_portal.lib.bilingual import listed_title
from news.models import NewsItem, columns, plain

FEED_SIZE = 30
# What an item of the feed shows (the body, the largest column, is not in the feed).
FEED_FIELDS = (
    "title", "slug", "category", "summary", "author", "source_name", "published_at", "updated_at",
    "language",
)  # fmt: skip


class _WrittenItems(Rss201rev2Feed):
    """RSS 2.0 whose items were written before (each one's XML kept in a cached fragment)."""

    def write_items(self, handler):
        for item in self.items:
            handler.ignorableWhitespace(item["xml"])  # written as is: already XML


class _Rows:
    rows = ()


class LatestNewsFeed(Feed):
    """RSS 2.0 of the newest published items (in time order: pinning is for the list page).

    The channel's <language> is the page language (/ko/ or /en/): Feed.language defaults to it.

    Each request reads the newest items (as tuples: no model is built when every item is kept);
    each item's <item> element is a cached fragment per item, language and address of the site
    (archive_portal/fragments.py), written by Django's own feed code when it is missing.
    """

    feed_type = _WrittenItems

    def title(self):
        return _("Seoul Policy Archive — News")

    def link(self):
        return reverse("news:index")

    def description(self):
        return _("Notices, press releases and events of the Seoul Metropolitan Government.")

    def get_object(self, request, *args, **kwargs):
        return _Rows()  # this request's: which items Django's feed code writes

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)  # the channel
        # The newest items' columns, as tuples: only their ids are used when every item is kept.
        names = columns(FEED_FIELDS)
        rows = plain().published().order_by("-published_at", "-pk").values_list(*names)
        origin = (request.get_host(), request.is_secure())
        newest = list(rows[:FEED_SIZE])

        def written():
            return [
                cached(
                    "news-feed-item",
                    lambda row=row: self._item(obj, request, NewsItem.from_db(rows.db, names, row)),
                    row[0],
                    *origin,
                )
                for row in newest
            ]

        # The items of these ids together (one cache read), each also kept on its own: after an
        # edit or a new item, only the items not yet kept are written again.
        feed.items.extend(cached("news-feed-items", written, [row[0] for row in newest], *origin))
        return feed

    def _item(self, obj, request, news_item):
        """The item's dates (the channel's lastBuildDate is the latest) and its <item> XML, as
        Django's feed code writes it."""
        obj.rows = (news_item,)
        feed = super().get_feed(obj, request)
        obj.rows = ()
        (item,) = feed.items
        out = StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        Rss201rev2Feed.write_items(feed, handler)
        return {
            "pubdate": item["pubdate"],
            "updateddate": item["updateddate"],
            "xml": out.getvalue(),
        }

    def items(self, obj):
        return obj.rows

    def item_title(self, item):
        return listed_title(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or item.source_name or None

    def item_categories(self, item):
        return [item.get_category_display()]
