"""One row read by a unique column with SQL the ORM builds once per process.

A detail page whose other parts are cached fragments reads only its row, and the ORM takes
longer to build that query (and map its row) than PostgreSQL takes to run it: a third of the
page's time at benchmark volumes. `OneRow` asks the ORM for the SQL and the column mapping once
and then only runs it. The query may have no parameter but the value looked up, so a time
("published by now") cannot be frozen into it: the caller checks visibility on the row.
"""

import functools

from django.db import connections


class OneRow:
    """`OneRow(make_queryset, "slug").get(value)`: the row of `make_queryset()` whose `field`
    is `value` (a model instance, deferred columns left out as the queryset leaves them), or
    None. `make_queryset` is called once, on first use."""

    def __init__(self, make_queryset, field):
        self._make_queryset = make_queryset
        self._field = field

    @functools.cached_property
    def _compiled(self):
        queryset = self._make_queryset().filter(**{self._field: ""}).order_by()[:1]
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        if list(params) != [""]:
            raise ValueError(f"{queryset.query}: only the value looked up may be a parameter")
        columns = [column for column, _sql, _alias in compiler.select]
        names = [column.target.attname for column in columns]
        return sql, names, compiler.get_converters(columns), compiler, queryset.model

    def get(self, value):
        sql, names, converters, compiler, model = self._compiled
        with connections[compiler.using].cursor() as cursor:
            cursor.execute(sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(iter(compiler.apply_converters([row], converters)))
        return model.from_db(compiler.using, names, row)
