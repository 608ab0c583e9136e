"""Django's PostgreSQL backend whose health check of a persistent connection (CONN_HEALTH_CHECKS)
is skipped when the connection was last used less than HEALTH_CHECK_IDLE_SECONDS ago.

With persistent connections (CONN_MAX_AGE) Django checks a reused connection at the first query
of each request with a `SELECT 1`, so that a connection broken while it sat idle (PostgreSQL
restarted, a proxy or firewall dropped it) is replaced instead of failing the request. Under a
burst that is one more round trip to PostgreSQL on every request, as many as a detail page's own
query. A connection used a moment ago is as good as checked: connection pools do the same
(HikariCP's `aliveBypassWindowMs`, half a second). A connection that fails all the same (the
server restarted within that moment) fails that one request (503, archive_portal.middleware)
and Django closes it at the request's end (`errors_occurred`); the next request connects again.
"""

import time

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    used_at = float("-inf")  # time.monotonic() of the last cursor made on this connection

    def create_cursor(self, name=None):
        self.used_at = time.monotonic()
        return super().create_cursor(name)

    def close_if_unusable_or_obsolete(self):
        """At each request's start and end (django.db.close_old_connections): as Django's, then
        a connection used within HEALTH_CHECK_IDLE_SECONDS counts as checked for the request."""
        super().close_if_unusable_or_obsolete()
        idle = self.settings_dict.get("HEALTH_CHECK_IDLE_SECONDS", 0)
        if self.connection is not None and time.monotonic() - self.used_at < idle:
            self.health_check_done = True
