"""Private-link tokens never reach a log or the console email (archive_portal.lib.redact)."""

import io
import logging
import os
import subprocess
import sys

from django.conf import settings
from django.core.mail import EmailMessage

from archive_portal.lib.redact import RedactingConsoleEmailBackend, RedactPrivateLinks, redact

TOKEN = "kQ3v9x_Zb-7LmN2pR8sT4uW6yA1cE5gH0jK3nP9qS2t"


def test_tokens_after_a_private_prefix_are_redacted():
    text = f"Open https://x.kr/ko/training/nominations/{TOKEN}/change/ or /en/training/nominations/{TOKEN}/"
    assert redact(text) == (
        "Open https://x.kr/ko/training/nominations/[redacted]/change/ or "
        "/en/training/nominations/[redacted]/"
    )
    assert (
        redact("/ko/training/2026-urban-railway/apply/") == "/ko/training/2026-urban-railway/apply/"
    )


def test_log_records_are_redacted_by_every_console_handler():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPrivateLinks())
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    try:
        logger.warning("Not Found: %s", f"/ko/training/nominations/{TOKEN}/")
        logger.warning('127.0.0.1 "GET /en/training/nominations/%(t)s/ HTTP/1.1" 200', {"t": TOKEN})
    finally:
        logger.removeHandler(handler)
    assert TOKEN not in stream.getvalue()
    assert stream.getvalue().count("/training/nominations/[redacted]/") == 2
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["private_links"]
    for name in ("django.server", "gunicorn.access"):
        assert settings.LOGGING["loggers"][name]["handlers"] == ["console"]


def test_the_console_email_backend_prints_no_token():
    stream = io.StringIO()
    body = f"비공개 링크: https://x.kr/ko/training/nominations/{TOKEN}/\n" + "긴 줄 " * 200
    message = EmailMessage("추천 접수 완료", body, "from@x.kr", ["to@x.kr"])
    RedactingConsoleEmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert TOKEN not in printed
    assert "비공개 링크: https://x.kr/ko/training/nominations/[redacted]/" in printed
    assert "Subject: " in printed


def test_development_mail_goes_to_the_redacting_console():
    """Without EMAIL_HOST (as in `make run`) mail is printed, through the redacting backend."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        env=env, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
    ).stdout.strip()  # fmt: skip
    assert printed == "archive_portal.lib.redact.RedactingConsoleEmailBackend"
