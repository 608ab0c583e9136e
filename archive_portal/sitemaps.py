"""sitemap.xml: a sitemap index naming one sitemap per section (/sitemap-<section>.xml, in pages
of `I18nSitemap.limit` URLs), each listing every public page in both languages with hreflang
alternates and, where the model has one, the date of its last change.

Apps subclass `I18nSitemap` in their sitemaps.py and name their sitemaps in their `Section`
(archive_portal.sections); `sitemaps()` gathers them.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property

from archive_portal import sections
from archive_portal.lib import bilingual
from archive_portal.lib.pagination import nearer_end_slice


def _as_datetime(value):
    """A date as PostgreSQL casts it to a timestamp with time zone (midnight, UTC sessions)."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)


class _ItemsInEveryLanguage:
    """The (item, language) pairs of an i18n sitemap, sliced without loading every item.

    Django's `Sitemap._items()` builds the list of pairs for *all* items before paginating:
    with 100,000 news items every page of the news sitemap would read 100,000 rows. This
    sequence counts with one COUNT and reads only the rows of the page asked for, their ids
    from an index and from its nearer end (`nearer_end_slice`: page 100 of the news sitemap
    read and dropped 99,000 rows first, 218 ms). Every item is listed in every language
    (`get_languages_for_item()` is not consulted).
    """

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    @cached_property
    def rows(self):
        return self.items.count() if isinstance(self.items, QuerySet) else len(self.items)

    def count(self):
        return self.rows * len(self.languages)

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("only plain slices are supported")
        per_item = len(self.languages)
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        first, last = start // per_item, -(-stop // per_item)
        if isinstance(self.items, QuerySet):
            items = nearer_end_slice(self.items, first, last, self.rows)
        else:
            items = self.items[first:last]
        pairs = [(item, lang) for item in items for lang in self.languages]
        offset = start - first * per_item
        return pairs[offset : offset + stop - start]


class I18nSitemap(Sitemap):
    """Lists every item once per language (/ko/…, /en/…) with hreflang alternates (+ x-default).

    `limit` counts URLs, so a file holds limit / 2 items in both languages: about 800 KB that
    render in a few hundred milliseconds, far below the protocol's 50,000 URLs and 50 MB.
    `lastmod_field` names the field (or annotation) of `items()` that dates an item's last
    change; the index's per-section date is one MAX() over it, not a loop over every item.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 2000
    lastmod_field = None
    # When `lastmod_field` is the GREATEST of columns: those columns, each indexed for the
    # items' filter, so that the index's date is a few index probes at any volume.
    latest_lastmod_from = ()

    @property
    def paginator(self):
        return Paginator(_ItemsInEveryLanguage(self.items(), self._languages()), self.limit)

    def _location(self, item, force_lang_code=None):
        # Django asks for an item's location once per URL and again for each of its hreflang
        # alternates (8 reverse() calls an item in two languages); reverse each language once.
        # The view makes a new instance per request, so the memo lasts one page.
        obj, lang_code = item
        key = (id(obj), force_lang_code or lang_code)
        memo = self.__dict__.setdefault("_location_memo", {})
        if key not in memo:
            memo[key] = super()._location(item, force_lang_code)
        return memo[key]

    def get_languages_for_item(self, item):
        """The languages the item is written in, for its hreflang alternates: an item without
        an English title (or name) is "Korean only", and its /en/ address (the English
        interface around the Korean text) is not given as an English alternate. Reads the
        item's English column only when the sitemap's query loaded it (`.only("slug",
        "title_en")`): never a query per item."""
        languages = self._languages()
        field = bilingual.main_field(item)
        column = f"{field}_en" if field else None
        if column is None or column not in item.__dict__ or item.__dict__[column]:
            return languages
        return [code for code in languages if code != "en"]

    def lastmod(self, item):
        if self.lastmod_field is None:
            return None
        return getattr(item, self.lastmod_field)

    def get_latest_lastmod(self):
        if self.lastmod_field is None:
            return None
        if not self.latest_lastmod_from:
            return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]
        # The greatest of each column's MAX is the MAX of their GREATEST, and each MAX of a
        # plain column is one probe of its index, where MAX(GREATEST(…)) reads every row.
        items = self.items().order_by()
        latest = items.aggregate(**{name: Max(name) for name in self.latest_lastmod_from})
        values = [_as_datetime(value) for value in latest.values() if value is not None]
        return max(values, default=None)


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return sections.landing_pages()

    def location(self, item):
        return reverse(item)


def sitemaps():
    """The sitemaps of /sitemap.xml: the landing pages, then each section's own."""
    return {"pages": StaticPagesSitemap, **sections.section_sitemaps()}
