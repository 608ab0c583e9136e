from django import forms
from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from archive_portal.lib.admin_a11y import LabelledAdminMixin, LabelledTabularInline
from archive_portal.lib.admin_preview import UnsavedPreviewMixin
from archive_portal.lib.editor import RichTextField
from archive_portal.lib.history_admin import HistoryAdmin
from archive_portal.lib.richtext import render_body
from news.models import NewsAttachment, NewsItem, Status


class NewsAttachmentInline(LabelledTabularInline, TranslationTabularInline):
    model = NewsAttachment
    extra = 1
    fields = ["title", "file", "order", "size_display"]
    readonly_fields = ["size_display"]

    @admin.display(description=_("size"))
    def size_display(self, obj):
        return filesizeformat(obj.size) if obj.pk else "—"


class VisibilityFilter(admin.SimpleListFilter):
    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("public", _("On the site")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        return queryset


class NewsItemAdminForm(forms.ModelForm):
    # The body in each language (django-modeltranslation's columns) in the editor.
    # The Korean body in the editor, labelled as django-modeltranslation labels the other
    # fields ("본문 [ko]"); the English body (body_en) is a plain text area (Markdown or HTML,
    # sanitised like the rest): one editor, one toolbar per page.
    body_ko = RichTextField(label=format_lazy("{} [ko]", _("body")), required=False)

    class Meta:
        model = NewsItem
        fields = ["body_ko"]  # the admin adds the fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.initial.get("body_ko")
        if body:  # an older Markdown body opens formatted in the editor
            self.initial["body_ko"] = str(render_body(body))


@admin.register(NewsItem)
class NewsItemAdmin(LabelledAdminMixin, UnsavedPreviewMixin, TranslationAdmin, HistoryAdmin):
    # TranslationAdmin (django-modeltranslation): each translated field's Korean and English
    # columns one under the other (title [ko], title [en]…).
    form = NewsItemAdminForm
    preview_template = "news/detail.html"
    list_display = ["title", "category", "visibility", "published", "pinned", "view_count"]
    list_filter = [
        VisibilityFilter,
        "category",
        "status",
        "language",
        "pinned",
        "licence",
        "published_at",
    ]
    list_select_related = False
    search_fields = [
        "title_ko", "title_en", "summary_ko", "summary_en", "body_ko", "body_en", "author",
        "source_name_ko", "source_name_en",
    ]  # fmt: skip
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [NewsAttachmentInline]
    raw_id_fields = ["translation_of"]
    # The goals and projects live in sdg_plan. Two-box choosers, not autocomplete: select2 sets
    # inline styles that the admin's strict CSP refuses.
    filter_horizontal = ["goals", "projects"]
    readonly_fields = ["preview_link", "view_count", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "language", "author"]}),
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
            _("Publishing"),
            {
                "fields": ["status", "published_at", "pinned", "preview_link"],
                "description": _(
                    "An item is on the site when its status is Published and its publication "
                    "time has come; a future time schedules it."
                ),
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
        (_("External article"), {"fields": ["source_name", "source_url"]}),
        (_("Reuse"), {"fields": ["licence"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_image_alt"]}),
        (_("Statistics"), {"fields": ["view_count", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        # `is_public` for the visibility column, from the same rule as published().
        return super().get_queryset(request).with_visibility()

    @admin.display(description=_("published at"), ordering="published_at")
    def published(self, obj):
        return timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("visibility"))
    def visibility(self, obj):
        if obj.status == Status.DRAFT:
            return _("Draft")
        if obj.is_scheduled:
            return _("Scheduled")
        return _("On the site")

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk:
            return _("Save the item to preview it.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news:preview", kwargs={"pk": obj.pk}),
            _("Preview this item as it will appear"),
        )

    def preview_context(self, request, obj):
        return {"item": obj}
