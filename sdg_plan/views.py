"""Pages of the SDG implementation plan: overview, goal, project, indicator, all indicators,
departments, open data. Public and the same for every visitor; fixed query counts."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from archive_portal import sections
from archive_portal.fragments import Lazy, lazy_context, process_cached
from archive_portal.lib.citation import citation_response
from archive_portal.licences import licence_info
from sdg_plan import citation, exports, selectors
from sdg_plan.charts import build_chart
from sdg_plan.forms import IndicatorFilterForm, filter_choices
from sdg_plan.models import PLAN_LICENCE, PLAN_YEARS, Indicator
from sdg_plan.status import (
    ACCELERATION_FROM,
    ON_TRACK_FROM,
    TARGET_YEAR,
    ZERO_REPLACEMENT,
    rollup,
)
from sdg_plan.structured_data import indicators_dataset
from sdg_plan.un_sdgs import UnSdg

# The exports offered on the indicator and open data pages: (URL extension, label).
CITE_FORMATS = [("ris", "RIS"), ("bib", "BibTeX"), ("json", "CSL-JSON")]


def _table_for(indicator):
    """[(year, target as written, target number, Actual or None)]: plan years and actual years."""
    actual_by_year = {a.year: a for a in indicator.actuals.all()}
    years = sorted(set(PLAN_YEARS) | set(actual_by_year))
    return [
        (year, indicator.target_text(year), indicator.target_value(year), actual_by_year.get(year))
        for year in years
    ]


def _chart_for(indicator):
    return build_chart(
        {y: indicator.target_value(y) for y in PLAN_YEARS},
        [(a.year, a.value) for a in indicator.actuals.all()],
    )


@require_safe
def index(request):
    # Computed only when the cached fragment of the overview is missing (fragments.py).
    context = lazy_context(selectors.overview, "strategies", "totals", "plan_rollup")
    context["plan_licence"] = PLAN_LICENCE
    return render(request, "sdg_plan/index.html", context)


@require_safe
def goal(request, code):
    goal = selectors.goal_detail(code)
    if goal is None:
        raise Http404
    return render(
        request,
        "sdg_plan/goal.html",
        {
            "goal": goal,
            "un_sdg_label": UnSdg(goal.un_sdg).label,
            # What the other sections tagged with this goal (archive_portal.sections).
            "linked": sections.goal_items(goal),
            "plan_licence": PLAN_LICENCE,
        },
    )


@require_safe
def project(request, number):
    project = selectors.project_detail(number)
    if project is None:
        raise Http404
    rows = [
        (indicator, progress, _chart_for(indicator), _table_for(indicator))
        for indicator, progress in project.indicator_progress
    ]
    return render(
        request,
        "sdg_plan/project.html",
        {"project": project, "indicator_rows": rows, "plan_licence": PLAN_LICENCE},
    )


def _every_indicator():
    """{number: indicator} of the whole plan, each with its actuals, project, task, goal,
    strategy and departments (3 queries, as for one)."""
    return {indicator.number: indicator for indicator in selectors.indicators_with_actuals()}


def _indicator_body(indicator, request):
    return {
        "progress": indicator.progress(),
        "chart": _chart_for(indicator),
        "table": _table_for(indicator),
        "citation_text": citation.dataset_citation_text(
            citation.indicator_record(indicator, request.build_absolute_uri)
        ),
    }


@require_safe
def indicator(request, number):
    # The plan's 109 indicators change only with the plan or its values: read together once per
    # content generation and process, the page's body a cached fragment (fragments.py).
    indicator = process_cached("sdg-indicators-by-number", _every_indicator).get(number)
    if indicator is None:
        raise Http404
    body = lazy_context(
        lambda: _indicator_body(indicator, request), "progress", "chart", "table", "citation_text"
    )
    return render(
        request,
        "sdg_plan/indicator.html",
        {
            "indicator": indicator,
            "project": indicator.project,
            **body,
            "target_year": TARGET_YEAR,
            "on_track_from": ON_TRACK_FROM,
            "acceleration_from": ACCELERATION_FROM,
            "zero_replacement": ZERO_REPLACEMENT,
            "plan_licence": PLAN_LICENCE,
            "cite_formats": CITE_FORMATS,
            # The citation names the site's address: one fragment per host.
            "fragment_vary": (number, request.get_host()),
        },
    )


@require_safe
def cite_indicator(request, number, fmt):
    indicator = Indicator.objects.filter(number=number).first()
    if indicator is None:
        raise Http404
    return citation_response(citation.indicator_record(indicator, request.build_absolute_uri), fmt)


@require_safe
def cite_dataset(request, fmt):
    return citation_response(citation.dataset_record(request.build_absolute_uri), fmt)


def _indicator_rows(data):
    """The indicator table's rows and roll-up for the form's cleaned filters (6 queries)."""
    queryset = Indicator.objects.all()
    if data.get("strategy"):
        queryset = queryset.filter(project__task__goal__strategy__number=data["strategy"])
    if data.get("goal"):
        queryset = queryset.filter(project__task__goal__code=data["goal"])
    if data.get("department"):
        queryset = queryset.filter(project__responsibilities__department_id=data["department"])
    if data.get("sdg"):
        queryset = queryset.filter(project__task__goal__un_sdg=data["sdg"])
    rows = selectors.with_progress(selectors.indicators_with_actuals(queryset.distinct()))
    if data.get("status"):
        rows = [(i, p) for i, p in rows if p.status == data["status"]]
    return {"rows": rows, "rollup": rollup(p for _, p in rows)}


@require_safe
def indicator_list(request):
    # The filters' choices, and the table (form included) for each valid choice of filters, come
    # from cached fragments; a form with errors is rendered each time, never kept.
    def make_form():
        choices = process_cached("sdg-filter-choices", filter_choices)
        return IndicatorFilterForm(request.GET or None, **choices)

    if request.GET:
        form = make_form()
        data = form.cleaned_data if form.is_valid() else {}
        chosen = tuple(sorted((name, value) for name, value in data.items() if value))
        vary = None if form.errors else (True, chosen)
    else:  # the unfiltered list: not even the form is built when its fragment is kept
        form, data, vary = Lazy(make_form), {}, (False, ())
    return render(
        request,
        "sdg_plan/indicator_list.html",
        {
            "form": form,
            **lazy_context(lambda: _indicator_rows(data), "rows", "rollup"),
            "is_filtered": bool(request.GET),
            "fragment_vary": vary,
        },
    )


@require_safe
def department_list(request):
    return render(
        request,
        "sdg_plan/department_list.html",
        {"departments": selectors.departments_with_counts()},
    )


@require_safe
def department(request, pk):
    # Every department's page from one reading of the plan per content generation and process.
    department = process_cached("sdg-departments", selectors.every_department_detail).get(pk)
    if department is None:
        raise Http404
    return render(request, "sdg_plan/department.html", {"department": department})


@require_safe
def open_data(request):
    return render(
        request,
        "sdg_plan/open_data.html",
        {
            "csv_columns": exports.CSV_COLUMNS,
            "indicator_count": Indicator.objects.count(),
            "document_notes": selectors.document_notes(),
            "plan_licence": PLAN_LICENCE,
            "structured_data": indicators_dataset(request),
            "cite_formats": CITE_FORMATS,
            "citation_text": citation.dataset_citation_text(
                citation.dataset_record(request.build_absolute_uri)
            ),
        },
    )


def _licence_link():
    return f'<{licence_info(PLAN_LICENCE).terms_en}>; rel="license"'


def _records(request):
    rows = selectors.with_progress(selectors.indicators_with_actuals())
    return [
        exports.indicator_record(i, p, absolute_url=request.build_absolute_uri) for i, p in rows
    ]


@require_safe
def indicators_json(request):
    response = JsonResponse(
        exports.as_json(_records(request)), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = 'inline; filename="seoul-sdg-indicators.json"'
    response["Link"] = _licence_link()
    return response


@require_safe
def indicators_csv(request):
    response = HttpResponse(
        exports.as_csv(_records(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="seoul-sdg-indicators.csv"'
    response["Link"] = _licence_link()
    return response
