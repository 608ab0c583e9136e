"""The staff site: Django's admin with a second factor (TOTP, django-otp) and throttled sign-in
(django-axes, through the authentication backend).

Who needs the second factor (`second_factor_required`):
- superusers, and staff holding any permission in settings.ADMIN_2FA_PERMISSIONS (the Training
  reviewers, who see nominees' personal data), whenever settings.ADMIN_REQUIRE_2FA is on (the
  default; `make run` turns it off for a local preview, see the README);
- any staff member who has a confirmed authenticator, always: once set up, it is used.
Staff who need it and have no authenticator yet cannot enter: an administrator creates one for
them (`manage.py add_totp_device USERNAME`, or Django OTP's "TOTP devices" in the admin).

The sign-in form asks for the six-digit code with the password, in one step; with one
authenticator it is chosen without asking.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm

from archive_portal.lib.numbers import parse_int


def has_confirmed_device(user):
    # Kept on the user for the request: the admin asks has_permission() several times a page.
    if not hasattr(user, "_portal_has_device"):
        user._portal_has_device = any(True for _device in devices_for_user(user, confirmed=True))
    return user._portal_has_device


def second_factor_required(user):
    if not (user.is_active and user.is_staff):
        return False
    if settings.ADMIN_REQUIRE_2FA and (
        user.is_superuser or any(user.has_perm(perm) for perm in settings.ADMIN_2FA_PERMISSIONS)
    ):
        return True
    return has_confirmed_device(user)


class StaffAuthenticationForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=16,
        help_text=_("The six digits your authenticator app shows for this site."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the six-digit code from your authenticator app."),
        "invalid_token": _("That code is not right or has expired. Enter the current code."),
    }

    def clean(self):
        # The password first (AdminAuthenticationForm, throttled by django-axes); the code only
        # for those who need it.
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and second_factor_required(user):
            if not has_confirmed_device(user):
                raise forms.ValidationError(
                    _(
                        "Your account needs two-factor authentication and has no authenticator "
                        "yet. Ask an administrator to set one up for you."
                    ),
                    code="no_device",
                )
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device


# Date hierarchy parameters of every changelist: Django turns them into a datetime and lets the
# OverflowError of a 40-digit year through (a 500).
_DATE_PARTS = ("__year", "__month", "__day")


class PortalAdminSite(admin.AdminSite):
    login_form = StaffAuthenticationForm
    login_template = "admin/portal_login.html"

    def admin_view(self, view, cacheable=False):
        """Every admin view (the model admins' included): a date-hierarchy parameter that is not
        a plain number of at most four digits is an invalid lookup, answered as Django answers
        the others (back to the list with ?e=1), before the view runs."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def checked(request, *args, **kwargs):
            for key, value in request.GET.items():
                if key.endswith(_DATE_PARTS) and parse_int(value, maximum=9999) is None:
                    return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
            return inner(request, *args, **kwargs)

        return checked

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        verified = getattr(user, "is_verified", None)  # installed by django-otp's middleware
        return (verified is not None and verified()) or not second_factor_required(user)
