"""Rows shared by the tests of a module.

Loading the seed content or the whole SDG plan takes about a second; the tests that only read
it share one copy per module (`seed_content` in tests/conftest.py, `imported_plan` in
tests/sdg_plan/conftest.py). The rows are committed (each test still runs in its own
transaction, rolled back after it, so what a test changes never reaches the next one) and
removed when the module ends. A test of that module that does not ask for the rows would see
them all the same: tests/conftest.py::_fast_and_isolated fails it, so keep such tests before the first one that
asks (or in another module)."""

from django.db import connection

_in_use = []  # the names of the module fixtures whose rows are in the database now


def shared_fixtures_in_use():
    return list(_in_use)


def _row_counts():
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def shared_rows(request, django_db_blocker, load):
    """For a module-scoped fixture (`yield from shared_rows(...)`): commit the rows that `load()`
    creates for the tests of the module that ask for the fixture, and remove them when the
    module ends: every table that was empty before is emptied again, and the tables the migrations
    fill must be as they were."""
    with django_db_blocker.unblock():
        before = _row_counts()
    try:
        with django_db_blocker.unblock():
            load()
        _in_use.append(request.fixturename)
        yield
    finally:
        if request.fixturename in _in_use:
            _in_use.remove(request.fixturename)
        with django_db_blocker.unblock():
            filled = [
                table for table, count in _row_counts().items() if count and not before[table]
            ]
            if filled:
                names = ", ".join(connection.ops.quote_name(table) for table in sorted(filled))
                with connection.cursor() as cursor:
                    cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            after = _row_counts()
        changed = {
            table: (before[table], count)
            for table, count in after.items()
            if count != before[table]
        }
        assert not changed, f"the shared rows changed tables the migrations fill: {changed}"
