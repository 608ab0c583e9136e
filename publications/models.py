"""Publications, research reports, videos, e-books, brochures and policy cases (City Initiatives),
with their sectors and downloadable attachments."""

import os
import re
from urllib.parse import parse_qs, urlparse

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive_portal.lib.search_document import (
    SEARCH_COLUMNS,
    SearchDocument,
    SearchDocumentManager,
    search_indexes,
)
from archive_portal.lib.slugs import reserved_slug_validator
from archive_portal.lib.timezone import seoul_today
from archive_portal.lib.uploads import TYPE_INFO, detect_file_type
from archive_portal.licences import Licence, licence_field
from publications import text
from publications.uploads import (
    ATTACHMENT_TYPE_CHOICES,
    attachment_upload_to,
    cover_upload_to,
    validate_attachment_file,
    validate_image_file,
)

# Paths under /publications/ that a publication's slug must not take.
RESERVED_SLUGS = {"feed", "policy-cases", "p"}


class Sector(models.Model):
    """A policy sector (urban planning, transportation …): a list facet, editable by staff."""

    slug = models.SlugField(_("slug"), max_length=60, help_text=_("Used in filter links."))
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="sector_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publications:index") + f"?sector={self.slug}"

    @property
    def name(self):
        return self.name_en if get_language() == "en" else self.name_ko


class Kind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    RESEARCH_REPORT = "research_report", _("Research report")
    VIDEO = "video", _("Video")
    EBOOK = "ebook", _("E-book")
    BROCHURE = "brochure", _("Brochure")
    POLICY_CASE = "policy_case", _("Policy case")


class Language(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class BodyFormat(models.TextChoices):
    HTML = "html", _("Formatted text (the admin's editor)")
    MARKDOWN = "markdown", _("Markdown (or HTML)")
    FLAT = "flat", _("Document text (□ ○ - ① • bullets, one paragraph per line)")


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and its date (if any) has come (Seoul time)."""
        today = seoul_today()
        return self.filter(status=Status.PUBLISHED).filter(
            Q(published_on__isnull=True) | Q(published_on__lte=today)
        )

    def newest_first(self):
        return self.order_by(F("published_on").desc(nulls_last=True), "-id")

    def most_downloaded_first(self):
        return self.order_by("-download_count", F("published_on").desc(nulls_last=True), "-id")


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{4,12}$")


def video_embed_url(url):
    """The privacy-enhanced embed URL (youtube-nocookie, Vimeo with do-not-track) or ''."""
    if not url:
        return ""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [part for part in parsed.path.split("/") if part]
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if path[:1] == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif len(path) >= 2 and path[0] in ("embed", "shorts", "live", "v"):
            video_id = path[1]
        if _YOUTUBE_ID.match(video_id):
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif host == "youtu.be" and path:
        if _YOUTUBE_ID.match(path[0]):
            return f"https://www.youtube-nocookie.com/embed/{path[0]}"
    elif host in ("vimeo.com", "player.vimeo.com"):
        video_id = path[-1] if path else ""
        if _VIMEO_ID.match(video_id):
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
    return ""


# The fields kept in Korean and English (publications/translation.py registers them).
TRANSLATED = ("title", "summary", "body", "publisher", "responsible_department", "contact")


class Publication(SearchDocument):
    """One item of the archive. `SearchDocument` adds the generated search columns (title,
    summary, body) that `archive_portal.lib.search.keyword_filter` answers from GIN indexes."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=True,
        validators=[reserved_slug_validator(RESERVED_SLUGS)],
        help_text=_(
            "The last part of the address. When it changes, the old address redirects to the "
            "new one (listed under “previous addresses”)."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists and feeds.")
    )
    body = models.TextField(_("body"), blank=True)
    body_format = models.CharField(
        _("body format"),
        max_length=10,
        choices=BodyFormat.choices,
        default=BodyFormat.HTML,
        help_text=_("Either way the text is cleaned: no scripts or styles reach the page."),
    )
    publisher = models.CharField(
        _("publisher / organisation"),
        max_length=200,
        help_text=_("Shown in the citation, e.g. 서울특별시 or The Seoul Institute."),
    )
    author = models.CharField(
        _("author (글쓴이)"),
        max_length=100,
        blank=True,
        help_text=_("Shown as 글쓴이: the department or account that wrote the item."),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the source gives no date; the item is then shown undated."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KOREAN
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="publications", blank=True
    )
    # The SDG plan's goals and projects the item serves. A lazy reference by app label: Django
    # resolves "sdg_plan.Goal" from the app registry, so publications imports no Python module of
    # sdg_plan (the dependency rule, docs/DEVELOPING.md "Links between sections").
    goals = models.ManyToManyField(
        "sdg_plan.Goal",
        verbose_name=_("SDG goals"),
        related_name="publications",
        blank=True,
        help_text=_("The Seoul SDG goals (and through them the UN SDGs) this item serves."),
    )
    projects = models.ManyToManyField(
        "sdg_plan.Project",
        verbose_name=_("SDG plan projects"),
        related_name="publications",
        blank=True,
        help_text=_("Where it fits: the projects of the SDG implementation plan it belongs to."),
    )
    # A copy of the sectors' ids, kept equal to `sectors` by publications.signals: the finder
    # counts items per sector from this one table (unnest), instead of joining every keyword
    # match to the through table (43 ms for a common word at 20,000 items).
    sector_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    cover_image = models.FileField(
        _("cover image"),
        upload_to=cover_upload_to,
        validators=[validate_image_file],
        blank=True,
        help_text=_("JPEG or PNG."),
    )
    external_url = models.URLField(
        _("external or e-book link"),
        max_length=500,
        blank=True,
        help_text=_("Where the full text or e-book can be read on another site."),
    )
    video_url = models.URLField(
        _("video link"),
        max_length=500,
        blank=True,
        help_text=_("A YouTube or Vimeo address; it is embedded in privacy-enhanced mode."),
    )
    availability = models.TextField(
        _("where to obtain it"),
        blank=True,
        help_text=_(
            "For items without a file or link on this site: where the document or video can be "
            "read or obtained. Left empty, the page says to ask the publisher."
        ),
    )
    responsible_department = models.CharField(
        _("responsible department"), max_length=200, blank=True
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    data_base_date = models.DateField(
        _("data base date"),
        null=True,
        blank=True,
        help_text=_("The date the policy case's facts and figures are current as of."),
    )
    # Works of the city are reusable under KOGL Type 1 unless staff choose otherwise per item.
    licence = licence_field(Licence.KOGL_1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    download_count = models.PositiveIntegerField(
        _("downloads"), default=0, editable=False, help_text=_("All attachments together.")
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_(
            "When this item is the other language's version of a separate publication, name "
            "that publication: the language switch then leads from one to the other."
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The manager leaves the (large) generated search columns out of every SELECT.
    objects = SearchDocumentManager.from_queryset(PublicationQuerySet)()
    # Who changed what and when, with a restore in the admin; generated columns, the copy of the
    # sectors and the download counter are not edits.
    history = HistoricalRecords(excluded_fields=[*SEARCH_COLUMNS, "sector_ids", "download_count"])

    class Meta:
        ordering = [F("published_on").desc(nulls_last=True), "-id"]
        get_latest_by = "published_on"
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="publication_unique_slug"),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="publication_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="publication_language_valid"
            ),
        ]
        indexes = [
            # The list's default order and the home block: published() ordered by date, the
            # primary key in the same direction as Meta.ordering (so the index gives the whole
            # order, and a deep page's ids are read from it: NearerEndPaginator).
            models.Index(
                F("published_on").desc(nulls_last=True),
                F("id").desc(),
                name="publication_published_idx",
                condition=Q(status="published"),
            ),
            # The sitemap index's date (PublicationSitemap.latest_lastmod_from).
            models.Index(
                F("updated_at").desc(),
                name="publication_updated_idx",
                condition=Q(status="published"),
            ),
            # The sitemap's pages (PublicationSitemap, primary-key order), as news_sitemap_idx.
            models.Index(
                fields=["id"],
                include=["published_on"],
                name="publication_sitemap_idx",
                condition=Q(status="published"),
            ),
            # keyword_filter() on the finder and the site search: the generated search columns.
            *search_indexes("publication"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})

    def get_permalink(self):
        """The address to cite: it keeps working when the slug changes."""
        return reverse("publications:permalink", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        """Remember the old slug when it changes, so links to the old address still arrive
        (publications.views.detail redirects them). In the same transaction as the change."""
        with transaction.atomic():
            if self.pk:
                old = Publication.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
                if old and old != self.slug:
                    PreviousSlug.objects.update_or_create(
                        slug=old, defaults={"publication_id": self.pk}
                    )
            super().save(*args, **kwargs)
            # A slug taken back by its item (or by another one) is no longer an old address.
            PreviousSlug.objects.filter(slug=self.slug).delete()

    def clean(self):
        super().clean()
        if self.video_url and not video_embed_url(self.video_url):
            raise ValidationError(
                {"video_url": _("Give the address of one YouTube or Vimeo video.")}
            )

    @property
    def body_html(self):
        return text.render(self.body, flat=self.body_format == BodyFormat.FLAT)

    @property
    def summary_repeats_body(self):
        """True when the summary is just the body's opening (as for the seed items): the detail
        page then does not print it twice."""
        if self.body_format != BodyFormat.FLAT or not self.summary:
            return False
        return text.plain_summary(text.first_paragraph(self.body)) == self.summary

    @property
    def embed_url(self):
        return video_embed_url(self.video_url)

    @property
    def is_public(self):
        """What `Publication.objects.published()` selects, for one row read without it:
        published, and its date (if any) has come (Seoul time)."""
        return self.status == Status.PUBLISHED and (
            self.published_on is None or self.published_on <= seoul_today()
        )

    @property
    def is_policy_case(self):
        return self.kind == Kind.POLICY_CASE

    @property
    def year(self):
        return self.published_on.year if self.published_on else None


class PreviousSlug(models.Model):
    """An address a publication had before its slug changed: /publications/<slug>/ redirects
    to the current one, so links and citations made earlier keep working."""

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="previous_slugs",
        verbose_name=_("publication"),
    )
    slug = models.SlugField(_("old slug"), max_length=120, allow_unicode=True)
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("previous address")
        verbose_name_plural = _("previous addresses")
        constraints = [
            # The detail view's fallback looks a missing slug up here: one row per old slug.
            models.UniqueConstraint(fields=["slug"], name="publication_previous_slug_unique"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return self.publication.get_absolute_url()


class Attachment(models.Model):
    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("publication"),
    )
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Defaults to the file name.")
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        validators=[validate_attachment_file],
        max_length=200,
        help_text=_("PDF, HWP, HWPX, DOCX, XLSX, PPTX, ZIP, JPEG or PNG; checked by content."),
    )
    original_name = models.CharField(
        _("original file name"),
        max_length=255,
        editable=False,
        help_text=_("The name the file is downloaded under."),
    )
    file_type = models.CharField(
        _("file type"), max_length=10, choices=ATTACHMENT_TYPE_CHOICES, editable=False
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.original_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # A new upload (already validated by the form): remember what it is before the
            # storage renames it.
            upload = self.file.file
            self.original_name = os.path.basename(upload.name)[:255]
            self.size = upload.size
            self.file_type = detect_file_type(upload) or ""
            if not self.title:
                self.title = os.path.splitext(self.original_name)[0]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "publications:download",
            kwargs={"slug": self.publication.slug, "pk": self.pk},
        )

    @property
    def content_type(self):
        info = TYPE_INFO.get(self.file_type)
        return info.content_type if info else "application/octet-stream"

    @property
    def type_label(self):
        return self.get_file_type_display() or self.file_type.upper()
