"""Rewriting many rows in batches: for data migrations (and commands) that must change a value
computed in Python on every row of a large table.

One `UPDATE` per row is a round trip and a statement per row (news 0009, written that way, was
still running after 20 minutes on 100,000 items). `rewrite_in_batches` reads the rows
in primary-key order, `batch_size` at a time (keyset pagination: each read is one index range,
and no cursor stays open across the writes), and writes the changed rows of each batch with
one `bulk_update`. Rows the conversion leaves as they are are not written at all. What it saves
is the round trips and statements; the work PostgreSQL does per row (the search columns' GIN
entries, docs/DEVELOPING.md "Data migrations and large tables") stays.
"""

BATCH_SIZE = 1000


def rewrite_in_batches(queryset, fields, convert, *, batch_size=BATCH_SIZE):
    """For each row of `queryset`, `convert(values)` gets a dict of the row's `fields` and
    returns the dict of the fields to change (or a falsy value: leave the row alone). Returns the
    number of rows written. Works with the historical models of a migration (`apps.get_model`).
    """
    model = queryset.model
    written = 0
    last = None
    while True:
        rows = queryset.order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        rows = list(rows.values("pk", *fields)[:batch_size])
        if not rows:
            return written
        last = rows[-1]["pk"]
        changed = []
        update_fields = set()
        for row in rows:
            current = {name: row[name] for name in fields}
            values = convert(dict(current))
            if values:
                # The instance carries every field read, so that writing the union of the
                # changed fields leaves a field this row's conversion did not name as it was.
                changed.append(model(pk=row["pk"], **{**current, **values}))
                update_fields.update(values)
        if changed:
            model._base_manager.bulk_update(changed, sorted(update_fields))
            written += len(changed)
