"""A database outage under load: gunicorn (two workers) on its own throwaway PostgreSQL cluster,
which is stopped and started again while clients keep asking for pages.

- while PostgreSQL runs, every page answers 200;
- while it is stopped, every page that needs it answers the friendly 503 page (both languages,
  Retry-After, no traceback) and /healthz answers 503: never a 500;
- once it is back, the same gunicorn processes answer 200 again, without a restart
  (persistent connections are health-checked: CONN_HEALTH_CHECKS, when idle for a second:
  archive_portal/db/base.py).
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from tests import figures

pytestmark = pytest.mark.outage

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["/ko/", "/en/news/", "/ko/publications/", "/ko/training/", "/en/sdg/", "/healthz"]
CLIENTS = 4


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg(command, directory):
    subprocess.run(["bash", "scripts/pg.sh", command, directory], cwd=ROOT, check=True,
                   env={**os.environ, "PG_FSYNC": "off"})  # fmt: skip


@pytest.fixture
def cluster():
    """A throwaway cluster of its own, migrated; its directory and DATABASE_URL."""
    directory = tempfile.mkdtemp(prefix="portal-outage-pg.")
    try:
        _pg("start", directory)
        subprocess.run(["bash", "scripts/createdb.sh", directory, "outage"], cwd=ROOT, check=True)
        url = f"postgres://postgres@{directory.replace('/', '%2F')}/outage"
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                       check=True, env={**os.environ, "DATABASE_URL": url})  # fmt: skip
        yield directory, url
    finally:
        _pg("stop", directory)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def server(cluster):
    directory, url = cluster
    port = _free_port()
    # The whole-page cache and the cached fragments off: every page then needs the database
    # (cached pages, and pages built from cached fragments, may go on being served for up to a
    # second of an outage: tests/archive_portal/test_page_cache.py, test_fragments.py).
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
           "PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - local
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield base, directory, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class Load:
    """CLIENTS threads asking for PAGES in turn until stopped; every answer recorded with the
    phase it was asked and answered in."""

    def __init__(self, base):
        self.base, self.phase, self.answers = base, "up", []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(CLIENTS)]

    def _run(self, offset):
        index = offset
        while not self._stop.is_set():
            phase, page = self.phase, PAGES[index % len(PAGES)]
            status, headers, body = fetch(self.base + page)
            # A request that spans a change of phase belongs to neither.
            phase = phase if self.phase == phase else "between"
            self.answers.append((phase, page, status, headers.get("Retry-After"), body))
            index += 1

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def during(self, phase, seconds):
        self.phase = phase
        time.sleep(seconds)

    def statuses(self, phase):
        return Counter(status for p, _, status, _, _ in self.answers if p == phase)


def test_pages_answer_503_while_postgresql_is_down_and_recover_without_a_restart(server):
    base, directory, process = server
    with Load(base) as load:
        load.during("up", 2)
        load.phase = "stopping"
        _pg("stop", directory)
        load.during("down", 3)
        load.phase = "starting"
        _pg("start", directory)
        started = time.monotonic()
        load.phase = "recovering"
        while fetch(base + "/ko/news/")[0] != 200 and time.monotonic() - started < 30:
            time.sleep(0.1)
        recovered_after = time.monotonic() - started
        load.during("recovered", 2)

    assert process.poll() is None  # the same gunicorn, never restarted
    assert set(load.statuses("up")) == {200}
    down = [a for a in load.answers if a[0] == "down"]
    assert len(down) >= 10
    assert {status for _, _, status, _, _ in down} == {503}
    for _, page, _, retry_after, body in down:
        if page == "/healthz":
            assert '"status": "error"' in body
        else:
            assert retry_after == "30"
            assert "잠시 서비스를 이용할 수 없습니다" in body
            assert "Sorry, the service is temporarily unavailable" in body
            assert "Traceback" not in body and "OperationalError" not in body
    assert recovered_after < 10
    assert set(load.statuses("recovered")) == {200}
    every = Counter(status for _, _, status, _, _ in load.answers)
    assert every[500] == 0
    figures.put("outage: requests while up / down / after recovery", "{} / {} / {}".format(
        sum(load.statuses("up").values()), len(down), sum(load.statuses("recovered").values())
    ))  # fmt: skip
    figures.put("outage: answers while down", dict(load.statuses("down")))
    figures.put("outage: 500 answers", every[500])
    figures.put(
        "outage: seconds to the first 200 after PostgreSQL started", round(recovered_after, 1)
    )
