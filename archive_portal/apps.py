from django.apps import AppConfig
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
