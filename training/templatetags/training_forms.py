"""Form rendering helpers for the nomination form (GOV.UK-like fields with linked hints/errors)."""

from django import forms, template

from archive_portal.lib.timezone import SEOUL

register = template.Library()


@register.filter
def character_limit(field):
    """The most characters a text area takes (its count is shown next to it), else None."""
    if isinstance(field.field.widget, forms.Textarea):
        return getattr(field.field, "max_length", None)
    return None


@register.simple_tag
def field_widget(field, extra_class=""):
    """The field's widget with aria-describedby pointing at its hint, character count and error
    message. No `maxlength`: the browser would cut a longer paste silently; the server refuses
    it with a message instead, keeping what was typed (GOV.UK character count)."""
    field.field.widget.attrs.pop("maxlength", None)
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if character_limit(field):
        described.append(f"{field.auto_id}-count")
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
