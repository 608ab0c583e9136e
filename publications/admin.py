from django.contrib import admin
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from publications.models import Attachment, Publication, Sector


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ["title", "file", "order", "file_type", "size_display", "download_count"]
    readonly_fields = ["file_type", "size_display", "download_count"]

    @admin.display(description=_("size"))
    def size_display(self, attachment):
        return filesizeformat(attachment.size) if attachment.size else "–"


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "published_on", "language", "download_count"]
    list_filter = ["status", "kind", "language", "sectors", "published_on"]
    list_select_related = True
    search_fields = ["title", "summary", "body", "publisher", "responsible_department", "slug"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sectors"]
    readonly_fields = ["download_count", "created_at", "updated_at"]
    inlines = [AttachmentInline]
    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "status", "published_on", "language"]}),
        (_("Text"), {"fields": ["summary", "body", "body_format"]}),
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
                ]
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


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name_ko", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
