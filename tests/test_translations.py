"""Every visible string has a Korean translation.

Messages are extracted from the whole project (code and templates, and the JavaScript under
static/js/ into the djangojs domain) with `makemessages`, in a copy of the tree so the committed
catalogs stay untouched; each message must then translate to something other than itself under
the Korean locale (message ids are English, so English is complete by construction).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from tests.polib_free import read_po

ROOT = Path(settings.BASE_DIR)
SKIP = shutil.ignore_patterns(
    ".venv",
    "var",
    "staticfiles",
    ".git",
    "*.mo",
    "__pycache__",
    "tests",
    "*.egg-info",
    "node_modules",
)
LOCALE_DIRS = ["locale", "news/locale", "publications/locale", "training/locale", "sdg_plan/locale"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    copy = tmp_path_factory.mktemp("tree") / "portal"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    # Start from empty catalogs so every message in the code shows up as an entry.
    for relative in LOCALE_DIRS:
        shutil.rmtree(copy / relative, ignore_errors=True)
        (copy / relative / "ko" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "-v", "0"],
        cwd=copy,
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "-d", "djangojs", "-v", "0"],
        cwd=copy,
        check=True,
    )
    entries = []
    for po in copy.glob("**/locale/ko/LC_MESSAGES/django.po"):
        entries.extend(read_po(po))
    return entries, read_po(copy / "locale/ko/LC_MESSAGES/djangojs.po")


def test_messages_are_extracted(extracted):
    python_and_templates, javascript = extracted
    msgids = {entry.msgid for entry in python_and_templates}
    assert "Skip to main content" in msgids
    assert "Partner organisations" in msgids
    # The admin's body editor: its toolbar, and the words of the editor bundle's dialogs.
    assert {"Bold", "Alternative Text", "Include header row"} <= {e.msgid for e in javascript}


def test_every_javascript_message_has_a_korean_translation(extracted):
    korean = DjangoTranslation("ko", domain="djangojs")
    missing = [e.msgid for e in extracted[1] if korean.gettext(e.msgid) == e.msgid]
    assert missing == [], f"{len(missing)} JavaScript messages have no Korean: {missing}"


def test_every_message_has_a_korean_translation(extracted):
    missing = []
    with translation.override("ko"):
        for entry in extracted[0]:
            if entry.msgid_plural:
                translated = translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                untranslated = translated == entry.msgid_plural
            elif entry.msgctxt:
                untranslated = translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgid
            else:
                untranslated = translation.gettext(entry.msgid) == entry.msgid
            if untranslated and not entry.is_korean_already:
                missing.append(entry.msgid)
    assert missing == [], f"{len(missing)} messages have no Korean translation: {missing}"
