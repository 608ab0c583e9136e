"""Related items for a detail page, from what they share with the item shown: SDG goals,
sectors (or any other many-to-many link) and the words of their titles. One query, whatever the
number of rows.

The score of a candidate is the sum, over the links, of `weight` × the number of linked values it
shares (read from the link's through table by a subquery, so no join multiplies rows), plus the
trigram similarity of the titles (0–1: shared words, Korean included); ties go to the newest.

Only a bounded set of candidates is scored, each part found through an index, so the query costs
the same at 100 rows or 100,000 (scoring every item sharing a goal took 3 s at 100,000 news
items: a goal is shared by thousands):

- for each linked value of the item (each of its goals, each sector), the PER_VALUE items most
  recently tagged with it (highest ids): a backward scan of the through table's
  (value, item) index (added by a migration of each app: news 0015, publications 0018);
- the BY_TITLE items with the nearest titles (pg_trgm's `<->` over the title's GiST trigram
  index, `search_document.search_indexes`), among those similar enough (`%`).

An item shares the most with its own kind, so the best are almost always among these; what
the bound can miss is an old item that shares several values with the item but whose title is
unlike it, when more than PER_VALUE newer items share each of those values.
"""

from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

RELATED_COUNT = 4
# Candidates per linked value (goal, sector) of the item, and by title: a few hundred rows at
# most are scored, found by index scans that stop after this many rows.
PER_VALUE = 50
BY_TITLE = 50


def title_words(obj):
    """The text `title_text` (the generated title column of archive_portal.lib.search_document)
    holds for `obj`, both languages, lower-cased: what its title is compared with."""
    titles = [getattr(obj, "title_ko", None) or obj.title, getattr(obj, "title_en", None)]
    return " ".join(title for title in titles if title).lower()


def _link(model, name):
    field = model._meta.get_field(name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def _shared(model, name, ids):
    """Subquery counting the values of m2m `name` in `ids` per row (0 when none)."""
    through, source, target = _link(model, name)
    count = (
        through.objects.filter(**{f"{target}__in": ids, source: OuterRef("pk")})
        .order_by()
        .values(source)
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def _tagged_with(model, obj, name, value):
    """The ids of the PER_VALUE items other than `obj` most recently tagged with `value` (newest
    ids first): an index-only scan of the through table's (value, item) index, backwards, that
    stops there. Which of them the public may see is left to the outer query: filtering here
    would join the items table, and an unlucky plan walks it from the newest row down."""
    through, source, target = _link(model, name)
    return (
        through.objects.filter(**{target: value})
        .exclude(**{source: obj.pk})
        .order_by(f"-{source}")
        .values(source)[:PER_VALUE]
    )


def related_items(queryset, obj, links, *, date_field, limit=RELATED_COUNT):
    """Up to `limit` rows of `queryset` (public items of a model with the generated
    `title_text` column) most related to `obj`, best first.

    `links`: [(many-to-many field name, weight)], e.g. [("goals", 3), ("sectors", 2)]; the ids of
    `obj`'s values must be prefetched or cheap (`obj.<name>.all()` is read)."""
    public = queryset.exclude(pk=obj.pk)
    title = title_words(obj)
    score = TrigramSimilarity("title_text", title)
    pools = [
        public.filter(title_text__trigram_similar=title)
        .order_by(TrigramDistance("title_text", title))
        .values("pk")[:BY_TITLE]
    ]
    for name, weight in links:
        ids = [value.pk for value in getattr(obj, name).all()]
        if not ids:
            continue
        score = score + _shared(public.model, name, ids) * weight
        pools.extend(_tagged_with(public.model, obj, name, value) for value in ids)
    candidates = pools[0].union(*pools[1:], all=True) if len(pools) > 1 else pools[0]
    return list(
        public.filter(pk__in=candidates)
        .annotate(relatedness=score)
        .order_by(F("relatedness").desc(), F(date_field).desc(nulls_last=True), "-pk")[:limit]
    )
