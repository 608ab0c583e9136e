"""Form rendering helpers for the nomination form (GOV.UK-like fields with linked hints/errors)."""

from django import template

from archive_portal.lib.timezone import SEOUL

register = template.Library()


@register.simple_tag
def field_widget(field, extra_class=""):
    """The field's widget with aria-describedby pointing at its hint and error message."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if extra_class:
        attrs["class"] = extra_class
    return field.as_widget(attrs=attrs)


@register.filter
def seoul(moment):
    """A moment in Seoul time (deadlines are stated in Seoul time whatever the visitor's zone)."""
    return moment.astimezone(SEOUL) if moment else moment


@register.filter
def dday(days):
    """D-12, D-day: the countdown Korean government notices use."""
    if days is None:
        return ""
    if days == 0:
        return "D-day"
    return f"D-{days}" if days > 0 else f"D+{-days}"
