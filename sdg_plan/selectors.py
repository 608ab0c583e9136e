"""Read-only queries of the sdg_plan app, used by its views, exports and the home page.

Every function issues a fixed number of queries whatever the number of rows: indicators always
come with their actual values prefetched, so computing their progress costs no extra query.
"""

import re
from collections import Counter
from functools import cache
from urllib.parse import urlencode

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archive_portal.fragments import process_cached
from archive_portal.lib.timezone import seoul_today
from archive_portal.sections import Attention
from sdg_plan import parser
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
from sdg_plan.status import rollup


def _responsibilities(lookup="responsibilities"):
    """A project's departments, lead first."""
    return Prefetch(
        lookup, queryset=Responsibility.objects.select_related("department").order_by("order")
    )


def _actuals():
    """An indicator's actual values in year order: computing its progress needs no query."""
    return Prefetch(
        "actuals", queryset=Actual.objects.select_related("department").order_by("year")
    )


def _indicators():
    """A project's indicators with their actual values."""
    return Prefetch("indicators", queryset=Indicator.objects.prefetch_related(_actuals()))


def _with_rollups(projects):
    """Give each project its [(indicator, progress)] and their roll-up; returns every project's
    progresses together (for the roll-up of the page)."""
    progresses = []
    for project in projects:
        project.indicator_progress = with_progress(project.indicators.all())
        project.rollup = rollup(p for _, p in project.indicator_progress)
        progresses.extend(p for _, p in project.indicator_progress)
    return progresses


def indicators_with_actuals(queryset=None):
    """Indicators with their project → task → goal → strategy, actuals and departments
    (3 queries)."""
    queryset = queryset if queryset is not None else Indicator.objects.all()
    return queryset.select_related("project__task__goal__strategy").prefetch_related(
        _actuals(), _responsibilities("project__responsibilities")
    )


def with_progress(indicators):
    """[(indicator, progress)] for an iterable of indicators with prefetched actuals."""
    return [(indicator, indicator.progress()) for indicator in indicators]


def overview():
    """Context of the /sdg/ overview: strategies with their goals, counts and roll-ups
    (4 queries)."""
    goals = Goal.objects.annotate(
        task_count=Count("tasks", distinct=True),
        project_count=Count("tasks__projects", distinct=True),
        indicator_count=Count("tasks__projects__indicators", distinct=True),
    )
    strategies = list(Strategy.objects.prefetch_related(Prefetch("goals", queryset=goals)))
    indicators = Indicator.objects.select_related("project__task").prefetch_related(_actuals())
    by_goal = {}
    all_progress = []
    for indicator in indicators:
        progress = indicator.progress()
        by_goal.setdefault(indicator.project.task.goal_id, []).append(progress)
        all_progress.append(progress)
    totals = {"tasks": 0, "projects": 0, "indicators": 0, "goals": 0}
    for strategy in strategies:
        strategy_progress = []
        for goal in strategy.goals.all():
            goal.rollup = rollup(by_goal.get(goal.pk, []))
            strategy_progress.extend(by_goal.get(goal.pk, []))
            totals["goals"] += 1
            totals["tasks"] += goal.task_count
            totals["projects"] += goal.project_count
            totals["indicators"] += goal.indicator_count
        strategy.rollup = rollup(strategy_progress)
        strategy.task_count = sum(g.task_count for g in strategy.goals.all())
    return {
        "strategies": strategies,
        "totals": totals,
        "plan_rollup": rollup(all_progress),
    }


def goal_detail(code):
    """The goal, its tasks → projects → indicators (6 queries), or None."""
    projects = Prefetch(
        "projects", queryset=Project.objects.prefetch_related(_responsibilities(), _indicators())
    )
    goal = (
        Goal.objects.select_related("strategy")
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.prefetch_related(projects)))
        .filter(code=code)
        .first()
    )
    if goal is None:
        return None
    goal.rollup = rollup(_with_rollups(p for t in goal.tasks.all() for p in t.projects.all()))
    return goal


def project_detail(number):
    """The project with its task, goal, strategy, departments and indicators (4 queries)."""
    project = (
        Project.objects.select_related("task__goal__strategy")
        .prefetch_related(_responsibilities(), _indicators())
        .filter(number=number)
        .first()
    )
    if project is None:
        return None
    _with_rollups([project])
    return project


def indicator_detail(number):
    """The indicator with its actuals, project, task, goal, strategy, departments (3 queries)."""
    return indicators_with_actuals(Indicator.objects.filter(number=number)).first()


def departments_with_counts():
    """Every responsible department with its number of projects (1 query)."""
    return Department.objects.annotate(
        project_count=Count("projects", distinct=True),
        indicator_count=Count("projects__indicators", distinct=True),
    ).order_by("name")


def every_department_detail():
    """{pk: department} of every department, each with its projects (`project_list`, in plan
    order), their indicators with progress, and its roll-up (5 queries, as many for one
    department as for all: the department pages read them once per content generation)."""
    departments = {department.pk: department for department in Department.objects.all()}
    for department in departments.values():
        department.project_list = []
    projects = list(
        Project.objects.select_related("task__goal")
        .prefetch_related(_indicators(), "responsibilities")
        .order_by("number")
    )
    _with_rollups(projects)
    for project in projects:
        for responsibility in project.responsibilities.all():
            departments[responsibility.department_id].project_list.append(project)
    for department in departments.values():
        department.rollup = rollup(
            p for project in department.project_list for _, p in project.indicator_progress
        )
    return departments


def goal_progress(goal_ids):
    """{goal id: status value} of the given goals: the middle assessed status of their
    indicators, else the most common reason why none is assessed. Other sections show it beside
    their items' goals (archive_portal.sections.goal_progress). Computed for every goal at once
    (2 queries) and kept in the process under the content generation: no query while the plan
    and its values do not change."""
    every = process_cached("sdg-goal-progress", _every_goal_progress)
    return {goal_id: every[goal_id] for goal_id in goal_ids if goal_id in every}


def _every_goal_progress():
    indicators = Indicator.objects.select_related("project__task").prefetch_related(_actuals())
    by_goal = {}
    for indicator in indicators:
        by_goal.setdefault(indicator.project.task.goal_id, []).append(indicator.progress())
    result = {}
    for goal_id, progresses in by_goal.items():
        goal_rollup = rollup(progresses)
        # Not assessed: the most common reason (not yet reported, no numeric target…).
        most_common = max(goal_rollup.counts, key=goal_rollup.counts.get)
        result[goal_id] = (goal_rollup.summary or most_common).value
    return result


def home_block():
    """Context for templates/sdg_plan/_home_block.html on the home page (3 queries)."""
    indicators = Indicator.objects.only("id", "direction", "targets", "target_values")
    indicators = indicators.prefetch_related(_actuals())
    progresses = [i.progress() for i in indicators]
    return {
        "strategies": list(Strategy.objects.all()),
        "indicator_count": len(progresses),
        "rollup": rollup(progresses),
    }


# The open data page's notes on the source document, grouped for readers: the parser's kinds
# (`[correction]`, `[repeat]` … as `import_sdg_plan` prints them for developers) become headings.
NOTE_GROUPS = [
    (
        "count",
        _("Counts in the plan that disagree"),
        _("Where the plan's own totals or table of contents differ from its body."),
    ),
    (
        "repeat",
        _("Projects the plan lists twice"),
        _("Projects the plan repeats under a second task; they are kept, as in its totals."),
    ),
    (
        "correction",
        _("How ambiguous tables were read"),
        _(
            "Where the converted text of an indicator table did not say which value belongs "
            "to which year, the reading chosen and why, quoting the plan."
        ),
    ),
    ("typo", _("Other notes on the text"), ""),
    ("title", _("Other notes on the text"), ""),
]
_PROJECT_WHERE = re.compile(r"^세부사업(\d+)$")
_LOST_CHARACTERS = re.compile(r"(\d+) characters lost")


def _lost_characters_note(message):
    match = _LOST_CHARACTERS.search(message)
    count = int(match.group(1)) if match else 0
    return _(
        "When the plan was converted to text, some characters were lost and show as a "
        "question mark. Between two letters it is shown as a middle dot (·), which it was in "
        "the original (%(count)s places). In the projects' texts, a question mark before a "
        "two-digit year is shown as the year's apostrophe (’19년), one around a title as title "
        "brackets (「…」), one before each item of a run of items as a list dot (·) and one "
        "between two statements or values as an arrow (→); a question that asks is kept. "
        "Tables the conversion flattened into running text are shown as tables again (projects "
        "8, 9, 29, 33, 44 and 62)."
    ) % {"count": count}


@cache
def _discrepancies():
    """Parsed once per process from sdg_plan/data/; no query."""
    return tuple(parser.parse_plan_file().discrepancies)


def document_notes():
    """The discrepancies the parser finds in the plan's text, for the open data page: the lost
    characters as one sentence, then the other notes under a heading per kind, each with the
    project it concerns (number, for a link) where it concerns one."""
    discrepancies = _discrepancies()
    artefacts = [d for d in discrepancies if d.kind == "artefact"]
    groups, seen = [], {}
    for kind, heading, intro in NOTE_GROUPS:
        notes = [
            {
                "where": d.where,
                "project": int(m.group(1)) if (m := _PROJECT_WHERE.match(d.where)) else None,
                "message": d.message,
            }
            for d in discrepancies
            if d.kind == kind
        ]
        if not notes:
            continue
        if heading in seen:
            seen[heading]["notes"] += notes
            continue
        seen[heading] = {"heading": heading, "intro": intro, "notes": notes}
        groups.append(seen[heading])
    return {
        "lost_characters": [_lost_characters_note(d.message) for d in artefacts],
        "groups": groups,
    }


def reporting_year():
    """The year whose values are being gathered: a year's values are published the next year."""
    return min(max(seoul_today().year - 1, REPORTING_YEARS[0]), REPORTING_YEARS[-1])


def reporting_departments(user):
    """The ids of the departments `user` reports for (the staff of a Department); None means
    every department (superusers and the evaluation team). Cached on the user object."""
    if user.is_superuser or user.has_perm("sdg_plan.change_every_actual"):
        return None
    if not hasattr(user, "_sdg_departments"):
        user._sdg_departments = set(user.sdg_departments.values_list("pk", flat=True))
    return user._sdg_departments


def admin_attention(user):
    """The admin home's lines for the SDG plan: per department, its indicators still missing the
    reporting year's actual value (department staff: their own departments), after the total.
    Three queries."""
    if not user.has_perm("sdg_plan.view_indicator"):
        return []
    year = reporting_year()
    departments = reporting_departments(user)
    reported = set(Actual.objects.filter(year=year).values_list("indicator_id", flat=True))
    links = Responsibility.objects.filter(project__indicators__isnull=False)
    if departments is not None:
        links = links.filter(department__in=departments)
    missing = Counter()
    names = {}
    for department_id, name, indicator_id in links.values_list(
        "department_id", "department__name", "project__indicators"
    ).distinct():
        if indicator_id not in reported:
            missing[department_id] += 1
            names[department_id] = name
    url = reverse("admin:sdg_plan_indicator_changelist")
    group = _("SDG plan: indicators without a %(year)s value") % {"year": year}
    missing_anywhere = Indicator.objects.exclude(
        pk__in=Actual.objects.filter(year=year).values("indicator_id")
    )
    if departments is not None:
        missing_anywhere = missing_anywhere.filter(
            project__responsibilities__department__in=departments
        )
    total = Attention(
        group, _("All indicators"), missing_anywhere.distinct().count(), f"{url}?reported=no"
    )
    return [total] + [
        Attention(
            group,
            names[department_id],
            missing[department_id],
            f"{url}?{urlencode({'reported': 'no', 'department': department_id})}",
        )
        for department_id in sorted(names, key=names.get)
    ]
