"""The news list's filters: keyword, category and year, combined (every filter must match)."""

from datetime import date

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from archive_portal.lib.search import MAX_QUERY_LENGTH, keyword_filter
from archive_portal.lib.timezone import seoul_midnight
from archive_portal.lib.widgets import FastSelect
from news.models import Category, NewsItem

SEARCH_FIELDS = ("title", "summary", "body")


class NewsFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_keyword",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "aria-describedby": "news-q-hint",
            }
        ),
    )
    # FastSelect: the same <select>, written without a template per option.
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=Category.choices,
        empty_label=_("All categories"),
        widget=FastSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), method="filter_year", empty_label=_("All years"), widget=FastSelect
    )

    class Meta:
        model = NewsItem
        fields = ["q", "category", "year"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only years that have published items are offered (the view passes them in).
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in years]

    def filter_keyword(self, queryset, name, value):
        return keyword_filter(queryset, value, SEARCH_FIELDS)

    def filter_year(self, queryset, name, value):
        # A range on published_at (in Seoul time), which the listing index can use.
        value = int(value)
        start = seoul_midnight(date(value, 1, 1))
        end = seoul_midnight(date(value + 1, 1, 1))
        return queryset.filter(published_at__gte=start, published_at__lt=end)

    @property
    def is_filtered(self):
        return self.is_bound and any(
            self.form.cleaned_data.get(name) not in (None, "") for name in self.filters
        )
