"""Settings come from the environment and fail loudly; production refuses to start unsafe."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from archive_portal.lib.env import env_bool, env_int, env_list

BASE_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
}


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be one of"):
        env_bool("SOME_FLAG")


def test_env_bool_accepts_the_usual_spellings(monkeypatch):
    for raw, expected in [
        ("true", True),
        ("1", True),
        ("On", True),
        ("false", False),
        ("0", False),
    ]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert env_bool("SOME_FLAG") is expected


def test_env_int_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "fifty")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be an integer, not 'fifty'"):
        env_int("SOME_NUMBER", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.example, b.example,,")
    assert env_list("SOME_HOSTS") == ["a.example", "b.example"]


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off." in result.stderr


def test_a_bad_debug_value_fails_loudly():
    result = run_manage("check", DJANGO_DEBUG="perhaps")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_database_url_must_be_postgresql():
    result = run_manage("check", DJANGO_DEBUG="true", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3,
        DJANGO_ALLOWED_HOSTS="archive.seoul.go.kr",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_time_zone_and_languages():
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.LANGUAGE_CODE == "ko"
    assert [code for code, _ in settings.LANGUAGES] == ["ko", "en"]


def test_a_bucket_name_puts_the_media_on_checked_object_storage():
    """The settings as production reads them: object storage through archive_portal.storage
    (links stay /media/…, answers are short-lived signed redirects), the bucket private."""
    script = (
        "from django.conf import settings; from django.core.files.storage import storages;"
        "storage = storages['default'];"
        "print(type(storage).__name__, settings.MEDIA_SIGNED_URL_SECONDS, storage.default_acl,"
        " storage.url('news/attachments/a.pdf'))"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DJANGO_DEBUG="true",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.test",
        DJANGO_MEDIA_SIGNED_URL_SECONDS="30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ObjectStorage", "30", "None", "/media/news/attachments/a.pdf"]
