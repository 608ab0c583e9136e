"""Template helpers shared by every page."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive_portal import fragments
from archive_portal.lib import bilingual
from archive_portal.lib.romanize import personal_name as romanised_name
from archive_portal.lib.search import mark_words
from archive_portal.licences import licence_info

# The link-preview image of pages without an image of their own (1200×630, docs/share-image.html).
DEFAULT_SHARE_IMAGE = "img/share.png"
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)

# As django.utils.html.json_script: inside <script> the JSON must not contain "<", ">" or "&"
# (a title holding "</script>" would otherwise end the element).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """This page's URL in another language (the language switch stays on the same page, or
    leads to the item's counterpart document: a view's `language_urls`)."""
    language_urls = context.get("language_urls")
    if language_urls and language in language_urls:
        return language_urls[language]
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


# The first path segments the main menu marks as the current section.
MENU_SECTIONS = frozenset({"news", "publications", "training", "sdg"})


@register.simple_tag(takes_context=True)
def nav_section(context):
    """The menu's section the current path is in ("news" for /ko/news/…), for its
    aria-current; "" elsewhere (a small fixed set: the menu is a cached fragment per section)."""
    if context.get("menu_section") in MENU_SECTIONS:  # a view that knows better than its path
        return context["menu_section"]
    request = context.get("request")
    if request is None or request.path.count("/") < 3:
        return ""
    parts = request.path.split("/", 4)
    section = parts[2]
    if section == "publications" and parts[3:4] == ["policy-cases"]:
        # The menu lists the policy cases under "Policy sharing & training", as their breadcrumb.
        return "training"
    return section if section in MENU_SECTIONS else ""


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return path if "://" in path else settings.SITE_URL + path


def share_image_url(request, image=None):
    """The absolute URL of an item's image (a FileField's file), else of the default image."""
    return _absolute(request, image.url if image else static(DEFAULT_SHARE_IMAGE))


@register.inclusion_tag("_share_meta.html", takes_context=True)
def share_meta(context, title, description="", path=None, image=None, image_alt="", kind="article"):
    """OpenGraph and Twitter card tags: what a chat or social network shows for a shared link.

    `path` is the page's canonical path (default: this page's), `image` a FileField's file or
    None for the site's default image.
    """
    request = context.get("request")
    if path is None:
        path = request.path if request is not None else "/"
    return {
        "kind": kind,
        "title": title,
        "description": description,
        "url": _absolute(request, path),
        "image": share_image_url(request, image),
        "image_size": DEFAULT_SHARE_IMAGE_SIZE,
        "image_alt": image_alt,
        "default_image": not image,
    }


@register.simple_tag
def json_ld(data):
    """`<script type="application/ld+json">` holding `data` as JSON, safe for any text inside:
    "<", ">" and "&" are written as \\u escapes, so no value can close the element. Browsers
    do not execute this type, so the strict Content-Security-Policy allows it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.simple_tag
def elided_page_range(page):
    """Page numbers around the current one, with ellipses: never thousands of links."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.filter
def highlight(text, query):
    """`text` escaped, with the words of the keyword search `query` in <mark>, as the site
    search marks its snippets (archive_portal.lib.search.mark_words). No query: just escaped."""
    return mark_words(text, query or "")


@register.inclusion_tag("_licence.html")
def licence(code):
    """An item's reuse licence: its mark, its name and a link to its terms (or, for works the
    city cannot license, to this site's terms page, which says whom to ask)."""
    return {"licence": licence_info(code)}


@register.filter
def lang_of(obj, field):
    """The `lang` of the text shown for `obj.<field>` on this page:
    `lang="{{ item|lang_of:"title" }}"` marks the Korean fallback on /en/."""
    return bilingual.shown_language(obj, field)


@register.filter
def korean_only(obj):
    """On /en/: the item has no English title, its Korean text is shown instead."""
    return bilingual.is_korean_only(obj)


@register.filter
def mark_korean(text):
    """Escaped text; on /en/ wrapped in <span lang="ko"> when it holds Hangul."""
    return bilingual.mark_korean(text)


@register.filter
def text_lang(text):
    """ "ko" for a text holding Hangul, else the page's language (for `lang` attributes)."""
    return bilingual.text_language(text)


@register.filter
def phone(number):
    """On /en/, a Korean phone number with +82 (archive_portal.lib.bilingual); as written on
    /ko/."""
    if bilingual.page_language() == settings.LANGUAGE_CODE:
        return number
    return bilingual.international_phone(number)


@register.filter
def tel_uri(number):
    return bilingual.tel_uri(number)


@register.filter
def personal_name(name):
    """On /en/, a Korean personal name in the Revised Romanization (archive_portal.lib.romanize),
    anything else Korean marked lang="ko"; as written on /ko/."""
    if bilingual.page_language() == settings.LANGUAGE_CODE:
        return name
    return bilingual.mark_korean(romanised_name(name))


@register.filter
def mark_korean_runs(text):
    """Escaped text with each run of Korean in it marked lang="ko" (English quoting Korean)."""
    return bilingual.mark_korean_runs(text)


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        if any(value is None for value in vary):
            return self.nodelist.render(context)  # a case the view chose not to keep
        return fragments.cached(self.name, lambda: self.nodelist.render(context), *vary)


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value… %}…{% endfragment %}`: the enclosed output, kept under the
    content generation, the page's language and the values (archive_portal/fragments.py); a
    value of None renders without keeping. Only for output that is the same for every visitor:
    never a form with a CSRF token, a session's data or the request's own address."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
