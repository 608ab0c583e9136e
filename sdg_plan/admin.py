"""Staff editing of the SDG plan (names in Korean and English: django-modeltranslation). Plan
rows come from `import_sdg_plan` and stay editable; actual
values are entered inline on the indicator (or one by one), or imported a year at a time from a
file by the evaluation team; every change is kept (simple_history).

Department staff (users named on a Department, without "change_every_actual") see and edit only
the indicators of their departments' projects, and report values for their departments only.
"""

import csv
import io

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from archive_portal.lib.admin_a11y import LabelledTabularInline
from archive_portal.lib.history_admin import HistoryAdmin
from sdg_plan import actuals_import
from sdg_plan.models import (
    REPORTING_YEARS,
    Actual,
    Department,
    Goal,
    Indicator,
    Project,
    Responsibility,
    Strategy,
    Task,
)
from sdg_plan.selectors import reporting_departments, reporting_year


def own_projects(departments):
    return Project.objects.filter(responsibilities__department__in=departments).values("pk")


class DepartmentScopedAdmin(HistoryAdmin):
    """Department staff see only their departments' rows: `project_path` leads to the project."""

    project_path = "project"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        departments = reporting_departments(request.user)
        if departments is None:
            return queryset
        return queryset.filter(**{f"{self.project_path}__in": own_projects(departments)})


class GoalInline(LabelledTabularInline, TranslationTabularInline):
    model = Goal
    fields = ["code", "title", "is_priority", "un_sdg"]
    extra = 0
    show_change_link = True


@admin.register(Strategy)
class StrategyAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["number", "title"]
    inlines = [GoalInline]


@admin.register(Goal)
class GoalAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["code", "title", "strategy", "is_priority", "un_sdg"]
    list_filter = ["strategy", "is_priority", "un_sdg"]
    search_fields = ["code", "title_ko", "title_en"]
    list_select_related = ["strategy"]


@admin.register(Task)
class TaskAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["number", "title", "goal"]
    list_filter = ["goal__strategy", "goal"]
    search_fields = ["title_ko", "title_en"]
    list_select_related = ["goal"]
    autocomplete_fields = ["goal"]


class ResponsibilityInline(LabelledTabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["department"]


class IndicatorInline(LabelledTabularInline, TranslationTabularInline):
    model = Indicator
    fields = ["number", "name", "unit", "direction"]
    extra = 0
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(TranslationAdmin, HistoryAdmin):
    list_display = ["number", "name", "kind", "task"]
    list_filter = ["kind", "task__goal__strategy", "task__goal"]
    search_fields = ["name_ko", "name_en"]
    list_select_related = ["task"]
    autocomplete_fields = ["task"]
    inlines = [ResponsibilityInline, IndicatorInline]


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["name_ko", "name_en", "staff_list"]
    search_fields = ["name_ko", "name_en"]
    filter_horizontal = ["staff"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("staff")

    @admin.display(description=_("staff who report its values"))
    def staff_list(self, department):
        return ", ".join(user.get_username() for user in department.staff.all()) or "–"


class ActualForm(forms.ModelForm):
    """The reporting department is required for every new or changed value."""

    source_url = forms.URLField(
        label=_("source link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Actual
        fields = ["indicator", "year", "value", "source", "source_url", "reported_on", "note",
                  "department"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "department" in self.fields:
            self.fields["department"].required = False  # see clean()

    def clean(self):
        cleaned = super().clean()
        # Values recorded before departments reported their own may stay as they are; a new or
        # changed value names its department.
        if "department" in self.fields and not cleaned.get("department") and self.has_changed():
            self.add_error("department", forms.Field.default_error_messages["required"])
        return cleaned


def limit_departments(formfield, request):
    departments = reporting_departments(request.user)
    if formfield is not None and departments is not None:
        formfield.queryset = formfield.queryset.filter(pk__in=departments)
    return formfield


class ActualInline(LabelledTabularInline):
    model = Actual
    form = ActualForm
    fields = ["year", "value", "source", "source_url", "reported_on", "note", "department"]
    extra = 1
    ordering = ["year"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return limit_departments(formfield, request) if db_field.name == "department" else formfield


class ReportedFilter(admin.SimpleListFilter):
    """Whether the indicator has its value for the year being gathered (the admin home links
    here for each department's missing values)."""

    parameter_name = "reported"

    def __init__(self, *args, **kwargs):
        self.year = reporting_year()
        self.title = _("value for %(year)s") % {"year": self.year}
        super().__init__(*args, **kwargs)

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Missing"))]

    def queryset(self, request, queryset):
        reported = Actual.objects.filter(year=self.year).values("indicator_id")
        if self.value() == "yes":
            return queryset.filter(pk__in=reported)
        if self.value() == "no":
            return queryset.exclude(pk__in=reported)
        return queryset


class DepartmentFilter(admin.SimpleListFilter):
    """The responsible department: only departments with indicators (and, for department staff,
    only their own)."""

    title = _("responsible department")
    parameter_name = "department"

    def lookups(self, request, model_admin):
        departments = Department.objects.filter(projects__indicators__isnull=False).distinct()
        own = reporting_departments(request.user)
        if own is not None:
            departments = departments.filter(pk__in=own)
        return [(str(d.pk), d.name) for d in departments.order_by("name")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(project__in=own_projects([int(self.value())]))
        return queryset


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin, DepartmentScopedAdmin):
    list_display = ["number", "name", "unit", "direction", "project", "computed_status"]
    list_filter = [ReportedFilter, DepartmentFilter, "direction", "project__task__goal__strategy"]
    search_fields = ["name_ko", "name_en", "project__name_ko", "project__name_en"]
    autocomplete_fields = ["project"]
    inlines = [ActualInline]
    readonly_fields = ["computed_status", "actual_changes", "source_text", "is_corrected"]
    fieldsets = [
        (None, {"fields": ["project", "number", "position", "name", "unit", "direction", "note"]}),
        (_("Targets"), {"fields": ["targets", "target_values", "source_text", "is_corrected"]}),
        (_("Progress"), {"fields": ["computed_status", "actual_changes"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("project")
            .prefetch_related(Prefetch("actuals", queryset=Actual.objects.order_by("year")))
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if reporting_departments(request.user) is not None:
            # department staff report values; the plan itself stays as the plan says
            # (the translated fields by their language columns: django-modeltranslation's form)
            return [*readonly, "project", "number", "position", "name_ko", "name_en", "unit_ko",
                    "unit_en", "direction", "note_ko", "note_en", "targets",
                    "target_values"]  # fmt: skip
        return readonly

    @admin.display(description=_("computed status"))
    def computed_status(self, obj):
        if obj.pk is None:
            return "–"
        return obj.progress().status.label

    @admin.display(description=_("changes to actual values"))
    def actual_changes(self, obj):
        if obj.pk is None:
            return "–"
        changes = Actual.history.filter(indicator_id=obj.pk).select_related("history_user")[:30]
        kinds = {"+": _("added"), "~": _("changed"), "-": _("deleted")}
        return (
            format_html_join(
                "\n",
                "<div>{} · {} · {} {}: {} ({})</div>",
                (
                    (
                        c.history_date.strftime("%Y-%m-%d %H:%M"),
                        c.history_user or "–",
                        kinds.get(c.history_type, c.history_type),
                        c.year,
                        c.value,
                        c.source,
                    )
                    for c in changes
                ),
            )
            or "–"
        )


class ImportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year of the values"), coerce=int)
    file = forms.FileField(
        label=_("file"),
        help_text=_("CSV (UTF-8 or Korean Excel) or Excel (.xlsx), with the template's columns."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in REPORTING_YEARS]
        self.fields["year"].initial = reporting_year()


SIGNING_SALT = "sdg_plan.actuals_import"


@admin.register(Actual)
class ActualAdmin(DepartmentScopedAdmin):
    form = ActualForm
    project_path = "indicator__project"
    list_display = ["indicator", "year", "value", "department", "source", "reported_on",
                    "updated_at"]  # fmt: skip
    list_filter = ["year", ("department", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["indicator__name", "source"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator", "department"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/sdg_plan/actual/change_list.html"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "department":
            return limit_departments(formfield, request)
        departments = reporting_departments(request.user)
        if db_field.name == "indicator" and departments is not None:
            # only their own indicators, whatever the autocomplete is sent
            formfield.queryset = formfield.queryset.filter(project__in=own_projects(departments))
        return formfield

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="sdg_plan_actual_import"),
            path(
                "import/template.<str:kind>",
                view(self.template_view),
                name="sdg_plan_actual_import_template",
            ),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request):
        if not request.user.has_perm("sdg_plan.import_actual"):
            raise PermissionDenied

    def template_view(self, request, kind):
        """The template for a year: every indicator the user reports, with its unit."""
        self._check_import_permission(request)
        try:
            year = int(request.GET.get("year", reporting_year()))
        except ValueError:
            year = reporting_year()
        if year not in REPORTING_YEARS:
            year = reporting_year()
        indicators = IndicatorAdmin(Indicator, self.admin_site).get_queryset(request)
        indicators = indicators.prefetch_related("project__responsibilities__department",
                                                 "actuals__department")  # fmt: skip
        rows = actuals_import.template_rows(year=year, indicators=indicators)
        filename = f"sdg-actual-values-{year}"
        if kind == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook()
            sheet = workbook.active
            sheet.title = str(year)
            for row in rows:
                sheet.append(row)
            out = io.BytesIO()
            workbook.save(out)
            response = HttpResponse(
                out.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
        csv.writer(response).writerows(rows)
        return response

    def import_view(self, request):
        """Upload → dry run reporting every bad row → save (the checked rows, signed)."""
        self._check_import_permission(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a year's actual values"),
            "years": list(REPORTING_YEARS),
        }
        allowed = reporting_departments(request.user)
        if request.method == "POST" and "confirm" in request.POST:
            try:
                payload = signing.loads(request.POST["confirm"], salt=SIGNING_SALT, max_age=3600)
            except signing.BadSignature:
                messages.error(request, _("The checked file has expired: upload it again."))
                return redirect("admin:sdg_plan_actual_import")
            rows = [actuals_import.Row(line=line, cells=cells) for line, cells in payload["rows"]]
            good, bad = actuals_import.check_rows(
                rows, year=payload["year"], allowed_departments=allowed
            )
            if bad:  # the plan or the departments changed since the dry run
                context.update(form=ImportForm(), year=payload["year"], good=good, bad=bad)
                return TemplateResponse(request, "admin/sdg_plan/actual/import.html", context)
            saved = actuals_import.actuals_import(rows=good, year=payload["year"])
            messages.success(
                request,
                _("%(count)s actual values for %(year)s saved; the statuses are updated.")
                % {"count": saved, "year": payload["year"]},
            )
            return redirect(
                reverse("admin:sdg_plan_actual_changelist") + f"?year={payload['year']}"
            )
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            year = form.cleaned_data["year"]
            try:
                rows = actuals_import.read_rows(form.cleaned_data["file"].read())
            except actuals_import.UnreadableFile as exc:
                form.add_error("file", str(exc))
            else:
                good, bad = actuals_import.check_rows(rows, year=year, allowed_departments=allowed)
                context.update(year=year, good=good, bad=bad, checked=True)
                if good and not bad:
                    context["confirm"] = signing.dumps(
                        {"year": year, "rows": [(row.line, row.cells) for row in good]},
                        salt=SIGNING_SALT,
                    )
        context["form"] = form
        return TemplateResponse(request, "admin/sdg_plan/actual/import.html", context)
