from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArchivePortalConfig(AppConfig):
    name = "archive_portal"
    verbose_name = _("Portal")

    def ready(self):
        from archive_portal import pagecache
        from archive_portal.groups import sync_staff_groups

        post_migrate.connect(sync_staff_groups, dispatch_uid="archive_portal.sync_staff_groups")
        pagecache.connect_signals()
        from django.contrib.auth.signals import user_logged_in

        from archive_portal.middleware import staff_signed_in

        user_logged_in.connect(staff_signed_in, dispatch_uid="archive_portal.staff_signed_in")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Replaces django.contrib.admin in INSTALLED_APPS: every `admin.site.register` and
    `@admin.register` then uses the staff site with a second factor (archive_portal.admin_site)."""

    default = False  # `archive_portal` itself is ArchivePortalConfig
    default_site = "archive_portal.admin_site.PortalAdminSite"
