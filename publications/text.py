"""Body text of publications: Markdown, or the flattened text of a government document.

Staff write Markdown (or paste HTML); the seed documents, and text pasted from HWP/PDF documents,
are "flattened": one paragraph per line, bullets shown by symbols (□ ○ - ① •), headings as short
lines on their own. `flat_text_to_html` turns such text into headings, paragraphs and lists. It
builds on archive_portal.lib.richtext.flat_to_html (which handles the symbols inside one line) and
adds what the City Initiatives pages need: `•` bullet lines, short lines as headings, and the
"01 Urban Planning 02 …" numbered runs. The result always goes through nh3.
"""

import html
import re

from django.utils.safestring import mark_safe

from archive_portal.lib.richtext import flat_to_html, render_body, sanitize_html

_BULLET_LINE = re.compile(r"^\s*[•·▪∙]\s*")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
# "01 Urban Planning 02 Transportation Planning …": at least two two-digit numbers in sequence.
_NUMBERED_RUN = re.compile(r"^\s*01\s.+\s02\s")
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:]")
_PARAGRAPH_BREAK = re.compile(r"\s{3,}")
_SENTENCE_END = re.compile(r"[.!?。다음함임요>)]\s*$")
HEADING_MAX_LENGTH = 70


def _is_heading(line):
    """A short line on its own, not ending like a sentence, is a heading in these documents."""
    text = line.strip()
    if not text or len(text) > HEADING_MAX_LENGTH or _BULLET_LINE.match(text):
        return False
    if text[0] in "□■○●❍◦-※":
        return False
    return not _SENTENCE_END.search(text) or (text.startswith("<") and text.endswith(">"))


def _numbered_run(line):
    parts = re.split(r"(?:^|\s)(\d{2})\s", " " + line.strip())
    items = [part.strip() for part in parts[2::2]]
    numbers = parts[1::2]
    if numbers != [f"{n:02d}" for n in range(1, len(numbers) + 1)]:
        return None
    return "<ol>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ol>"


def _lines(block):
    """(text, is_fragment) per line; a run of three or more spaces inside a line separated two
    paragraphs of the original page, so the pieces become lines of their own (fragments)."""
    for line in block.splitlines():
        if not line.strip():
            continue
        pieces = [piece for piece in _PARAGRAPH_BREAK.split(line.strip()) if piece]
        for piece in pieces:
            yield piece, len(pieces) > 1


def _block_to_html(block, after_heading=False):
    """One block (lines between blank lines) → HTML. A lone short line is a section heading
    (h2), or a sub-heading (h3) right after another lone heading (headline and sub-headline)."""
    lines = list(_lines(block))
    out = []
    bullets = []

    def flush():
        if bullets:
            out.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for text, is_fragment in lines:
        if _BULLET_LINE.match(text):
            bullets.append(_BULLET_LINE.sub("", text).strip())
            continue
        flush()
        # "① 성미산 마을" on a line of its own is a heading; "① … ② …" is a list.
        circled_heading = (
            not is_fragment
            and text[0] in _CIRCLED
            and sum(text.count(c) for c in _CIRCLED) == 1
            and len(text) <= HEADING_MAX_LENGTH
        )
        if _NUMBERED_RUN.match(text) and (run := _numbered_run(text)):
            out.append(run)
        elif circled_heading:
            out.append(f"<h3>{html.escape(text)}</h3>")
        elif not is_fragment and _is_heading(text):
            # A short line alone is a section heading; inside a longer block, a sub-heading.
            level = "h2" if len(lines) == 1 and not after_heading else "h3"
            if text.startswith("<") and text.endswith(">"):
                text = text[1:-1].strip()  # "<Support for …>" is a heading in the source
            out.append(f"<{level}>{html.escape(text)}</{level}>")
        else:
            out.append(flat_to_html(text))
    flush()
    return "\n".join(out)


def flat_text_to_html(text):
    """Flattened document text → sanitised HTML (a str, not yet marked safe)."""
    blocks = [block for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    parts = []
    after_heading = False
    for block in blocks:
        html_block = _block_to_html(block, after_heading)
        parts.append(html_block)
        after_heading = html_block.startswith("<h2>") and "\n" not in html_block
    rendered = "\n".join(parts)
    # Bullets (and ① ② items) split over several fragments form one list.
    rendered = re.sub(r"</ul>\n<ul>\n?", "", rendered)
    rendered = re.sub(r'</ol>\n<ol class="circled">\n?', "", rendered)
    # Addresses in the text become links (the text is already escaped; nh3 adds rel=noopener).
    rendered = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', rendered)
    return sanitize_html(rendered)


def render(text, flat):
    """`text` as sanitised HTML: flattened document text (`flat`) or Markdown/staff HTML."""
    if flat:
        return mark_safe(flat_text_to_html(text))  # noqa: S308 - sanitised by nh3
    return render_body(text)


def plain_summary(text, length=200):
    """The first words of flattened text, for a summary: markers dropped, whitespace collapsed."""
    plain = re.sub(r"[□■○●❍◦•※]", " ", text or "")
    plain = re.sub(r"\s+", " ", plain).strip()
    if len(plain) <= length:
        return plain
    cut = plain[:length].rsplit(" ", 1)[0]
    return cut + "…"


def first_paragraph(text):
    """The first line of flattened text that is a paragraph rather than a heading."""
    for line in (text or "").splitlines():
        if line.strip() and not _is_heading(line) and not _BULLET_LINE.match(line):
            return _PARAGRAPH_BREAK.split(line.strip())[0]
    return text or ""
