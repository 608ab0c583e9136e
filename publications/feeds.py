from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from archive_portal.lib.bilingual import listed_title
from archive_portal.lib.timezone import seoul_midnight
from publications.models import Publication

FEED_SIZE = 20


class LatestPublicationsFeed(Feed):
    """RSS 2.0: the newest published items, in the language of the address (/ko/ or /en/)."""

    def title(self):
        return _("Seoul Policy Archive: publications and policy cases")

    def description(self):
        return _("New publications, research reports, videos and policy cases from Seoul.")

    def link(self):
        return reverse("publications:index")

    def items(self):
        return Publication.objects.published().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return listed_title(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        if item.published_on:
            return seoul_midnight(item.published_on)
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]
