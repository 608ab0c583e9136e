from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from archive_portal.lib.bilingual import listed_title
from news.models import NewsItem

FEED_SIZE = 30


class LatestNewsFeed(Feed):
    """RSS 2.0 of the newest published items (in time order: pinning is for the list page).

    The channel's <language> is the page language (/ko/ or /en/): Feed.language defaults to it.
    """

    def title(self):
        return _("Seoul Policy Archive — News")

    def link(self):
        return reverse("news:index")

    def description(self):
        return _("Notices, press releases and events of the Seoul Metropolitan Government.")

    def items(self):
        return NewsItem.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

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
