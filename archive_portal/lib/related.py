"""Related items for a detail page, from what they share with the item shown: SDG goals,
sectors (or any other many-to-many link) and the words of their titles. One query, whatever the
number of rows.

The score of a candidate is the sum, over the links, of `weight` × the number of linked values it
shares (read from the link's through table by a subquery, so no join multiplies rows), plus the
trigram similarity of the titles (0–1: shared words, Korean included). Candidates are the items
sharing at least one linked value or a similar title (pg_trgm's `%`, answered by the title's
trigram index on the search columns, archive_portal.lib.search_document); ties go to the newest.
"""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

RELATED_COUNT = 4


def _shared(model, name, ids):
    """(subquery counting the values of m2m `name` in `ids` per row, the rows having any)."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = through.objects.filter(**{f"{target}__in": ids})
    count = (
        links.filter(**{source: OuterRef("pk")})
        .order_by()
        .values(source)
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0)), Q(
        pk__in=links.values(source)
    )


def related_items(queryset, obj, links, *, date_field, limit=RELATED_COUNT):
    """Up to `limit` rows of `queryset` (public items) most related to `obj`, best first.

    `links`: [(many-to-many field name, weight)], e.g. [("goals", 3), ("sectors", 2)]; the ids of
    `obj`'s values must be prefetched or cheap (`obj.<name>.all()` is read)."""
    model = queryset.model
    score = TrigramSimilarity("title", obj.title)
    candidates = Q(title_text__trigram_similar=obj.title.lower())
    for name, weight in links:
        ids = [value.pk for value in getattr(obj, name).all()]
        if not ids:
            continue
        shared, having = _shared(model, name, ids)
        score = score + shared * weight
        candidates |= having
    return list(
        queryset.exclude(pk=obj.pk)
        .filter(candidates)
        .annotate(relatedness=score)
        .order_by(F("relatedness").desc(), F(date_field).desc(nulls_last=True), "-pk")[:limit]
    )
