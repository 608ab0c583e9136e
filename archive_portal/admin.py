from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from archive_portal.models import Partner

admin.site.site_header = _("Seoul Policy Archive administration")
admin.site.site_title = _("Seoul Policy Archive")
admin.site.index_title = _("Content and nominations")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "category", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name_ko", "name_en", "url"]
