from django.db import models
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
