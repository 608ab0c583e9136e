"""The publications finder: keyword, kind, sector, year and language filters, and the counts each
facet value would give (like GOV.UK finders).

Within one facet the chosen values are alternatives (OR); facets combine with each other and with
the keywords (AND). A value's count is the number of results the list would show with that value
chosen alongside the other facets' current choices: for each facet, the filters of all *other*
facets are applied and the rows grouped by that facet — two aggregate queries in all (see
`facets`), however many rows or values there are.
"""

from collections import Counter

import django_filters
from django import forms
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.search import keyword_q
from publications.models import Kind, Language, Publication

# As the site search (archive_portal/search.py): the generated search columns (title, summary,
# body), plus the attachments' titles.
SEARCH_FIELDS = ["title", "summary", "body"]
FACETS = ("kind", "sector", "year", "language")


class SortChoices:
    NEWEST = "newest"
    DOWNLOADS = "downloads"
    CHOICES = [(NEWEST, _("Newest")), (DOWNLOADS, _("Most downloaded"))]


class YearsField(forms.TypedMultipleChoiceField):
    """Any plausible year: the years on offer come from the data, not from a fixed list."""

    def __init__(self, *args, **kwargs):
        kwargs["coerce"] = int
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        return str(value).isdigit() and 1900 <= int(value) <= 2100


class YearFilter(django_filters.MultipleChoiceFilter):
    field_class = YearsField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(published_on__year__in=[int(year) for year in value])


class PublicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_keywords", label=_("Search publications"))
    # distinct=False: one column, one value per row; no duplicates to remove (a DISTINCT would
    # sort every match by all its columns, long body included).
    kind = django_filters.MultipleChoiceFilter(
        choices=Kind.choices, label=_("Kind"), widget=forms.CheckboxSelectMultiple, distinct=False
    )
    sector = django_filters.MultipleChoiceFilter(
        method="filter_sectors", label=_("Sector"), widget=forms.CheckboxSelectMultiple
    )
    year = YearFilter(label=_("Year"), widget=forms.CheckboxSelectMultiple)
    language = django_filters.MultipleChoiceFilter(
        choices=Language.choices,
        label=_("Language"),
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    sort = django_filters.ChoiceFilter(
        choices=SortChoices.CHOICES,
        method="filter_sort",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Publication
        fields = []

    def __init__(self, data=None, *args, sectors=(), **kwargs):
        # Sector choices come from the list the view already fetched: no query of their own.
        self.sectors = list(sectors)
        super().__init__(data, *args, **kwargs)
        self.filters["sector"].extra["choices"] = [(s.slug, s.name) for s in self.sectors]

    def filter_keywords(self, queryset, name, value):
        """Every word must match the item's text (the generated search columns) or one of its
        attachments' titles: the shared keyword filter, with the attachments as a subquery."""
        # Built once: the facet counts apply the filters again, and the attachment titles cost a
        # query to look up.
        if getattr(self, "_keywords", None) != value:
            self._keywords = value
            self._keyword_q = keyword_q(
                Publication, value, SEARCH_FIELDS, extra_fields=["attachments__title"]
            )
        return queryset if self._keyword_q is None else queryset.filter(self._keyword_q)

    def filter_sectors(self, queryset, name, value):
        if not value:
            return queryset
        # A subquery instead of a join: no duplicate rows, no DISTINCT.
        through = Publication.sectors.through.objects.filter(sector__slug__in=value)
        return queryset.filter(pk__in=through.values("publication_id"))

    def sorts_by_date(self):
        """Whether the list is newest first (the default), the order of an index."""
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") in (None, "", SortChoices.NEWEST)

    def filter_sort(self, queryset, name, value):
        if value == SortChoices.DOWNLOADS:
            return queryset.most_downloaded_first()
        return queryset.newest_first()

    # --- facets -------------------------------------------------------------------------------

    def chosen(self, name):
        """The valid values chosen for a facet (call after the form has been validated)."""
        value = getattr(self.form, "cleaned_data", {}).get(name)
        return [str(v) for v in value] if value else []

    def queryset_without(self, *facets):
        """The base queryset with every filter applied except `facets` (and the sort)."""
        queryset = self.queryset
        cleaned = getattr(self.form, "cleaned_data", {})
        for name, value in cleaned.items():
            if name in facets or name == "sort":
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def facets(self):
        """[{name, legend, options: [{value, label, count, checked}]}] for the template; also
        sets `total` (the number of results), so the list needs no COUNT query of its own.

        Two queries in all: kind, language and year are single-valued columns, so one GROUP BY
        over the three (with every other filter applied) gives each of their facets and the
        total, by adding up the combinations the other two facets' choices allow. Sectors (many
        per item) get their own GROUP BY, over each item's copy of its sector ids (`sector_ids`):
        no join to the through table."""
        self.form.is_valid()  # fills cleaned_data with the valid filters; invalid ones are ignored
        chosen = {name: set(self.chosen(name)) for name in FACETS}

        def allowed(name, value):
            return not chosen[name] or str(value) in chosen[name]

        combinations = (
            self.queryset_without("kind", "language", "year")
            .annotate(y=ExtractYear("published_on"))
            .values_list("kind", "language", "y")
            .annotate(n=Count("id"))
        )
        kind_counts, language_counts, year_counts = Counter(), Counter(), Counter()
        self.total = 0
        for kind, language, year, n in combinations:
            kind_ok, language_ok = allowed("kind", kind), allowed("language", language)
            year_ok = allowed("year", year) if year else not chosen["year"]
            if language_ok and year_ok:
                kind_counts[kind] += n
            if kind_ok and year_ok:
                language_counts[language] += n
            if kind_ok and language_ok and year:
                year_counts[year] += n
            if kind_ok and language_ok and year_ok:
                self.total += n
        slugs = {sector.pk: sector.slug for sector in self.sectors}
        sector_counts = {
            slugs[sector_id]: n
            for sector_id, n in self._items_per_sector(self.queryset_without("sector"))
            if sector_id in slugs
        }
        chosen_years = {int(y) for y in chosen["year"]}
        years = sorted(set(year_counts) | chosen_years, reverse=True)
        return [
            self._facet("kind", _("Kind"), Kind.choices, kind_counts),
            self._facet(
                "sector", _("Sector"), [(s.slug, s.name) for s in self.sectors], sector_counts
            ),
            self._facet("year", _("Year"), [(y, str(y)) for y in years], year_counts),
            self._facet("language", _("Language"), Language.choices, language_counts),
        ]

    @staticmethod
    def _items_per_sector(queryset):
        """(sector id, number of items) over `queryset`, from the items' `sector_ids`. The ORM
        cannot GROUP BY the elements of an array: the outer query wraps the ORM's own SQL."""
        sql, params = queryset.values("sector_ids").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sector_id, COUNT(*) FROM (" + sql + ") AS items,"  # noqa: S608 - the ORM's SQL and parameters
                " unnest(items.sector_ids) AS sector_id GROUP BY sector_id",
                params,
            )
            return cursor.fetchall()

    def _facet(self, name, legend, choices, counts):
        chosen = set(self.chosen(name))
        options = [
            {
                "value": str(value),
                "label": label,
                "count": counts.get(value, 0),
                "checked": str(value) in chosen,
            }
            for value, label in choices
        ]
        return {"name": name, "legend": legend, "options": options, "chosen": len(chosen)}
