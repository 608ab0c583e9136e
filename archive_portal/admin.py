from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from archive_portal.lib.admin_a11y import LabelledAdminMixin
from archive_portal.lib.history_admin import HistoryAdmin
from archive_portal.models import Partner

admin.site.site_header = _("Seoul Policy Archive administration")
admin.site.site_title = _("Seoul Policy Archive")
admin.site.index_title = _("Content and nominations")
# The model list beside every page took 300 of 1,280 px and pushed list columns out of sight;
# the admin home and the breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False


@admin.register(Partner)
class PartnerAdmin(LabelledAdminMixin, HistoryAdmin):
    list_display = ["name_ko", "name_en", "category", "url", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name_ko", "name_en", "url"]


# Staff accounts: the same form, with names for the date and time halves of its date-times.
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(LabelledAdminMixin, UserAdmin):
    pass


class TOTPDeviceAdmin(otp_totp_admin.TOTPDeviceAdmin):
    """django-otp's authenticator admin, whose set-up pages answer an unknown device with a 404
    (django-otp's own look it up with .get(): a 500)."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
