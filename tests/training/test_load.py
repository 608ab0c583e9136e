"""The nomination form under a crowd, served by real gunicorn processes (three workers) on the
test database: what several workers and instances do in production.

- 32 firms send at once (eight of them press "send" twice): every confirmation names exactly
  one stored nomination with all its rows; references are unique and sequential.
- 32 nominations from one address at once: exactly TRAINING_SUBMISSIONS_PER_HOUR are accepted
  (the limit is counted in the database, not per worker).
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.training.factories import ProgrammeFactory, form_data
from training.models import Nomination

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SUBMITTERS = 32
PER_HOUR = 5
APPLY = "/ko/training/open-call/apply/"
CHECK = "/ko/training/open-call/apply/check/"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    host = urllib.parse.quote(db["HOST"] or "", safe="")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    """gunicorn with three workers on the test database; its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TRAINING_TRUST_X_FORWARDED_FOR": "true",
        "TRAINING_SUBMISSIONS_PER_HOUR": str(PER_HOUR),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "3",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
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
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: its cookies, its network address (as the proxy reports it)."""

    def __init__(self, base, address):
        self.base, self.address = base, address
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )

    def request(self, path, data=None):
        """(status, Location, body) of one request."""
        body = None
        if data is not None:
            token = next(c.value for c in self.cookies if c.name == "csrftoken")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(  # noqa: S310 - http to the local test server
            self.base + path, data=body, headers={"X-Forwarded-For": self.address}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Location"), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location"), exc.read().decode()

    def fill_in(self, company):
        """The form, continued to the check page; the check page's submission key."""
        assert self.request(APPLY)[0] == 200
        status, location, _ = self.request(APPLY, form_data(company=company))
        assert (status, location) == (302, CHECK)
        html = self.request(CHECK)[2]
        return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)

    def send(self, key):
        """Press "send"; the reference on the confirmation page, or the refusal's status."""
        status, location, _ = self.request(CHECK, {"submission_key": key})
        if status != 302:
            return status
        assert location.startswith(APPLY + "confirmation/?c=")
        html = self.request(location)[2]
        return re.search(r'class="reference">([^<]+)<', html).group(1)


def _at_once(functions):
    """Run the functions in threads, released together; their results in order."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(i, function):
        barrier.wait(timeout=60)
        try:
            results[i] = function()
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertions
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_32_firms_sending_at_once_each_get_their_own_stored_nomination(server):
    ProgrammeFactory(slug="open-call", reference_prefix="TR-2025")
    firms = [(Browser(server, f"198.51.100.{i + 1}"), f"회사 {i:02d}") for i in range(SUBMITTERS)]
    keys = _at_once([lambda b=b, c=c: b.fill_in(c) for b, c in firms])
    # Eight firms press "send" twice, the two presses at the same moment.
    presses = [(i, firms[i][0], keys[i]) for i in range(SUBMITTERS)]
    presses += [(i, firms[i][0], keys[i]) for i in range(0, SUBMITTERS, 4)]
    results = _at_once([lambda b=b, k=k: b.send(k) for _i, b, k in presses])

    assert [r for r in results if not isinstance(r, str)] == []
    confirmed = {}
    for (i, _browser, _key), reference in zip(presses, results, strict=True):
        assert confirmed.setdefault(i, reference) == reference  # both presses: one confirmation
    nominations = {
        n.reference: n for n in Nomination.objects.prefetch_related("trainees", "milestones")
    }
    assert sorted(nominations) == [f"TR-2025-{n:03d}" for n in range(1, SUBMITTERS + 1)]
    assert sorted(n.sequence for n in nominations.values()) == list(range(1, SUBMITTERS + 1))
    for i, reference in confirmed.items():
        nomination = nominations[reference]
        assert nomination.company == firms[i][1]
        assert [t.name for t in nomination.trainees.all()] == ["Nguyen Van An", "Tran Thi Binh"]
        assert len(nomination.milestones.all()) == 2
        assert nomination.status_changes.count() == 1
    assert len(set(confirmed.values())) == SUBMITTERS
    print(
        f"{len(presses)} presses of send by {SUBMITTERS} firms: {len(nominations)} stored, 0 lost"
    )


def test_the_hourly_limit_holds_across_workers(server):
    ProgrammeFactory(slug="open-call", reference_prefix="TR-2025")
    seconds_left = 3600 - time.time() % 3600
    if seconds_left < 120:  # the burst must fall within one hour's window
        time.sleep(seconds_left + 1)
    firms = [(Browser(server, "203.0.113.9"), f"회사 {i:02d}") for i in range(SUBMITTERS)]
    keys = _at_once([lambda b=b, c=c: b.fill_in(c) for b, c in firms])
    results = _at_once([lambda b=b, k=k: b.send(k) for (b, _c), k in zip(firms, keys, strict=True)])
    accepted = sorted(r for r in results if isinstance(r, str))
    assert accepted == [f"TR-2025-{n:03d}" for n in range(1, PER_HOUR + 1)]
    assert sorted(r for r in results if not isinstance(r, str)) == [429] * (SUBMITTERS - PER_HOUR)
    assert Nomination.objects.count() == PER_HOUR
