"""sitemap.xml: a sitemap index naming one sitemap per section (/sitemap-<section>.xml, in pages
of `I18nSitemap.limit` URLs), each listing every public page in both languages with hreflang
alternates and, where the model has one, the date of its last change.

Apps subclass `I18nSitemap` in their sitemaps.py and name their sitemaps in their `Section`
(archive_portal.sections); `sitemaps()` gathers them. The two views below write the XML that
django.contrib.sitemaps' views and templates write, byte for byte, without their per-URL work:

- the index's per-section numbers (rows, latest change) are a cached fragment
  (archive_portal/fragments.py: kept under the content generation, so a new, changed,
  unpublished or scheduled item counts on the next request in every process), and so is each
  section's number of rows that a sitemap page needs to know its pages;
- a sitemap page of a model reads only its own rows, as tuples (`values_list`) of the column
  its address is made of, its date and its English title, and makes each address by joining
  the quoted column to its URL pattern, reversed once per language (not twice per URL and
  again for each alternate); the XML is joined from strings, no template per URL;
- past the first page of a sitemap in primary-key order, the page's first key is a cached
  fragment too: the page is then one range of the primary key's index.
"""

import datetime
import html
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import RFC3986_SUBDELIMS, http_date

from archive_portal import fragments, sections
from archive_portal.lib import bilingual
from archive_portal.lib.pagination import nearer_end_slice

CONTENT_TYPE = "application/xml"
ROBOTS = "noindex, noodp, noarchive"  # as django.contrib.sitemaps.views.x_robots_tag
# What Django's reverse() leaves unquoted in a path (django.urls.resolvers).
_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Stands for an item's value while a URL pattern is reversed once: digits match every
# converter the sitemaps' patterns use (int, str, slug, [-\w]+), and quoting leaves them alone.
_MARKER = "90817263540918273645"


def _as_datetime(value):
    """A date as PostgreSQL casts it to a timestamp with time zone (midnight, UTC sessions)."""
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)


def _latest(dates):
    """The latest of dates and datetimes, as django.contrib.sitemaps compares them (a date is
    its midnight, a naive datetime UTC)."""
    latest = None
    for value in dates:
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        latest = value if latest is None else max(latest, value)
    return latest


class I18nSitemap(Sitemap):
    """Lists every item once per language (/ko/…, /en/…) with hreflang alternates (+ x-default).

    `limit` counts URLs, so a file holds limit / 2 items in both languages: about 800 KB, far
    below the protocol's 50,000 URLs and 50 MB. `lastmod_field` names the field (or
    annotation) of `items()` that dates an item's last change; the index's per-section date is
    one MAX() over it, not a loop over every item.

    A sitemap of model rows names `url_name`, the URL whose one argument `url_field` (a column,
    named as the URL's argument) makes an item's address: its page is then read as tuples of
    that column, the date and the English title, never as model instances. Other sitemaps
    (lists of URL names) give `location(item)`, called once per item and language.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 2000
    lastmod_field = None
    # When `lastmod_field` is the GREATEST of columns: those columns, each indexed for the
    # items' filter, so that the index's date is a few index probes at any volume.
    latest_lastmod_from = ()
    url_name = None
    url_field = "slug"

    def get_languages_for_item(self, item):
        """The languages the item is written in, for its hreflang alternates: an item without
        an English title (or name) is "Korean only", and its /en/ address (the English
        interface around the Korean text) is not given as an English alternate. Reads the
        item's English column only when the items' query loaded it: never a query per item."""
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

    def count_rows(self):
        items = self.items()
        return items.count() if isinstance(items, QuerySet) else len(items)

    # --- One page's entries ---------------------------------------------------------------

    def entries(self, first, last, rows):
        """[(path by language, lastmod, the item's languages)] of items first..last-1 of the
        `rows` items, in order: the rows read from the nearer end of their ordering
        (`nearer_end_slice`: page 100 of the news sitemap read and dropped 99,000 rows first)."""
        items = self.items()
        if self.url_name is None:
            return [self._entry(item) for item in self._slice(items, first, last, rows)]
        english = self._english_column(items.model)
        columns = [self.url_field]
        if self.lastmod_field:
            columns.append(self.lastmod_field)
        if english:
            columns.append(english)
        dated, english_known = self.lastmod_field is not None, english is not None
        templates = self._path_templates()
        languages = self._languages()
        korean_only = [code for code in languages if code != "en"]
        entries = []
        for row in self._rows(items, columns, first, last, rows):
            quoted = html.escape(quote(str(row[0]), safe=_PATH_SAFE))
            paths = {code: f"{before}{quoted}{after}" for code, (before, after) in templates}
            written_in = korean_only if english_known and not row[-1] else languages
            entries.append((paths, row[1] if dated else None, written_in))
        return entries

    def _rows(self, items, columns, first, last, rows):
        """The tuples of `columns` of items first..last-1. Items in primary-key order (the
        large sitemaps) past the first page: the page's first key is a cached fragment, and
        once known the page is a range of the primary key's index (`pk >= key`, LIMIT) where
        `nearer_end_slice` reads up to half the index first (page 50 of 100: 49,000 entries,
        each checked against the table)."""
        if first == 0 or tuple(items.query.order_by) != ("pk",):
            return self._slice(items.values_list(*columns), first, last, rows)
        keyed = items.values_list("pk", *columns)
        read = []

        def first_key():
            read.extend(self._slice(keyed, first, last, rows))
            return read[0][0] if read else None

        sitemap = f"{type(self).__module__}.{type(self).__qualname__}"
        key = fragments.cached("sitemap-page-start", first_key, sitemap, first)
        if not read and key is not None:
            read = keyed.filter(pk__gte=key)[: last - first]
        return [row[1:] for row in read]

    @staticmethod
    def _slice(items, first, last, rows):
        if isinstance(items, QuerySet):
            return nearer_end_slice(items, first, last, rows)
        return items[first:last]

    def _entry(self, item):
        paths = {}
        for code in self._languages():
            with translation.override(code):
                paths[code] = html.escape(self.location(item))
        return paths, self.lastmod(item), self.get_languages_for_item(item)

    @staticmethod
    def _english_column(model):
        field = bilingual.main_field(model)
        return f"{field}_en" if field else None

    def _path_templates(self):
        """[(language, (escaped path before the item's value, after it))]: `url_name`
        reversed once per language."""
        templates = []
        for code in self._languages():
            with translation.override(code):
                path = reverse(self.url_name, kwargs={self.url_field: _MARKER})
            if path.count(_MARKER) != 1:
                raise ImproperlyConfigured(f"{self.url_name}: no single {self.url_field}")
            before, _, after = html.escape(path).partition(_MARKER)
            templates.append((code, (before, after)))
        return templates


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


# --- The views ----------------------------------------------------------------------------


class _Counted:
    """What Paginator needs of a list it only counts."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count


def _paginator(sitemap, rows):
    """Django's Paginator over the sitemap's (item, language) URLs: its page numbers, its 404s."""
    return Paginator(_Counted(rows * len(sitemap._languages())), sitemap.limit)


def _site(request):
    return f"{request.scheme}://{request.get_host()}"


def _response(body, lastmod=None):
    headers = {"X-Robots-Tag": ROBOTS}
    if lastmod is not None:
        headers["Last-Modified"] = http_date(lastmod.timestamp())
    return HttpResponse(body, content_type=CONTENT_TYPE, headers=headers)


def _section_numbers():
    """{section: (rows, latest change or None)} of every sitemap: the index's queries."""
    numbers = {}
    for section, sitemap_class in sitemaps().items():
        sitemap = sitemap_class()
        numbers[section] = (sitemap.count_rows(), sitemap.get_latest_lastmod())
    return numbers


def _iso(value):
    """{{ value|date:"c" }}: a datetime in the current time zone, or a date."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.isoformat()


def index(request):
    """/sitemap.xml: each section's sitemap and its further pages, with the section's latest
    change (as django.contrib.sitemaps.views.index)."""
    numbers = fragments.cached("sitemap-index", _section_numbers)
    site = html.escape(_site(request))
    parts = []
    dated = []
    for section, sitemap_class in sitemaps().items():
        sitemap = sitemap_class()
        rows, lastmod = numbers[section]
        dated.append(lastmod)
        url = f"{site}{html.escape(reverse('sitemap_section', kwargs={'section': section}))}"
        tail = f"<lastmod>{_iso(lastmod)}</lastmod></sitemap>" if lastmod else "</sitemap>"
        parts.append(f"<sitemap><loc>{url}</loc>{tail}")
        for page in range(2, _paginator(sitemap, rows).num_pages + 1):
            parts.append(f"<sitemap><loc>{url}?p={page}</loc>{tail}")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{''.join(parts)}\n</sitemapindex>\n"
    )
    all_dated = all(value is not None for value in dated)
    return _response(body, _latest(dated) if all_dated and dated else None)


def section(request, section):
    """/sitemap-<section>.xml?p=N: one page of a section's URLs (as
    django.contrib.sitemaps.views.sitemap, its template's XML)."""
    sitemap_class = sitemaps().get(section)
    if sitemap_class is None:
        raise Http404(f"No sitemap available for section: {section!r}")
    sitemap = sitemap_class()
    rows = fragments.cached("sitemap-rows", sitemap.count_rows, section)
    paginator = _paginator(sitemap, rows)
    page = request.GET.get("p", 1)
    try:
        number = paginator.validate_number(page)
    except EmptyPage as error:
        raise Http404(f"Page {page} empty") from error
    except PageNotAnInteger as error:
        raise Http404(f"No page '{page}'") from error
    start = (number - 1) * paginator.per_page
    stop = min(start + paginator.per_page, paginator.count)
    languages = sitemap._languages()
    per_item = len(languages)
    first, last = start // per_item, -(-stop // per_item)
    entries = sitemap.entries(first, last, rows)

    site = html.escape(_site(request))
    tail = "".join(
        f"<{name}>{html.escape(str(value))}</{name}>"
        for name, value in (("changefreq", sitemap.changefreq), ("priority", sitemap.priority))
        if value is not None and value != ""
    )
    default = settings.LANGUAGE_CODE
    current = timezone.get_current_timezone()
    urls = []
    for paths, lastmod, item_languages in entries:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{site}{paths[code]}"/>'
            for code in item_languages
        )
        if sitemap.x_default and default in item_languages:
            x_default = paths[default].replace(f"/{default}/", "/", 1)
            links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{site}{x_default}"/>'
        if lastmod:
            day = lastmod
            if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
                day = lastmod.astimezone(current)  # as the template's localtime
            dated = f"<lastmod>{day:%Y-%m-%d}</lastmod>{tail}{links}</url>"
        else:
            dated = f"{tail}{links}</url>"
        urls.extend(f"<url><loc>{site}{paths[code]}</loc>{dated}" for code in languages)
    offset = start - first * per_item
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{''.join(urls[offset : offset + stop - start])}\n</urlset>\n"
    )
    dates = [lastmod for _paths, lastmod, _languages in entries]
    all_dated = bool(dates) and all(dates)
    return _response(body, _latest(dates) if all_dated else None)
