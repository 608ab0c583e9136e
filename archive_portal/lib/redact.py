"""Private-link tokens kept out of logs.

A writer's private link (`/training/nominations/<token>/`) is the only key to their nomination.
It must not land in a log that many people read: not in an email printed by the console backend
(`make run`, development), nor in a request log line (Django's "Not Found: /…", gunicorn's access
log). The path prefixes that carry a token are listed once in settings.PRIVATE_LINK_PREFIXES;
what follows such a prefix, up to the next slash, becomes "[redacted]".
"""

import logging
import re
from functools import cache

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

REDACTED = "[redacted]"


@cache
def _pattern(prefixes):
    if not prefixes:
        return None
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"({alternatives})[^/\s?#\"'<>]+")


def redact(text):
    """`text` with every private-link token replaced by [redacted]."""
    pattern = _pattern(tuple(getattr(settings, "PRIVATE_LINK_PREFIXES", ())))
    if pattern is None or not text:
        return text
    return pattern.sub(rf"\1{REDACTED}", text)


class RedactPrivateLinks(logging.Filter):
    """A logging filter (on the handlers, see settings.LOGGING) that redacts the formatted
    message and any traceback text of every record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logged as it is
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class RedactingConsoleEmailBackend(ConsoleEmailBackend):
    """The console email backend, with private-link tokens redacted from what it prints. In
    development the writer's link is then not in the terminal's scrollback or a shared log; tests
    use the locmem backend and see the real message."""

    def write_message(self, message):
        # Printed decoded (the raw message may be quoted-printable, which can break a token
        # across lines), headers first, then each text part.
        mime = message.message()
        lines = [f"{name}: {value}" for name, value in mime.items()]
        for part in mime.walk():
            if part.get_content_maintype() == "text":
                payload = part.get_payload(decode=True) or b""
                lines += ["", payload.decode(part.get_content_charset() or "utf-8", "replace")]
        self.stream.write(redact("\n".join(lines)) + "\n")
        self.stream.write("-" * 79 + "\n")
