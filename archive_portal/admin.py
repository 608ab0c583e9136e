from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from archive_portal.lib.admin_a11y import LabelledAdminMixin
from archive_portal.lib.history_admin import HistoryAdmin
from archive_portal.models import InfoPage, InfoPageVersion, Partner

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


class InfoPageVersionInline(admin.StackedInline):
    model = InfoPageVersion
    extra = 0
    fields = ["effective_on", "change_note_ko", "change_note_en", "body_ko", "body_en"]
    ordering = ["-effective_on"]


@admin.register(InfoPage)
class InfoPageAdmin(LabelledAdminMixin, admin.ModelAdmin):
    """The about, privacy, accessibility, terms and contact pages. To change a page that is in
    force, add a version with the date it takes effect (earlier versions stay readable on the
    site with their dates) rather than editing the text in force."""

    list_display = ["title_ko", "title_en", "kind", "in_force_from", "version_count"]
    readonly_fields = ["kind"]
    fields = ["kind", "title_ko", "title_en"]
    inlines = [InfoPageVersionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(latest=Max("versions__effective_on"), number_of_versions=Count("versions"))
        )

    @admin.display(description=_("latest version"), ordering="latest")
    def in_force_from(self, page):
        return page.latest

    @admin.display(description=_("versions"), ordering="number_of_versions")
    def version_count(self, page):
        return page.number_of_versions

    def has_add_permission(self, request):
        # The five pages are created by the seed content; their kinds are fixed URLs.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
