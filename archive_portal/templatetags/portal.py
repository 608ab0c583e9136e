"""Template helpers shared by every page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page's URL in another language (the language switch stays on the same page)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """An absolute URL for canonical links, OpenGraph and citations."""
    request = context.get("request")
    if path is None:
        path = request.path if request is not None else "/"
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


@register.simple_tag
def other_languages():
    current = get_language()
    return [(code, name) for code, name in settings.LANGUAGES if code != current]


@register.simple_tag(takes_context=True)
def nav_current(context, prefix):
    """'page' when the current path is inside the section, for aria-current."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.path.split("/", 2)[-1] if request.path.count("/") >= 2 else ""
    return "page" if path.startswith(prefix) else ""
