"""A minimal reader of the .po files written by makemessages (msgctxt, msgid, msgid_plural)."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str = ""

    @property
    def is_korean_already(self):
        """A message written in Korean (e.g. a Korean domain term) needs no Korean translation."""
        return bool(_HANGUL.search(self.msgid))


def read_po(path):
    entries, current, field = [], {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        keyword = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if keyword:
            if keyword.group(1) in ("msgctxt", "msgid") and "msgstr" in current:
                entries.append(current)
                current = {}
            field = keyword.group(1)
            current[field] = ast.literal_eval(keyword.group(2))
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line:
            if "msgstr" in current or "msgstr[0]" in current:
                entries.append(current)
            current, field = {}, None
    return [
        Entry(e["msgid"], e.get("msgid_plural", ""), e.get("msgctxt", ""))
        for e in entries
        if e.get("msgid")
    ]
