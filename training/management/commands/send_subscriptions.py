"""Email each confirmed subscriber what was published for it since the last run.

Run by the scheduler (hourly or daily; README "Scheduled jobs"). Each subscriber gets at most one
email per run, listing the new training calls and, where chosen, the news categories' and the
publication sectors' new items, in the subscriber's language; and each item at most once ever
(the sent-log's unique constraint): running it again, or twice at the same time, sends nothing
more. Items scheduled for later are not public yet, so not sent before their time. See
training/subscriptions.py.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from archive_portal import sections
from training import subscriptions
from training.models import Subscription


class Command(BaseCommand):
    help = (
        "Email confirmed subscribers the training calls, news and publications published for "
        "them since the last run (each item once per subscriber). --dry-run counts what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=subscriptions.LOOKBACK.days,
            help="How far back to look for items not sent yet (default: %(default)s days).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count new items and subscribers; send nothing."
        )

    def handle(self, *args, days, dry_run=False, **options):
        lookback = datetime.timedelta(days=max(days, 1))
        if dry_run:
            now = timezone.now()
            for mailing in sections.mailing_lists():
                found = mailing.announcements(now - lookback, now)
                self.stdout.write(
                    f"{mailing.key}: {len(found)} items in the last {lookback.days} days"
                )
            confirmed = Subscription.objects.filter(confirmed_at__isnull=False).count()
            self.stdout.write(
                self.style.WARNING(f"{confirmed} confirmed subscriptions; nothing sent")
            )
            return
        sent = subscriptions.send_digests(lookback=lookback)
        self.stdout.write(self.style.SUCCESS(f"{sent} emails sent"))
