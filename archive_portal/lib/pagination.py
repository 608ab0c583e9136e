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


class NearerEndPaginator(Paginator):
    """A Paginator whose deep pages cost about what the first ones do, for a QuerySet in a
    total order (its ordering ends with the primary key) that an index can walk.

    Page n is `OFFSET (n - 1) × size`: PostgreSQL reads every row before the page and throws it
    away (the last page of 100,000 news items read them all, with their columns, from the
    table: 340 ms). Here a page's ids are found first, reading the ordering index alone (an
    index-only scan when the index holds every column the filter and order need) and from the
    nearer end: a page past the middle counts back from the last row in the reverse order (the
    last page reads a handful of index entries). The page's rows are then read by id, in the
    same query (the ids are its subquery). The URL (`?page=n`) and the pages are unchanged.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self._rows(bottom, top), number, self)

    def _rows(self, bottom, top):
        return nearer_end_slice(self.object_list, bottom, top, self.count)


def nearer_end_slice(rows, bottom, top, count):
    """`rows[bottom:top]` of an ordered QuerySet of `count` rows, the ids read from the nearer
    end of the ordering (see NearerEndPaginator); one query."""
    if bottom == 0 or not getattr(rows, "ordered", False):
        return rows[bottom:top]  # the first rows, or not an ordered QuerySet: a plain slice
    if 2 * bottom > count:
        ids = rows.reverse().values("pk")[max(count - top, 0) : count - bottom]
    else:
        ids = rows.values("pk")[bottom:top]
    return rows.filter(pk__in=ids)
