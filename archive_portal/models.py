from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Partner(models.Model):
    """A partner organisation shown in the footer as a plain text link (no hot-linked logos)."""

    class Category(models.TextChoices):
        INTERNATIONAL = "international", _("International organisations")
        DOMESTIC = "domestic", _("Korean institutions")

    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    url = models.URLField(_("home page"), blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.INTERNATIONAL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "order", "name_en"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(fields=["name_en"], name="partner_unique_name_en"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url

    @property
    def name(self):
        return self.name_en if get_language() == "en" else self.name_ko


class RateLimitCounter(models.Model):
    """How often one key (a scope and a hashed visitor address) was counted in one fixed window.

    The shared store of `archive_portal.lib.ratelimit`: in the database, so the limit holds across
    every worker and instance (a local-memory cache counts per process). Rows of windows that are
    over are deleted by `ratelimit.purge` (run by `purge_personal_data`).
    """

    scope = models.CharField(_("scope"), max_length=50)
    key_hash = models.CharField(_("key (hashed)"), max_length=64)
    window_start = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["-window_start", "scope"]
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            # The target of ratelimit.hit's INSERT … ON CONFLICT … DO UPDATE.
            models.UniqueConstraint(
                fields=["scope", "key_hash", "window_start"], name="ratelimit_unique_window"
            ),
        ]
        indexes = [
            # ratelimit.purge: DELETE … WHERE window_start < %s.
            models.Index(fields=["window_start"], name="ratelimit_window_start"),
        ]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class PageKind(models.TextChoices):
    """The information pages; each value is also the name of the page's URL."""

    ABOUT = "about", _("About the archive")
    PRIVACY = "privacy", _("Privacy policy")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    TERMS = "terms", _("Terms of use and copyright")
    CONTACT = "contact", _("Contact")


class InfoPage(models.Model):
    """A page about the site itself (about, privacy policy, accessibility statement, terms and
    copyright, contact). Its text lives in dated versions, so that the page can say since when
    it applies and keep the earlier wording readable (PIPA art. 30 asks for the changes of a
    privacy policy with their dates)."""

    Kind = PageKind

    kind = models.CharField(_("page"), max_length=20, choices=PageKind.choices)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("site information page")
        verbose_name_plural = _("site information pages")
        constraints = [
            models.UniqueConstraint(fields=["kind"], name="infopage_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=PageKind.values),
                name="infopage_kind_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.kind)

    @property
    def title(self):
        return self.title_en if get_language() == "en" else self.title_ko


class InfoPageVersion(models.Model):
    """One dated wording of an information page. The version in force is the latest whose date
    has come (Seoul time); a version dated in the future is announced on the page until then."""

    page = models.ForeignKey(
        InfoPage, on_delete=models.CASCADE, related_name="versions", verbose_name=_("page")
    )
    effective_on = models.DateField(
        _("in force from"),
        help_text=_("The page shows this text from this day on (Seoul time)."),
    )
    body_ko = models.TextField(_("text (Korean)"), help_text=_("Markdown; headings start at ##."))
    body_en = models.TextField(_("text (English)"), help_text=_("Markdown; headings start at ##."))
    change_note_ko = models.CharField(_("what changed (Korean)"), max_length=300, blank=True)
    change_note_en = models.CharField(_("what changed (English)"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["page", "-effective_on"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "effective_on"], name="infopageversion_unique_date"
            ),
        ]

    def __str__(self):
        return f"{self.page} ({self.effective_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse(
            f"{self.page.kind}_version", kwargs={"effective_on": self.effective_on.isoformat()}
        )

    @property
    def body(self):
        return self.body_en if get_language() == "en" else self.body_ko

    @property
    def change_note(self):
        return self.change_note_en if get_language() == "en" else self.change_note_ko
