"""Body text: Markdown or staff HTML in, sanitised HTML out; and the seed documents' flattened
text turned into paragraphs and lists.

nh3 (the Ammonia sanitiser) is the only way staff-written markup reaches a page: no script, no
event-handler attribute, no `javascript:` link survives it.
"""

import html
import re

import markdown
import nh3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "class"},
    "p": {"class"},
    "*": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value):
    """Clean HTML with nh3: allowed tags and attributes only, safe URL schemes only."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def looks_like_html(text):
    """Bodies written in the admin's editor are HTML (they start with a tag); older ones may
    be Markdown."""
    text = (text or "").strip()
    return text.startswith("<") and text.endswith(">")


def markdown_to_html(text):
    """Markdown (which may contain HTML blocks) → sanitised HTML."""
    rendered = markdown.markdown(
        text or "", extensions=["extra", "sane_lists"], output_format="html"
    )
    return sanitize_html(rendered)


def render_body(text):
    """A body (the editor's HTML, or Markdown) → sanitised HTML, marked safe for templates."""
    html = sanitize_html(text) if looks_like_html(text) else markdown_to_html(text)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


def wrap_tables(clean_html):
    """Put each table of sanitised HTML in a scrolling region that takes keyboard focus (a table
    wider than a phone scrolls inside it, not the page), labelled by its caption or "Table"."""

    def wrap(match):
        caption = _CAPTION.search(match.group(0))
        label = re.sub(r"<[^>]+>", "", caption.group(1)).strip() if caption else ""
        label = html.escape(html.unescape(label) or gettext("Table"))
        return (
            f'<div class="table-wrap" tabindex="0" role="region" aria-label="{label}">'
            f"{match.group(0)}</div>"
        )

    return _TABLE.sub(wrap, clean_html)


def render_body_for_page(text):
    """render_body for showing on a page (not for the editor): tables wrapped to scroll."""
    # wrap_tables adds only fixed markup and escaped text around nh3's output.
    return mark_safe(wrap_tables(render_body(text)))  # noqa: S308 - sanitised by nh3


# --- The seed documents' flattened text -----------------------------------------------------
# Korean government documents structure text with symbols that survived the flattening:
#   □ paragraph  ○ ● ❍ ◦ bullet  - sub-bullet  ①② numbered item  ※ note
#   󰏅 󰏚 (private-use glyphs of the source font) section headings, 〈 … 〉 sub-headings.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
_HEADING = "\U000f03c5\U000f03da"
_MARKERS = re.compile(
    r"(?:^|\s)"
    r"(?P<marker>[□■○●❍◦▪※" + _CIRCLED + _HEADING + r"〈]|-(?=\s)|o(?=\s[^\x00-\x7f]))"
)


def _split(text):
    text = re.sub(r"\s+", " ", text).strip()
    pieces = []
    last_marker, last_end = None, 0
    for match in _MARKERS.finditer(text):
        chunk = text[last_end : match.start()].strip()
        if chunk or last_marker:
            pieces.append((last_marker, chunk))
        last_marker, last_end = match.group("marker"), match.end()
    tail = text[last_end:].strip()
    if tail:
        pieces.append((last_marker, tail))
    return [(m, c) for m, c in pieces if c]


def flat_to_html(text):
    """Turn one flattened paragraph of a seed document into HTML paragraphs and lists."""
    out = []
    open_list = None  # "ul" or "ol"

    def close():
        nonlocal open_list
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None

    def item(kind, content):
        nonlocal open_list
        if open_list != kind:
            close()
            out.append(f"<{kind}>" if kind == "ul" else '<ol class="circled">')
            open_list = kind
        out.append(f"<li>{content}</li>")

    for marker, chunk in _split(text):
        content = html.escape(chunk)
        if marker in (None, "□", "■"):
            close()
            out.append(f"<p>{content}</p>")
        elif marker in _HEADING:
            close()
            out.append(f"<p><strong>{content}</strong></p>")
        elif marker == "〈":
            close()
            out.append(f"<p><strong>〈 {content}</strong></p>")
        elif marker == "※":
            close()
            out.append(f'<p class="note">※ {content}</p>')
        elif marker in _CIRCLED:
            item("ol", f"{marker} {content}")
        else:
            item("ul", content)
    close()
    return "\n".join(out)
