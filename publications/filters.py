"""The publications finder: keyword, kind, sector, year and language filters, and the counts each
facet value would give (like GOV.UK finders).

Within one facet the chosen values are alternatives (OR); facets combine with each other and with
the keywords (AND). A value's count is the number of results the list would show with that value
chosen alongside the other facets' current choices: for each facet, the filters of all *other*
facets are applied and the rows grouped by that facet — two aggregates in one query (see
`_count`), however many rows or values there are.
"""

import django_filters
from django import forms
from django.db import connection
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from archive_portal import fragments
from archive_portal.lib.numbers import parse_int
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
        # Plain ASCII digits only: "²" passes isdigit() and then fails int() (a 500).
        return parse_int(value, minimum=1900, maximum=2100) is not None


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
    # A Seoul SDG goal by its code ("3-3"): not a counted facet, one choice among 17.
    goal = django_filters.ChoiceFilter(method="filter_goal", label=_("SDG goal"))
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

    def __init__(self, data=None, *args, sectors=(), goals=(), **kwargs):
        # Sector and goal choices come from the lists the view already fetched: no query of
        # their own.
        self.sectors = list(sectors)
        self.goals = list(goals)
        super().__init__(data, *args, **kwargs)
        self.filters["sector"].extra["choices"] = [(s.slug, s.name) for s in self.sectors]
        self.filters["goal"].extra["choices"] = [(g.code, str(g)) for g in self.goals]

    def filter_goal(self, queryset, name, value):
        if not value:
            return queryset
        # A subquery instead of a join, as for sectors: no duplicate rows.
        through = Publication.goals.through.objects.filter(goal__code=value)
        return queryset.filter(pk__in=through.values("publication_id"))

    def chosen_goal(self):
        """The goal chosen (a row of the list given), or None."""
        code = getattr(self.form, "cleaned_data", {}).get("goal")
        return next((goal for goal in self.goals if goal.code == code), None)

    def filter_keywords(self, queryset, name, value):
        """Every word must match the item's text (the generated search columns) or one of its
        attachments' titles: the shared keyword condition, to which the ids of the publications
        whose attachment titles match are added as a list (looked up once per word)."""
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

    def choice(self):
        """The valid filters chosen, normalised: what the counts depend on (the sort is not)."""
        self.form.is_valid()  # fills cleaned_data with the valid filters; invalid ones are ignored
        cleaned = self.form.cleaned_data
        facets = tuple((name, tuple(sorted(self.chosen(name)))) for name in FACETS)
        return (facets, cleaned.get("goal") or "", cleaned.get("q") or "")

    def counts(self):
        """(kind, language, year, sector counts, total, whether any result has been downloaded)
        for the chosen filters; also sets `total` (the number of results, so the list needs no
        COUNT query of its own) and `any_downloads`.

        Without keywords the counts depend only on the content and the choice: they are a
        cached value (archive_portal.fragments) under the content generation, which every
        change of a publication, its sectors or goals, or a sector advances, and under the next
        scheduled change (an item dated today appears at midnight without being saved); a first
        download advances it too (publications.views.download: "Most downloaded" is offered
        from then on). Keyword searches are always counted afresh."""
        if getattr(self, "_counts", None) is None:
            facets, goal, keywords = self.choice()
            chosen = {name: set(values) for name, values in facets}
            if keywords:
                self._counts = self._count(chosen)
            else:
                self._counts = fragments.cached(
                    "publications-facet-counts", lambda: self._count(chosen), facets, goal
                )
            self.total, self.any_downloads = self._counts[4], self._counts[5]
        return self._counts

    def facets(self):
        """[{name, legend, options: [{value, label, count, checked}]}] for the template, from
        `counts()`."""
        kind_counts, language_counts, year_counts, sector_counts, _total, _any = self.counts()
        chosen_years = {int(y) for y in self.chosen("year")}
        years = sorted(set(year_counts) | chosen_years, reverse=True)
        return [
            self._facet("kind", _("Kind"), Kind.choices, kind_counts),
            self._facet(
                "sector", _("Sector"), [(s.slug, s.name) for s in self.sectors], sector_counts
            ),
            self._facet("year", _("Year"), [(y, str(y)) for y in years], year_counts),
            self._facet("language", _("Language"), Language.choices, language_counts),
        ]

    def _count(self, chosen):
        """(kind, language, year, sector counts, total, whether any result has been downloaded)
        for the chosen facets, in one query.

        Within a facet the chosen values are alternatives, and each facet counts the items that
        every *other* facet's choices allow. The items matching the filters that are not facets
        (the keywords) are read once, into a materialised CTE; two aggregates run over it: kind
        × language × year (with the sector choice applied), whose sums give those three facets
        and the total, and items per sector (with the kind, language and year choices applied),
        from each item's copy of its sector ids (`sector_ids`, no join). With keywords found in
        most of the archive, reading the matches is the cost: once, not once per aggregate."""
        matches = (
            self.queryset_without(*FACETS)
            .annotate(y=ExtractYear("published_on"))
            .values("kind", "language", "y", "sector_ids", "download_count")
        )
        sql, params = matches.query.sql_with_params()
        slug_to_pk = {sector.slug: sector.pk for sector in self.sectors}
        chosen_sectors = [slug_to_pk[slug] for slug in chosen["sector"] if slug in slug_to_pk]
        by_sector, by_sector_params = [], []
        for column, values in (
            ("kind", sorted(chosen["kind"])),
            ("language", sorted(chosen["language"])),
            ("y", sorted(int(year) for year in chosen["year"])),
        ):
            if values:
                by_sector.append(f"{column} = ANY(%s)")
                by_sector_params.append(values)
        combinations_where = "WHERE sector_ids && %s::bigint[]" if chosen["sector"] else ""
        sectors_where = ("WHERE " + " AND ".join(by_sector)) if by_sector else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH matches AS MATERIALIZED ({sql})"  # noqa: S608 - the ORM's SQL; values are parameters
                f" SELECT kind, language, y, NULL::bigint, COUNT(*),"
                f" bool_or(download_count > 0) FROM matches"
                f" {combinations_where} GROUP BY kind, language, y"
                f" UNION ALL SELECT NULL, NULL, NULL, sector_id, COUNT(*), NULL"
                f" FROM matches, unnest(matches.sector_ids) AS sector_id {sectors_where}"
                f" GROUP BY sector_id",
                [*params, *([chosen_sectors] if chosen["sector"] else []), *by_sector_params],
            )
            rows = cursor.fetchall()

        def allowed(name, value):
            return not chosen[name] or str(value) in chosen[name]

        pk_to_slug = {pk: slug for slug, pk in slug_to_pk.items()}
        kind_counts, language_counts, year_counts, sector_counts = {}, {}, {}, {}
        total = 0
        downloaded = False
        for kind, language, year, sector_id, n, any_downloads in rows:
            if sector_id is not None:
                if sector_id in pk_to_slug:
                    sector_counts[pk_to_slug[sector_id]] = n
                continue
            kind_ok, language_ok = allowed("kind", kind), allowed("language", language)
            year_ok = allowed("year", year) if year else not chosen["year"]
            if language_ok and year_ok:
                kind_counts[kind] = kind_counts.get(kind, 0) + n
            if kind_ok and year_ok:
                language_counts[language] = language_counts.get(language, 0) + n
            if kind_ok and language_ok and year:
                year_counts[year] = year_counts.get(year, 0) + n
            if kind_ok and language_ok and year_ok:
                total += n
                downloaded = downloaded or bool(any_downloads)
        return kind_counts, language_counts, year_counts, sector_counts, total, downloaded

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
