"""Django's PostgreSQL backend, with its persistent connections' health check skipped when the
connection was used a moment ago (see base.py). Settings: ENGINE "archive_portal.db"."""
