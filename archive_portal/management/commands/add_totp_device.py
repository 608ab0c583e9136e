"""Give a staff member an authenticator (TOTP, django-otp): the second factor the admin asks
superusers and Training reviewers for. Prints the otpauth:// address (and its secret for typing
in by hand) to add to an authenticator app; the device is confirmed at once. Idempotent: a user
who already has a confirmed authenticator keeps it unless --replace is given."""

import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create a TOTP authenticator for a staff member and print its otpauth:// address."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the user's authenticators first."
        )
        parser.add_argument("--name", default="authenticator", help="A name for the device.")

    def handle(self, *args, username, replace=False, name="authenticator", **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        with transaction.atomic():
            existing = TOTPDevice.objects.filter(user=user, confirmed=True)
            if existing.exists() and not replace:
                self.stdout.write(
                    f"{username} already has an authenticator (--replace for a new one)."
                )
                return
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        secret = base64.b32encode(device.bin_key).decode()
        self.stdout.write(self.style.SUCCESS(f"Authenticator created for {username}."))
        self.stdout.write(f"Add it to an authenticator app: {device.config_url}")
        self.stdout.write(f"or type in the secret: {secret}")
