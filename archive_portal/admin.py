from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from archive_portal.lib.admin_a11y import LabelledAdminMixin
from archive_portal.models import Partner

admin.site.site_header = _("Seoul Policy Archive administration")
admin.site.site_title = _("Seoul Policy Archive")
admin.site.index_title = _("Content and nominations")
# The model list beside every page took 300 of 1,280 px and pushed list columns out of sight;
# the admin home and the breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False


@admin.register(Partner)
class PartnerAdmin(LabelledAdminMixin, SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "category", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name_ko", "name_en", "url"]


# Staff accounts: the same form, with names for the date and time halves of its date-times.
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(LabelledAdminMixin, UserAdmin):
    pass
