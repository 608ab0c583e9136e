"""Slugs that a section's own pages use (its feed, its preview…) and an item may not take."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ReservedSlugValidator:
    """Refuses the given slugs (model field validator; see `reserved_slug_validator`)."""

    message = _("“%(value)s” is an address the site uses itself; choose another slug.")
    code = "reserved"

    def __init__(self, reserved):
        self.reserved = frozenset(reserved)

    def __call__(self, value):
        if value in self.reserved:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return isinstance(other, ReservedSlugValidator) and self.reserved == other.reserved

    def __hash__(self):
        return hash(self.reserved)

    def deconstruct(self):
        # A sorted list, so that the migrations written for it do not change from run to run.
        return ("archive_portal.lib.slugs.ReservedSlugValidator", (sorted(self.reserved),), {})


def reserved_slug_validator(reserved):
    """A validator for a slug field that refuses the slugs in `reserved`, e.g. the path segments
    of the section's own views: ``validators=[reserved_slug_validator({"feed", "preview"})]``."""
    return ReservedSlugValidator(reserved)
