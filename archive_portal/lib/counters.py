"""Counters kept in the process and written to the database in one UPDATE every few seconds.

A news item counts its views; writing that count on every request (an UPDATE and a commit) would
make a page served from the page cache cost a database write. `BufferedCounter.add(pk)` only
adds one in this process's memory (no query); `flush()` writes every pending count in one
`UPDATE … FROM (VALUES …)` that adds them to the stored ones (atomic per row: counts other
workers and instances write meanwhile are kept).

When the counts are written:
- by a timer thread `COUNTER_FLUSH_SECONDS` (5 by default) after the first count not yet
  written, whatever the traffic: a count reaches the database within that window;
- when the process exits normally (gunicorn's graceful restart or stop: `atexit`);
- when `flush()` is called (the tests, which set COUNTER_FLUSH_SECONDS = None: no timer).
COUNTER_FLUSH_SECONDS = 0 writes every count at once (one UPDATE per count, no buffering).
A worker killed outright (SIGKILL, a gunicorn timeout) loses the counts of its last window at
most; nothing else is lost. If the database cannot be reached, the counts are kept for the next
flush. Pages show the stored count plus this process's pending one (`pending(pk)`).
"""

import atexit
import threading
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection

_counters = []


class BufferedCounter:
    def __init__(self, model_label, field):
        self.model_label = model_label
        self.field = field
        self._pending = Counter()
        self._lock = threading.Lock()
        self._timer = None
        _counters.append(self)

    def add(self, pk, amount=1):
        """Count `amount` for row `pk`: no query (but with COUNTER_FLUSH_SECONDS = 0, which
        writes every count at once)."""
        seconds = settings.COUNTER_FLUSH_SECONDS
        with self._lock:
            self._pending[pk] += amount
            if self._timer is None and seconds:
                self._timer = threading.Timer(seconds, self._flush_from_timer)
                self._timer.daemon = True
                self._timer.start()
        if seconds == 0:
            self.flush()

    def pending(self, pk):
        """The count of row `pk` this process has not written yet."""
        with self._lock:
            return self._pending.get(pk, 0)

    def _take(self):
        with self._lock:
            taken, self._pending = self._pending, Counter()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            return taken

    def _give_back(self, taken):
        with self._lock:
            self._pending.update(taken)

    def flush(self):
        """Write every pending count in one UPDATE; returns the number of rows updated."""
        taken = self._take()
        if not taken:
            return 0
        model = apps.get_model(self.model_label)
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field(self.field).column)
        pk_column = connection.ops.quote_name(model._meta.pk.column)
        values = ", ".join(["(%s::bigint, %s::bigint)"] * len(taken))
        params = [number for pk, amount in sorted(taken.items()) for number in (pk, amount)]
        try:
            with connection.cursor() as cursor:  # one statement: atomic by itself
                cursor.execute(
                    f"UPDATE {table} SET {column} = {table}.{column} + counts.amount"  # noqa: S608 - quoted names
                    f" FROM (VALUES {values}) AS counts(pk, amount)"
                    f" WHERE {table}.{pk_column} = counts.pk",
                    params,
                )
                return cursor.rowcount
        except DatabaseError:
            self._give_back(taken)  # written at the next flush
            return 0

    def _flush_from_timer(self):
        try:
            self.flush()
        finally:
            connection.close()  # this thread's own connection


def flush_all():
    """Write the pending counts of every counter (at exit, and for tests)."""
    for counter in _counters:
        try:
            counter.flush()
        except Exception:  # noqa: BLE001 - at exit, nothing can be done about it
            if not _exiting:
                raise


_exiting = False


def discard_all():
    """Forget every pending count (tests: nothing leaks from one test into the next)."""
    for counter in _counters:
        counter._take()


@atexit.register
def _flush_at_exit():
    global _exiting
    _exiting = True
    flush_all()
