"""The documented scale-out, for real: two gunicorn instances on one PostgreSQL database and one
Redis (CACHE_URL), the way production runs several. A page one instance rendered is served by
the other from the shared cache, and an edit made through one instance's admin shows on the
other within the promised time (README "Caching")."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings

from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PROMISED_SECONDS = 2.0  # README: staff edits show everywhere within a couple of seconds


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=60):
    """Until the instance answers (its workers load Django first: slow on a busy machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except OSError:  # refused, reset, timed out (URLError is an OSError)
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def redis_url():
    port = free_port()
    server = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


def database_url():
    database = settings.DATABASES["default"]
    host = urllib.parse.quote(database["HOST"], safe="")
    auth = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{database['NAME']}"


@pytest.fixture
def instances(redis_url):
    """Two gunicorn instances (2 sync workers each) on the test database and one Redis."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CACHE_URL": redis_url,
        "PAGE_CACHE_SECONDS": "600",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "scale-out-test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,portal.test",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
        # A superuser signs in with the password alone here (the second factor has its own tests).
        "DJANGO_ADMIN_REQUIRE_2FA": "false",
    }
    servers, urls = [], []
    try:
        for _ in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [str(GUNICORN), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
                     "--workers", "2", "--log-level", "warning"],
                    cwd=BASE_DIR,
                    env=env,
                )
            )  # fmt: skip
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(url + "/healthz")
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(20)


def fetch(url, opener=None, data=None):
    """(status, headers, text) of a request. Behind a load balancer every instance sees the
    site's one host name (part of the cache key): the same Host header here."""
    request = urllib.request.Request(url, data=data, headers={"Host": "portal.test"})  # noqa: S310
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class FormFields(HTMLParser):
    """The fields a browser would submit with the page's main form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def admin_session(base, username, password):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    _, _, page = fetch(base + "/admin/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "next": "/admin/",
        }
    ).encode()
    status, _, page = fetch(base + "/admin/login/?next=/admin/", opener, body)
    assert status == 200 and "/admin/logout/" in page, page[:500]
    return opener


def test_an_edit_through_one_instance_shows_on_the_other(instances, django_user_model, settings):
    first, second = instances
    item = NewsItemFactory(title="두 서버가 함께 보는 소식")
    # The instances check passwords with the production hasher, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password-1")
    # Each process reads the content generation at most once a second: after the item's save,
    # wait that second out, so both instances key the page by the same generation.
    time.sleep(1.2)

    # A page rendered by one instance is served by the other from the shared Redis.
    status, headers, page = fetch(first + item.get_absolute_url())
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    status, headers, again = fetch(second + item.get_absolute_url())
    assert (status, headers["X-Page-Cache"]) == (200, "hit")
    assert "두 서버가 함께 보는 소식" in again
    fetch(second + "/ko/news/")

    # An editor renames the item through the first instance's admin.
    opener = admin_session(first, "editor", "a-long-password-1")
    change = f"{first}/admin/news/newsitem/{item.pk}/change/"
    _, _, form = fetch(change, opener)
    parser = FormFields()
    parser.feed(form[form.index('id="newsitem_form"') :])
    fields = [(n, "고쳐 쓴 소식 제목" if n == "title_ko" else v) for n, v in parser.fields]
    status, _, saved = fetch(
        change, opener, urllib.parse.urlencode(fields + [("_save", "")]).encode()
    )
    assert status == 200 and "errornote" not in saved, saved[:2000]
    edited = time.monotonic()

    # The second instance shows it on the item and on the list within the promised time.
    seen = {}
    while len(seen) < 2 and time.monotonic() - edited < PROMISED_SECONDS + 3:
        for path in (item.get_absolute_url(), "/ko/news/"):
            if path not in seen and "고쳐 쓴 소식 제목" in fetch(second + path)[2]:
                seen[path] = time.monotonic() - edited
        time.sleep(0.05)
    assert sorted(seen) == sorted([item.get_absolute_url(), "/ko/news/"])
    assert max(seen.values()) < PROMISED_SECONDS, seen
