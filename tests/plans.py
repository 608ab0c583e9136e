"""The plans PostgreSQL chose for the queries a block of code ran, as it ran them.

`auto_explain` (a module shipped with PostgreSQL) reports the plan of every statement of this
connection to the client as a notice: the tests see the plans of the queries the code under test
really makes, under the planner settings in effect when it made them (e.g. the code's own
`bitmap_scans()` block), never settings chosen by the test.
"""

import collections
import re
from contextlib import contextmanager

from django.db import connection

_ON = (
    "LOAD 'auto_explain'",
    "SET auto_explain.log_min_duration = 0",
    "SET auto_explain.log_level = 'notice'",
    "SET auto_explain.log_nested_statements = on",
)


@contextmanager
def executed_plans():
    """A list, filled when the block ends, of the plans (text) of the statements run inside it."""
    plans = []
    with connection.cursor() as cursor:
        for statement in _ON:
            cursor.execute(statement)
    raw = connection.connection
    raw.notices = collections.deque()
    try:
        yield plans
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET auto_explain.log_min_duration = -1")
        plans.extend(notice for notice in raw.notices if "Query Text:" in notice)
        raw.notices = collections.deque(maxlen=50)


_INDEX_SCAN = re.compile(
    r"Index (?:Only )?Scan (?:Backward )?using (\S+)|Bitmap Index Scan on (\S+)"
)


def index_scans(plans):
    """The names of the indexes the plans read, in the order they appear."""
    return [a or b for plan in plans for a, b in _INDEX_SCAN.findall(plan)]


def analysed_nodes(sql):
    """Every node of the plan of `sql` (a captured query) as EXPLAIN ANALYZE ran it, as dicts
    (`Node Type`, `Index Name`, `Scan Direction`, `Actual Rows`…), outermost first."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        pending = [cursor.fetchone()[0][0]["Plan"]]
    nodes = []
    while pending:
        node = pending.pop(0)
        nodes.append(node)
        pending.extend(node.get("Plans", []))
    return nodes
