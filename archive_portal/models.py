from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
