"""Keep `Publication.sector_ids` equal to the publication's sectors (a denormalised copy the
finder's facets count from; see the field), and bump the version of the finder's cached facet
counts whenever a publication, its sectors or a sector change.

Every way sectors change goes through here: `publication.sectors.set/add/remove/clear()` (the
admin's form, the seed loader), the reverse side (`sector.publications.…`), and deleting a
sector, whose through rows the database removes without any m2m signal. Code that writes the
through table directly (bulk_create) calls `refresh_sector_ids` itself.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, transaction
from django.db.models import OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from publications.models import Publication, Sector

Through = Publication.sectors.through


def facets_version():
    """The current version of the finder's cached facet counts (see PublicationFilter): a
    PostgreSQL sequence (migration 0009), so every process and server sees each change at once,
    whatever the cache backend."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM publications_facets_version"
        )
        return cursor.fetchone()[0]


def facets_changed():
    """Retire every cached facet count: publications or sectors have changed. Now, and again
    once the transaction commits: a request counting in between, before the change is visible,
    would otherwise cache the old counts under the new version."""

    def bump():
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval('publications_facets_version')")

    bump()
    transaction.on_commit(bump)


@receiver([post_save, post_delete], sender=Publication)
@receiver([post_save, post_delete], sender=Sector)
def _content_changed(sender, **kwargs):
    facets_changed()


def refresh_sector_ids(publication_ids):
    """Copy the sectors of these publications into their `sector_ids`: one UPDATE."""
    publication_ids = list(publication_ids)
    if not publication_ids:
        return
    sector_ids = Through.objects.filter(publication_id=OuterRef("pk")).order_by("sector_id")
    Publication.objects.filter(pk__in=publication_ids).update(
        sector_ids=ArraySubquery(sector_ids.values("sector_id"))
    )
    facets_changed()


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


@receiver(m2m_changed, sender=Publication.goals.through)
def _goals_changed(sender, action, **kwargs):
    """The finder counts with a goal chosen (?goal=) are cached too: a change of an item's SDG
    goals retires them. (Deleting a goal is refused while it has tasks: PROTECT.)"""
    if action in ("post_add", "post_remove", "post_clear"):
        facets_changed()
