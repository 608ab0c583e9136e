"""Delete the personal data of nominations past the retention period of the privacy notice.

The notice (training/consent.py) promises to keep personal data until two years after the
training ends; after that the writer's and trainees' details are removed and only the reference,
country, city and result remain for statistics. Idempotent: anonymised nominations are skipped.
Training and study-visit requests ("Learn this policy in Seoul") lose their personal data two
years after they arrive (consent.REQUEST_RETENTION). It also deletes the rate-limit counters of
past windows (they are kept per hashed network address, and only for the hour they count),
and email subscriptions never confirmed within the confirmation link's life (subscribers who
unsubscribe are deleted at once, training.subscriptions).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from archive_portal.lib import ratelimit
from archive_portal.lib.timezone import seoul_today
from training import consent, services, subscriptions
from training.models import LearningRequest, Nomination


def due_for_purge(today=None):
    today = today or seoul_today()
    return (
        Nomination.objects.filter(
            anonymised_at__isnull=True,
            programme__training_ends__lt=today - consent.RETENTION,
        )
        .select_related("programme")
        .order_by("programme__training_ends", "reference")
    )


def requests_due_for_purge(now=None):
    """ "Learn this policy in Seoul" requests older than their retention period."""
    now = now or timezone.now()
    return LearningRequest.objects.filter(
        anonymised_at__isnull=True, created_at__lt=now - consent.REQUEST_RETENTION
    ).order_by("created_at")


class Command(BaseCommand):
    help = (
        "Remove personal data from nominations whose retention period (two years after the "
        "training ends) is over and from training requests two years old, and delete email "
        "subscriptions never confirmed. --dry-run lists them without changing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be purged; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        nominations = list(due_for_purge())
        for nomination in nominations:
            action = "would anonymise" if dry_run else "anonymised"
            self.stdout.write(
                f"{action} {nomination.reference} ({nomination.programme.title}, training ended "
                f"{nomination.programme.training_ends:%Y-%m-%d})"
            )
            if not dry_run:
                services.nomination_anonymise(nomination=nomination)
        requests = list(requests_due_for_purge())
        for learning_request in requests:
            action = "would anonymise" if dry_run else "anonymised"
            self.stdout.write(
                f"{action} request {learning_request.reference} (received "
                f"{learning_request.created_at:%Y-%m-%d})"
            )
            if not dry_run:
                services.learning_request_anonymise(request=learning_request)
        unconfirmed = subscriptions.purge_unconfirmed(dry_run=dry_run)
        self.stdout.write(
            f"{unconfirmed} unconfirmed subscriptions {'due' if dry_run else 'deleted'}"
        )
        if not dry_run:
            counters = ratelimit.purge()
            self.stdout.write(f"{counters} past rate-limit counters deleted")
        self.stdout.write(f"{len(requests)} training requests {'due' if dry_run else 'purged'}")
        summary = f"{len(nominations)} nominations {'due' if dry_run else 'purged'}"
        self.stdout.write(self.style.WARNING(summary) if dry_run else self.style.SUCCESS(summary))
