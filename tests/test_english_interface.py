"""The English interface is complete: the message ids of the public templates (the English
text /en/ shows) hold no Korean. Korean words an English sentence quotes (역점, 운영) are passed
in marked lang="ko", never written into the message. Staff-only and email templates may quote
the Korean terms staff use."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PRIVATE = ("email/", "admin/")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
TRANSLATE = re.compile(r'\{%\s*translate\s+"((?:[^"\\]|\\.)*)"')
BLOCK = re.compile(r"\{%\s*blocktranslate\b[^%]*%\}(.*?)\{%\s*(?:plural|endblocktranslate)", re.S)


def public_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if not relative.startswith(PRIVATE) and "/email/" not in relative:
            yield relative, path.read_text(encoding="utf-8")


def test_public_messages_are_english_only():
    korean = [
        (name, message)
        for name, text in public_templates()
        for message in TRANSLATE.findall(text) + BLOCK.findall(text)
        if HANGUL.search(message)
    ]
    assert korean == []


def test_the_scan_finds_messages():
    messages = [m for _name, text in public_templates() for m in TRANSLATE.findall(text)]
    assert "Available in Korean only" in messages
    assert len(messages) > 300
