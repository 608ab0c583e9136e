"""Template tags of the admin pages: the admin home's "needs attention" list and the labels of
the history's differences."""

from django import template

from archive_portal import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_attention(context):
    """[(group, [Attention])] for the signed-in staff member (see Section.admin_attention)."""
    return sections.admin_attention(context["request"].user)


@register.filter
def field_label(model, name):
    """The verbose name of `model`'s field `name` (a history difference names fields)."""
    try:
        return model._meta.get_field(name).verbose_name
    except LookupError:  # FieldDoesNotExist: a field since removed from the model
        return name
