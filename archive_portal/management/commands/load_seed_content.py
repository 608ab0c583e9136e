"""Load the portal's real source content (copied from the seed documents into each app's data/).

Each app names its loader in its Section (archive_portal.sections, ``seed_loader``): a callable
``load(overwrite=False)`` returning
(created, updated) counts. By default a loader only creates the rows that are missing (keyed by
a natural key such as a slug) and keeps every row that already exists exactly as it is, child
rows included, so that what staff edited in the admin survives a release or a restart.
``--overwrite`` resets the existing rows to the seed files instead, discarding those edits.
Idempotent either way: a second run creates and changes nothing. All loaders run in one
transaction.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive_portal import pagecache, sections


class Command(BaseCommand):
    help = (
        "Load the seed content (partners, training calls, publications, news, the SDG plan). "
        "Creates what is missing and keeps rows that already exist as they are, so edits made "
        "in the admin survive. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Also reset rows that already exist (and their child rows: schedules, sectors, "
                "the SDG projects' departments) to the seed files. This DISCARDS edits made in "
                "the admin to seeded content."
            ),
        )

    def handle(self, *args, dry_run=False, overwrite=False, **options):
        with transaction.atomic():
            for label, load in sections.seed_loaders():
                created, updated = load(overwrite=overwrite)
                self.stdout.write(f"{label}: {created} created, {updated} updated")
            # Links between sections (the SDG goals of seeded items) once every section's rows
            # exist.
            for label, load in sections.seed_link_loaders():
                created, updated = load(overwrite=overwrite)
                self.stdout.write(f"{label}: {created} created, {updated} updated")
            pagecache.content_changed()  # in case a loader wrote without signals
            if not overwrite:
                self.stdout.write(
                    "existing rows were kept as they are (--overwrite resets them to the seed "
                    "files, discarding edits made in the admin)"
                )
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(self.style.WARNING("dry run: nothing was saved"))
                return
        self.stdout.write(self.style.SUCCESS("seed content loaded"))
