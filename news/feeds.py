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

    The newest items' <item> elements are one cached fragment per language and address of the
    site (archive_portal/fragments.py), written by Django's own feed code when it is missing.
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
        origin = (request.get_host(), request.is_secure())
        feed.items.extend(cached("news-feed-items", lambda: self._written(obj, request), *origin))
        return feed

    def _written(self, obj, request):
        """The newest items' <item>s, as Django's feed code writes them: kept together (a cached
        fragment under the content generation and the next scheduled change, per address of
        the site), so a feed request between edits reads no row."""
        names = columns(FEED_FIELDS)
        rows = plain().published().order_by("-published_at", "-pk").values_list(*names)
        return [
            self._item(obj, request, NewsItem.from_db(rows.db, names, row))
            for row in rows[:FEED_SIZE]
        ]

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
