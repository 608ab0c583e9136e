"""Counting that stays fast on large tables.

An exact COUNT(*) of a query that matches most of 100,000 rows reads all of them (a second or
more for a common word). Lists show the exact number up to COUNT_CAP and "more than COUNT_CAP"
beyond it: counting stops at COUNT_CAP + 1 rows. Only keyword searches need it: a plain
list is counted exactly from an index.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from archive_portal.lib.planner import bitmap_scans

COUNT_CAP = 1_000


def capped_count(queryset, cap=COUNT_CAP):
    """The number of rows, counting at most cap + 1 of them (more than `cap` means "> cap").

    In no particular order (an ORDER BY would make PostgreSQL walk that order, testing every row
    on the way), and with bitmap scans preferred: the first cap + 1 matches straight from the
    search index (see `archive_portal.lib.planner`)."""
    with bitmap_scans(queryset.db):
        return count_up_to(queryset, cap)


def count_up_to(queryset, cap):
    """capped_count's query alone, for callers already inside `bitmap_scans()`."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """A Paginator whose count stops at COUNT_CAP; `capped` tells whether there are more."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self):
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self):
        return min(self._counted, self.cap)

    @property
    def capped(self):
        return self._counted > self.cap
