"""Staff editing of the SDG plan. Plan rows come from `import_sdg_plan` and stay editable; actual
values are entered inline on the indicator, and every change to them is kept (simple_history)."""

from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sdg_plan.models import (
    Actual,
    Department,
    Goal,
    Indicator,
    Project,
    Responsibility,
    Strategy,
    Task,
)


class GoalInline(admin.TabularInline):
    model = Goal
    fields = ["code", "title", "is_priority", "un_sdg"]
    extra = 0
    show_change_link = True


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    inlines = [GoalInline]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "strategy", "is_priority", "un_sdg"]
    list_filter = ["strategy", "is_priority", "un_sdg"]
    search_fields = ["code", "title"]
    list_select_related = ["strategy"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "goal"]
    list_filter = ["goal__strategy", "goal"]
    search_fields = ["title"]
    list_select_related = ["goal"]
    autocomplete_fields = ["goal"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["department"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["number", "name", "unit", "direction"]
    extra = 0
    show_change_link = True


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "kind", "task"]
    list_filter = ["kind", "task__goal__strategy", "task__goal"]
    search_fields = ["name"]
    list_select_related = ["task"]
    autocomplete_fields = ["task"]
    inlines = [ResponsibilityInline, IndicatorInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class ActualInline(admin.TabularInline):
    model = Actual
    fields = ["year", "value", "source", "source_url", "reported_on", "note"]
    extra = 1
    ordering = ["year"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "unit", "direction", "project", "computed_status"]
    list_filter = ["direction", "is_corrected", "project__task__goal__strategy"]
    search_fields = ["name", "project__name"]
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


@admin.register(Actual)
class ActualAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "source", "reported_on", "updated_at"]
    list_filter = ["year"]
    search_fields = ["indicator__name", "source"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
