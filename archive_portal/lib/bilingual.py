"""Content in two languages (django-modeltranslation), shown honestly.

The apps register their translated fields in `<app>/translation.py`: each field `title` gets the
columns `title_ko` and `title_en`, and `obj.title` reads the page's language, falling back to
Korean where no English exists. Nothing is machine-translated. What this module adds:

- `shown_language(obj, field)`: the language of the text a page shows for `obj.<field>`, for its
  `lang` attribute (Korean text on /en/ is marked lang="ko");
- `is_korean_only(obj)`: on /en/, the item has no English title: its page says "Available in
  Korean only", lists and feeds say "in Korean";
- `counterpart(obj, language)` and `language_urls(obj)`: where the language switch leads when a
  news item or publication exists as two separate documents linked by `translation_of`;
- `hangul`/`mark_korean`: Korean text in other fields (a department, a target as written).
"""

import re

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
MAIN_FIELDS = ("title", "name")


def page_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def document_language(obj):
    """The language an item was written in (news and publications say so), else Korean."""
    return getattr(obj, "language", None) or settings.LANGUAGE_CODE


def _column(obj, field, language):
    return getattr(obj, f"{field}_{language}", None)


def shown_language(obj, field):
    """The language of what `obj.<field>` shows on this page: the page's language when that
    column holds text (on /ko/, a document written in English keeps its language), else the
    language of the Korean column's text."""
    page = page_language()
    if page != settings.LANGUAGE_CODE and _column(obj, field, page):
        return page
    return document_language(obj)


def main_field(obj):
    return next((name for name in MAIN_FIELDS if hasattr(obj, f"{name}_en")), None)


def is_korean_only(obj):
    """True on /en/ for an item whose title (or name) has no English version."""
    field = main_field(obj)
    if page_language() == settings.LANGUAGE_CODE or field is None:
        return False
    return not _column(obj, field, page_language())


def counterpart(obj, language):
    """The item to read in `language`: `obj` itself, or its linked translation (`translation_of`
    either way) written in that language when `obj` was written in another. Uses the
    prefetched `translations` and the selected `translation_of` (no query of its own)."""
    if document_language(obj) == language or not hasattr(obj, "translation_of_id"):
        return obj
    original = obj.translation_of if obj.translation_of_id else None
    if original is not None and document_language(original) == language:
        return original
    for other in obj.translations.all():
        if document_language(other) == language:
            return other
    return obj


def language_urls(obj):
    """{language: the address of the item's version for that language}: the language switch and
    the hreflang links lead to the counterpart document where there is one."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = counterpart(obj, code).get_absolute_url()
    return urls


def hangul(text):
    return bool(text) and bool(_HANGUL.search(str(text)))


def mark_korean(text):
    """`text` escaped; on /en/, wrapped in <span lang="ko"> when it holds Hangul."""
    if page_language() != settings.LANGUAGE_CODE and hangul(text):
        return format_html('<span lang="ko">{}</span>', text)
    return format_html("{}", text)


# A run of Korean inside another language's sentence: from a Hangul syllable to the last one,
# with the spaces, digits and punctuation between them ('먹거리전략 2030 추진').
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3](?:[\uac00-\ud7a3\s\d·().,~%-]*[\uac00-\ud7a3])?")


def mark_korean_runs(text):
    """`text` escaped, each run of Korean inside it wrapped in <span lang="ko"> (an English
    note quoting the plan's Korean words)."""
    text = str(text)
    pieces, last = [], 0
    for match in _HANGUL_RUN.finditer(text):
        pieces.append(conditional_escape(text[last : match.start()]))
        pieces.append(format_html('<span lang="ko">{}</span>', match.group(0)))
        last = match.end()
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def text_language(text):
    """The language of a plain text for its `lang` attribute: Korean when it holds Hangul."""
    return settings.LANGUAGE_CODE if hangul(text) else page_language()


def translated_fields(model):
    """The names of `model`'s fields kept in both languages (its translation.py)."""
    from modeltranslation.translator import NotRegistered, translator  # models import this module

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def language_columns(model, paths):
    """`paths` (field names or lookups through relations, "task__goal__title") with every
    translated field replaced by its columns in each language ("task__goal__title_ko",
    "…_en"): a search matches either language whatever the page's language (a plain "title"
    lookup would be read as the page's language only)."""
    expanded = []
    for path in paths:
        *relations, name = path.split("__")
        target = model
        for relation in relations:
            target = target._meta.get_field(relation).related_model
        if name in translated_fields(target):
            prefix = "__".join(relations + [name])
            expanded.extend(f"{prefix}_{code}" for code, _name in settings.LANGUAGES)
        else:
            expanded.append(path)
    return expanded


def listed_title(obj):
    """The title for feeds and other plain-text lists: on /en/ an item without an English title
    says so ("… (Korean only)")."""
    title = str(obj)
    field = main_field(obj)
    if field is not None:
        title = getattr(obj, field)
    if is_korean_only(obj):
        return gettext("%(title)s (Korean only)") % {"title": title}
    return title


def seed_columns(model, values, document_language="ko", english=None):
    """A seed row's field values with each translated field written to its language columns:
    the seed text to the Korean column (and, for a document written in English, to the English
    one as well); `english`: the archive's English texts ({field: text}) for the English
    columns. Fields the model does not translate pass unchanged."""
    translated = translated_fields(model)
    columns = {}
    for name, value in values.items():
        if name not in translated:
            columns[name] = value
            continue
        columns[f"{name}_ko"] = value
        if document_language == "en":
            columns[f"{name}_en"] = value
    for name, value in (english or {}).items():
        if name in translated and value:
            columns[f"{name}_en"] = value
    return columns


def fill_empty_columns(obj, columns, extra=None):
    """Set the English `columns` that are still empty on an existing row (create-if-missing:
    English staff wrote is kept) and `extra` fields along with them; saves only what changed.
    Returns True when the row changed."""
    changed = [
        name
        for name, value in columns.items()
        if name.endswith("_en") and value and not getattr(obj, name)
    ]
    if not changed:
        return False
    for name in changed:
        setattr(obj, name, columns[name])
    for name, value in (extra or {}).items():
        setattr(obj, name, value)
        changed.append(name)
    obj.save(update_fields=changed)
    return True


_SEOUL_LOCAL = re.compile(r"^\d{3,4}-\d{4}$")  # a Seoul number written without its area code


def international_phone(number):
    """A Korean phone number with the international dialling code, as a reader abroad dials
    it: 02-6438-2522 → +82 2-6438-2522; a city number written without its area code (the SDG
    plan's 2133-7310) is a Seoul (02) number. Anything else is returned as written."""
    number = (number or "").strip()
    if number.startswith("0") and number[1:2].isdigit():
        return f"+82 {number[1:]}"
    if _SEOUL_LOCAL.match(number):
        return f"+82 2-{number}"
    return number


def tel_uri(number):
    """The number for a tel: link (+8226438…), or "" when it is not a full number."""
    international = international_phone(number)
    if not international.startswith("+"):
        return ""
    return "+" + "".join(character for character in international if character.isdigit())
