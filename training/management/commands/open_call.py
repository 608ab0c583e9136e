"""Open a call for nominations until a given date (see training.calls)."""

import argparse
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from training.calls import deadline_for, programme_open_until
from training.models import Programme


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Publish a training programme and accept nominations until the end of the given day "
        "(Seoul time), e.g. `open_call 2025-urban-railway-invited-training --until 2026-12-31`. "
        "Without a slug, lists the programmes."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="The programme's slug (its address).")
        parser.add_argument("--until", type=_date, help="Last day of nominations, YYYY-MM-DD.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change.")

    def handle(self, *args, slug=None, until=None, dry_run=False, **options):
        if not slug:
            for programme in Programme.objects.order_by("-application_deadline"):
                self.stdout.write(
                    f"{programme.slug}  ({programme.status}, deadline "
                    f"{programme.application_deadline:%Y-%m-%d})"
                )
            return
        if until is None:
            raise CommandError("Give the last day of nominations: --until YYYY-MM-DD.")
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(
                f"No programme with the slug {slug!r}; run without one to list them."
            )
        if dry_run:
            self.stdout.write(
                f"would open {slug} until {deadline_for(until):%Y-%m-%d %H:%M} (Seoul)"
            )
            return
        try:
            changed = programme_open_until(programme=programme, until=until)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from None
        with translation.override(settings.LANGUAGE_CODE):
            url = settings.SITE_URL + reverse("training:apply", kwargs={"slug": slug})
        summary = f"{slug} is open for nominations until {until:%Y-%m-%d} 23:59:59 (Seoul): {url}"
        self.stdout.write(self.style.SUCCESS(summary if changed else f"unchanged: {summary}"))
