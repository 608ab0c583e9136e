"""News (새소식): notices, press releases, events and external articles, with attachments.

Visibility lives in one place, `NewsItemQuerySet.published()`: the list, the detail page, the feed,
the sitemap, the home block and the site search all start from it.
"""

import contextlib
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from archive_portal.lib.richtext import render_body_for_page
from archive_portal.lib.search_document import (
    SEARCH_COLUMNS,
    SearchDocument,
    SearchDocumentManager,
    search_indexes,
)
from archive_portal.lib.slugs import reserved_slug_validator
from archive_portal.lib.timezone import SEOUL
from archive_portal.lib.uploads import FileType, UploadValidator, random_name
from archive_portal.licences import Licence, licence_field

# Path segments of /<lang>/news/ that are views, not items: a news item may not take them as slug.
RESERVED_SLUGS = {"feed", "preview"}
# The name migration 0001 refers to.
validate_not_reserved = reserved_slug_validator(RESERVED_SLUGS)
IMAGE_TYPES = (FileType.JPEG, FileType.PNG, FileType.GIF, FileType.WEBP)
ATTACHMENT_TYPES = (
    FileType.PDF, FileType.HWP, FileType.HWPX, FileType.DOC, FileType.DOCX, FileType.XLS,
    FileType.XLSX, FileType.PPT, FileType.PPTX, FileType.TXT, FileType.CSV, FileType.ZIP,
    FileType.JPEG, FileType.PNG,
)  # fmt: skip


class Category(models.TextChoices):
    NOTICE = "notice", pgettext_lazy("news category", "Notice")
    PRESS_RELEASE = "press_release", pgettext_lazy("news category", "Press release")
    EVENT = "event", pgettext_lazy("news category", "Event")
    EXTERNAL = "external", pgettext_lazy("news category", "External article")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("news status", "Draft")
    PUBLISHED = "published", pgettext_lazy("news status", "Published")


def _public():
    """The one statement of what the public sees: published status and a publication time that
    has come. Everything else (published(), scheduled(), is_public) is built from it, but for
    `NewsItem.public_now()`, the same test of one row read without it."""
    return models.Q(status=Status.PUBLISHED, published_at__lte=timezone.now())


# The years that have published items, newest first, one index probe per year: a recursive
# query that jumps from each year's newest item to the newest item before that year (a "loose
# index scan" on news_published_at_idx). The ORM cannot write a recursive query, so this is SQL;
# the rows it reads are published()'s own query, compiled by the ORM and put in as `{rows}`, so
# the visibility rule is not restated here. PostgreSQL pulls such a plain subquery up into the
# query around it, so each max() is still one probe of the partial index
# (tests/news/test_models.py checks the plan). Reading every published row for the years took
# about 0.1 s at 100,000 items; this takes a millisecond, so the years need no cache.
_YEARS_SQL = """
WITH RECURSIVE years(start) AS (
    SELECT date_trunc('year', max(published.published_at) AT TIME ZONE %s)
    FROM ({rows}) AS published
  UNION ALL
    SELECT (
        SELECT date_trunc('year', max(published.published_at) AT TIME ZONE %s)
        FROM ({rows}) AS published
        WHERE published.published_at < (years.start AT TIME ZONE %s)
    )
    FROM years WHERE years.start IS NOT NULL
)
SELECT CAST(EXTRACT(YEAR FROM start) AS integer) FROM years WHERE start IS NOT NULL
"""


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published status and a publication time that has come."""
        return self.filter(_public())

    def scheduled(self):
        """Published status, but a publication time still to come."""
        return self.filter(status=Status.PUBLISHED).exclude(_public())

    def with_visibility(self):
        """Each item annotated with `is_public` (whether published() includes it)."""
        return self.annotate(
            is_public=models.ExpressionWrapper(_public(), output_field=models.BooleanField())
        )

    def published_years_sql(self):
        """(sql, params) of `published_years`."""
        rows, params = self.published().order_by().values("published_at").query.sql_with_params()
        zone = SEOUL.key
        return _YEARS_SQL.format(rows=rows), [zone, *params, zone, *params, zone]

    def published_years(self):
        """The years (in Seoul) that have published items, newest first, in one query."""
        sql, params = self.published_years_sql()
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [year for (year,) in cursor.fetchall()]

    def published_totals(self):
        """(the number of published items, the years that have some, newest first) in one
        query: what the news list's heading and its year filter show, kept per content
        generation by the view."""
        years_sql, years_params = self.published_years_sql()
        count_sql, count_params = self.published().order_by().values("pk").query.sql_with_params()
        # Both parts are SQL the ORM compiled, their values passed apart as parameters.
        sql = (
            f"SELECT (SELECT count(*) FROM ({count_sql}) AS counted),"  # noqa: S608
            f" ARRAY(SELECT year FROM ({years_sql}) AS found(year) ORDER BY year DESC)"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*count_params, *years_params])
            count, years = cursor.fetchone()
        return count, years

    def for_listing(self):
        """Pinned first, then newest; the order of the list page and the home block."""
        return self.order_by("-pinned", "-published_at", "-pk")


def plain():
    """NewsItem rows through `NewsItemQuerySet` alone, without the QuerySet modeltranslation
    wraps around `NewsItem.objects` (it rewrites translated field names in every call: a tenth
    of a millisecond a query), for the hot queries of the list, the item and the feed, which
    name no translated field. The same rows and instances (search columns left out likewise)."""
    return NewsItemQuerySet(model=NewsItem).defer(*SEARCH_COLUMNS)


def columns(fields):
    """The columns of `fields` (a translated field's language columns too) and the id: what
    `only(*fields)` reads, for `values_list` rows that `NewsItem.from_db` turns into items."""
    languages = [code for code, _name in settings.LANGUAGES]
    names = {"id", *fields, *(f"{name}_{code}" for name in fields for code in languages)}
    return [field.attname for field in NewsItem._meta.concrete_fields if field.attname in names]


def cover_path(instance, filename):
    """A random name: a cover's address cannot be guessed from the item or the file's name."""
    return random_name(f"news/covers/{timezone.now():%Y}", filename)


# The fields kept in Korean and English (news/translation.py registers them).
TRANSLATED = ("title", "summary", "body", "cover_image_alt", "source_name")


class NewsItem(SearchDocument):
    """One news item. `SearchDocument` adds the generated search columns (title, summary, body)
    that `archive_portal.lib.search.keyword_filter` answers from GIN indexes."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        validators=[validate_not_reserved],
        help_text=_("The last part of the item's address; Korean letters are allowed."),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.NOTICE
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Plain text shown in lists, feeds and link previews; one point per line."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Formatted text from the editor (older items: Markdown). It is cleaned before it is "
            "shown: scripts, event attributes and javascript: links are removed."
        ),
    )
    author = models.CharField(
        _("author (글쓴이)"),
        max_length=100,
        blank=True,
        help_text=_("Shown as 글쓴이: the department or account that wrote the item."),
    )
    published_at = models.DateTimeField(
        _("published at"),
        default=timezone.now,
        help_text=_("A future time schedules the item: it appears on the site at that time."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="ko"
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned items are listed before all others.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    source_name = models.CharField(
        _("source name"),
        max_length=100,
        blank=True,
        help_text=_("For external articles: the outlet that published it."),
    )
    source_url = models.URLField(
        _("source URL"),
        blank=True,
        help_text=_("For external articles: the address of the original article."),
    )
    # The city's own news is reusable under KOGL Type 1; external articles stay the outlet's.
    licence = licence_field(Licence.KOGL_1)
    cover_image = models.FileField(
        _("cover image"),
        upload_to=cover_path,
        blank=True,
        validators=[UploadValidator(IMAGE_TYPES)],
    )
    cover_image_alt = models.CharField(
        _("cover image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_(
            "When this item is the other language's version of a separate item, name that item: "
            "the language switch then leads from one to the other."
        ),
    )
    english_by_archive = models.BooleanField(
        _("English written by the archive"),
        default=False,
        help_text=_(
            "The English text is the archive's translation, not the author's: the page says "
            "that the Korean original prevails."
        ),
    )
    # The SDG plan's goals and projects the item is about: a lazy reference by app label, so news
    # imports no Python module of sdg_plan (docs/DEVELOPING.md "Links between sections").
    goals = models.ManyToManyField(
        "sdg_plan.Goal",
        verbose_name=_("SDG goals"),
        related_name="news_items",
        blank=True,
        help_text=_("The Seoul SDG goals (and through them the UN SDGs) this item is about."),
    )
    projects = models.ManyToManyField(
        "sdg_plan.Project",
        verbose_name=_("SDG plan projects"),
        related_name="news_items",
        blank=True,
        help_text=_("Where it fits: the projects of the SDG implementation plan it concerns."),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The manager leaves the generated search columns out of every SELECT.
    objects = SearchDocumentManager.from_queryset(NewsItemQuerySet)()
    # Who changed what and when, with a restore in the admin; generated columns and the view
    # counter are not edits.
    history = HistoricalRecords(excluded_fields=[*SEARCH_COLUMNS, "view_count"])

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-pinned", "-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            # published().for_listing(): the list page, the home block and the feed. Every
            # column of the filter and the order, the primary key last: a deep page's ids come
            # from an index-only scan (archive_portal.lib.pagination.NearerEndPaginator).
            models.Index(
                fields=["status", "-pinned", "-published_at", "-id"],
                name="news_status_listing_idx",
            ),
            # The same for one category (the list's category filter): its count and its deep
            # pages from the index alone.
            models.Index(
                fields=["status", "category", "-pinned", "-published_at", "-id"],
                name="news_category_listing_idx",
            ),
            # The list's year filter (NewsItemQuerySet.published_years): one probe per year.
            models.Index(
                models.F("published_at").desc(),
                name="news_published_at_idx",
                condition=models.Q(status="published"),
            ),
            # The sitemap index's date (NewsSitemap.latest_lastmod_from): MAX(updated_at) of the
            # published items, one probe.
            models.Index(
                models.F("updated_at").desc(),
                name="news_updated_at_idx",
                condition=models.Q(status="published"),
            ),
            # The sitemap's pages (NewsSitemap: published() in primary-key order): a page's ids
            # from this index alone, the publication time checked in it.
            models.Index(
                fields=["id"],
                include=["published_at"],
                name="news_sitemap_idx",
                condition=models.Q(status="published"),
            ),
            # keyword_filter() on the list and the site search: the generated search columns.
            *search_indexes("news"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category=Category.EXTERNAL) | ~models.Q(source_name=""),
                name="news_external_has_source",
                violation_error_message=_("An external article needs the name of its source."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.category == Category.EXTERNAL and not self.source_name:
            raise ValidationError(
                {"source_name": _("An external article needs the name of its source.")}
            )

    def public_now(self):
        """Whether published() includes this row now: `_public()` for one row read without it
        (the item's page reads its row by slug alone, archive_portal.lib.rows)."""
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        """Published status but not yet public; needs `with_visibility()`'s `is_public`."""
        return self.status == Status.PUBLISHED and not self.is_public

    @property
    def summary_lines(self):
        return [line.strip() for line in self.summary.splitlines() if line.strip()]

    @property
    def rendered_body(self):
        """The body as sanitised HTML (nh3): the only way the body reaches a page (its tables
        scroll in keyboard-reachable regions)."""
        return render_body_for_page(self.body)


def attachment_path(instance, filename):
    """A random name: a file's address cannot be guessed from its title or original name."""
    return random_name(f"news/attachments/{timezone.now():%Y/%m}", filename)


class NewsAttachment(models.Model):
    news_item = models.ForeignKey(
        NewsItem,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("news item"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Shown as the link text, e.g. the document name.")
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        validators=[UploadValidator(ATTACHMENT_TYPES)],
    )
    # Stored when the file is saved, so that a page never asks the storage (S3) for sizes.
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            # A missing file keeps the size it had; the page then still renders.
            with contextlib.suppress(OSError):
                self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    @property
    def download_name(self):
        """The name a downloaded copy gets: the title and the stored file's extension."""
        title = "".join(c if c.isprintable() and c not in '/\\:*?"<>|' else " " for c in self.title)
        return " ".join(title.split())[:150] + PurePosixPath(self.file.name).suffix.lower()

    @property
    def file_type(self):
        """The file's type as people know it: PDF, HWP, XLSX…"""
        return PurePosixPath(self.file.name).suffix.lstrip(".").upper()
