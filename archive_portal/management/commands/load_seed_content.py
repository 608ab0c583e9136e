"""Load the portal's real source content (copied from the seed documents into each app's data/).

Each app contributes a loader in SEED_LOADERS: a callable returning (created, updated) counts.
Idempotent: a second run creates and changes nothing.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# (label, "module:function") in dependency order; apps add their own loader here.
SEED_LOADERS = [
    ("partner organisations", "archive_portal.seed:load_partners"),
    ("training programmes", "training.seed:load"),
    ("publications", "publications.seed:load"),
    ("news items", "news.seed:load"),
    ("SDG implementation plan", "sdg_plan.seed:load"),
]


def _resolve(path):
    module, _, func = path.partition(":")
    return getattr(import_module(module), func)


class Command(BaseCommand):
    help = "Load the seed content (partners, news, publications, training calls). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            for label, path in SEED_LOADERS:
                created, updated = _resolve(path)()
                self.stdout.write(f"{label}: {created} created, {updated} updated")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(self.style.WARNING("dry run: nothing was saved"))
                return
        self.stdout.write(self.style.SUCCESS("seed content loaded"))
