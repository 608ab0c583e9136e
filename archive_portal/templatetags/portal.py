"""Template helpers shared by every page."""

import contextlib
import functools
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.template.base import render_value_in_context
from django.template.loader_tags import BlockNode
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, gettext_noop

from archive_portal import fragments
from archive_portal.lib import bilingual
from archive_portal.lib.romanize import personal_name as romanised_name
from archive_portal.lib.search import mark_words
from archive_portal.licences import licence_info

# The link-preview image of pages without an image of their own (1200×630, docs/share-image.html).
DEFAULT_SHARE_IMAGE = "img/share.png"
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)

# As django.utils.html.json_script: inside <script> the JSON must not contain "<", ">" or "&"
# (a title holding "</script>" would otherwise end the element). Replaced one by one: str.translate
# with a mapping looks every character up (some 25 µs for a short block of Korean text).
_JSON_SCRIPT_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))

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
    full_path = _full_path(request)
    path, mark, query = full_path.partition("?")
    if "#" in query:  # translate_url would read a fragment there: let it, uncached
        return translate_url(full_path, language)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _path_in_language(path, language, get_language(), get_script_prefix(), urlconf) + (
        mark + query
    )


def _full_path(request):
    """request.get_full_path(), with a query string sent as raw UTF-8 (not percent-encoded: a
    script or an old client may) read as UTF-8. WSGI hands the query string over as Latin-1
    (PEP 3333), and get_full_path() would encode those Latin-1 characters again: 서울 came back
    as ì\x84\x9cì\x9a¸ in the language switch's link. request.GET already reads it so."""
    query = request.META.get("QUERY_STRING", "")
    with contextlib.suppress(UnicodeError):  # not Latin-1 text, or not UTF-8: kept as it came
        query = query.encode("iso-8859-1").decode()
    path = escape_uri_path(request.path)
    return f"{path}?{iri_to_uri(query)}" if query else path


@functools.lru_cache(maxsize=4096)
def _path_in_language(path, language, active_language, script_prefix, urlconf):
    """translate_url() of a path (no query string), remembered: it resolves the path again and
    reverses it, some 50 µs on every page for the language switch and the hreflang links, and
    depends only on the URLconf and on what the key holds (the active language decides whether
    the path resolves at all; the script prefix starts what reverse() returns)."""
    return translate_url(path, language)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The page in each of the site's languages, for the hreflang links and the language switch:
    [{"code", "name_local", "url" (url_in_language), "absolute_url", "current"}], in the order of
    settings.LANGUAGES."""
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = url_in_language(context, code)
        links.append(
            {
                "code": code,
                "name_local": _language_name(code),
                "url": url,
                "absolute_url": absolute_url(context, url),
                "current": code == current,
            }
        )
    return links


@functools.cache
def _language_name(code):
    return get_language_info(code)["name_local"]


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


@functools.cache
def _default_share_image():
    return static(DEFAULT_SHARE_IMAGE)


def _static_changed(setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"}:
        _default_share_image.cache_clear()


setting_changed.connect(_static_changed, dispatch_uid="portal:default-share-image")


def share_image_url(request, image=None):
    """The absolute URL of an item's image (a FileField's file), else of the default image."""
    return _absolute(request, image.url if image else _default_share_image())


# Marked for makemessages; translated where it is written (share_meta).
_SITE_DESCRIPTION = gettext_noop(
    "Seoul Metropolitan Government shares its urban policies, research, policy cases and its SDG"
    " implementation plan with the world."
)


@register.simple_tag(takes_context=True)
def share_meta(context, title, description="", path=None, image=None, image_alt="", kind="article"):
    """OpenGraph and Twitter card tags: what a chat or social network shows for a shared link.

    `path` is the page's canonical path (default: this page's), `image` a FileField's file or
    None for the site's default image.

    Written here rather than by an inclusion template: it is in the <head> of every page, where
    a template of its own cost some 100 µs a request; the output is what that template wrote.
    """
    request = context.get("request")
    if path is None:
        path = request.path if request is not None else "/"

    def text(value):  # as {{ value }} would write it (localized, escaped)
        return render_value_in_context(value, context)

    title = text(title)
    description = text(description) if description else text(gettext(_SITE_DESCRIPTION))
    image_url = text(share_image_url(request, image))
    site = text(gettext("Seoul Policy Archive"))
    parts = [
        f'\n  <meta property="og:type" content="{text(kind)}">\n'
        f'  <meta property="og:title" content="{title}">\n'
        f'  <meta property="og:description" content="{description}">\n'
        f'  <meta property="og:url" content="{text(_absolute(request, path))}">\n'
        f'  <meta property="og:image" content="{image_url}">\n  '
    ]
    if not image:
        width, height = DEFAULT_SHARE_IMAGE_SIZE
        parts.append(
            '<meta property="og:image:type" content="image/png">\n'
            f'  <meta property="og:image:width" content="{text(width)}">\n'
            f'  <meta property="og:image:height" content="{text(height)}">\n'
            f'  <meta property="og:image:alt" content="{site}">\n  '
        )
    elif image_alt:
        parts.append(f'<meta property="og:image:alt" content="{text(image_alt)}">\n  ')
    parts.append(
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'  <meta name="twitter:title" content="{title}">\n'
        f'  <meta name="twitter:description" content="{description}">\n'
        f'  <meta name="twitter:image" content="{image_url}">\n  '
    )
    if not image:
        parts.append(f'<meta name="twitter:image:alt" content="{site}">\n  ')
    elif image_alt:
        parts.append(f'<meta name="twitter:image:alt" content="{text(image_alt)}">\n  ')
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped by text()


@register.simple_tag
def json_ld(data):
    """`<script type="application/ld+json">` holding `data` as JSON, safe for any text inside:
    "<", ">" and "&" are written as \\u escapes, so no value can close the element. Browsers
    do not execute this type, so the strict Content-Security-Policy allows it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
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
    # Its content is hidden from get_nodes_by_type(): Django looks for the {% block %}s of the
    # root template (base.html) on every page it renders, walking every node of it (some 80 µs
    # a page, half of them inside the fragments). A fragment holds no block (refused below).
    child_nodelists = ()

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
    if nodelist.get_nodes_by_type(BlockNode):
        # Kept under its name, a fragment would show one template's version of the block on
        # the pages of every other template that overrides it.
        raise template.TemplateSyntaxError("{% fragment %} cannot hold a {% block %}")
    return FragmentNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
