from django import forms
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from archive_portal.lib.admin_a11y import LabelledAdminMixin, LabelledTabularInline
from archive_portal.lib.admin_preview import UnsavedPreviewMixin
from archive_portal.lib.editor import RichTextField
from archive_portal.lib.history_admin import HistoryAdmin
from publications import text
from publications.models import Attachment, BodyFormat, PreviousSlug, Publication, Sector


class AttachmentInline(LabelledTabularInline, TranslationTabularInline):
    model = Attachment
    extra = 1
    fields = ["title", "file", "order", "file_type", "size_display", "download_count"]
    readonly_fields = ["file_type", "size_display", "download_count"]

    @admin.display(description=_("size"))
    def size_display(self, attachment):
        return filesizeformat(attachment.size) if attachment.size else "–"


class PreviousSlugInline(LabelledTabularInline):
    """The addresses the item had before its slug changed, each redirecting (301) to the current
    one. Made by changing the slug, never typed; staff may remove a wrong one (a typo that was
    published for a moment), whose address then answers 404."""

    model = PreviousSlug
    extra = 0
    max_num = 0
    fields = ["old_address", "changed_at"]
    readonly_fields = ["old_address", "changed_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("old address"))
    def old_address(self, previous):
        path = reverse("publications:detail", kwargs={"slug": previous.slug})
        return format_html('<a href="{}">{}</a>', path, path)


class PublicationAdminForm(forms.ModelForm):
    """The body in the editor; any older format (Markdown, flattened document text) opens
    formatted, as the page shows it, and is saved as the editor's HTML."""

    # The body in each language (django-modeltranslation's columns) in the editor.
    # The Korean body in the editor, labelled as django-modeltranslation labels the other
    # fields ("본문 [ko]"); the English body (body_en) is a plain text area (Markdown or HTML,
    # sanitised like the rest): one editor, one toolbar per page.
    body_ko = RichTextField(label=format_lazy("{} [ko]", _("body")), required=False)

    class Meta:
        model = Publication
        # the admin adds the fieldsets' fields (body_format is set on save)
        fields = ["body_ko"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            self.instance.pk
            and self.instance.body_format != BodyFormat.HTML
            and self.instance.body_ko
        ):
            flat = self.instance.body_format == BodyFormat.FLAT
            self.initial["body_ko"] = str(text.render(self.instance.body_ko, flat=flat))

    def save(self, commit=True):
        self.instance.body_format = BodyFormat.HTML
        return super().save(commit)


@admin.register(Publication)
class PublicationAdmin(UnsavedPreviewMixin, TranslationAdmin, HistoryAdmin):
    # Korean and English columns of each translated field together (django-modeltranslation).
    form = PublicationAdminForm
    preview_template = "publications/detail.html"
    list_display = ["title", "kind", "status", "published_on", "language", "download_count"]
    list_filter = ["status", "kind", "language", "sectors", "licence", "published_on"]
    list_select_related = True
    search_fields = [
        "title_ko", "title_en", "summary_ko", "summary_en", "body_ko", "body_en",
        "publisher_ko", "publisher_en", "responsible_department_ko", "slug",
    ]  # fmt: skip
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["translation_of"]
    # goals and projects live in sdg_plan. Two-box choosers, not autocomplete: select2 sets
    # inline styles that the admin's strict CSP refuses.
    filter_horizontal = ["sectors", "goals", "projects"]
    readonly_fields = ["download_count", "created_at", "updated_at"]
    inlines = [AttachmentInline, PreviousSlugInline]
    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "status", "published_on", "language"]}),
        (_("Text"), {"fields": ["summary", "body"]}),
        (
            _("Languages"),
            {
                "fields": ["english_by_archive", "translation_of"],
                "description": _(
                    "An item without an English title is shown on /en/ in Korean, marked "
                    "“Available in Korean only”. When the English text is a separate item, "
                    "link the two with “translation of”."
                ),
            },
        ),
        (
            _("Source and links"),
            {
                "fields": [
                    "publisher",
                    "author",
                    "sectors",
                    "cover_image",
                    "external_url",
                    "video_url",
                    "availability",
                    "licence",
                ]
            },
        ),
        (
            _("SDG plan"),
            {
                "fields": ["goals", "projects"],
                "description": _(
                    "The goals shown on the item's page and whose goal pages list the item."
                ),
            },
        ),
        (
            _("Policy cases"),
            {
                "fields": ["responsible_department", "contact", "data_base_date"],
                "description": _("Only for policy cases (City Initiatives)."),
            },
        ),
        (_("Statistics"), {"fields": ["download_count", "created_at", "updated_at"]}),
    ]

    def get_inlines(self, request, obj):
        """The old addresses only where there are some (a new item has none)."""
        if obj is None or not obj.previous_slugs.exists():
            return [AttachmentInline]
        return self.inlines

    def preview_context(self, request, obj):
        # No cached fragment: the page shows the unsaved changes (fragment_vary None).
        return {"publication": obj, "related": [], "fragment_vary": None}


@admin.register(Sector)
class SectorAdmin(LabelledAdminMixin, admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_ko", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
