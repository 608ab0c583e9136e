"""Keep `Publication.sector_ids` equal to the publication's sectors (a denormalised copy the
finder's facets count from; see the field). The finder's cached facet counts are kept under the
content generation (archive_portal.pagecache), which every change of a publication, its sectors
or goals, or a sector advances.

Every way sectors change goes through here: `publication.sectors.set/add/remove/clear()` (the
admin's form, the seed loader), the reverse side (`sector.publications.…`), and deleting a
sector, whose through rows the database removes without any m2m signal. Code that writes the
through table directly (bulk_create) calls `refresh_sector_ids` itself.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.signals import m2m_changed, post_delete, pre_delete
from django.dispatch import receiver

from archive_portal import pagecache
from publications.models import Publication, Sector

Through = Publication.sectors.through


def refresh_sector_ids(publication_ids):
    """Copy the sectors of these publications into their `sector_ids`: one UPDATE."""
    publication_ids = list(publication_ids)
    if not publication_ids:
        return
    sector_ids = Through.objects.filter(publication_id=OuterRef("pk")).order_by("sector_id")
    Publication.objects.filter(pk__in=publication_ids).update(
        sector_ids=ArraySubquery(sector_ids.values("sector_id"))
    )
    # An UPDATE sends no signal: retire the cached counts and pages (bulk writes of the through
    # table call this too).
    pagecache.content_changed()


@receiver(m2m_changed, sender=Through)
def _sectors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # sector.publications.clear(): whose sectors change
        instance._publications_before_clear = list(
            instance.publications.values_list("pk", flat=True)
        )
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh_sector_ids([instance.pk])
    elif action == "post_clear":
        refresh_sector_ids(getattr(instance, "_publications_before_clear", []))
    else:
        refresh_sector_ids(pk_set or [])


@receiver(pre_delete, sender=Sector)
def _sector_deleting(sender, instance, **kwargs):
    instance._publications_before_delete = list(instance.publications.values_list("pk", flat=True))


@receiver(post_delete, sender=Sector)
def _sector_deleted(sender, instance, **kwargs):
    refresh_sector_ids(getattr(instance, "_publications_before_delete", []))
