"""Write a parsed plan (``sdg_plan.parser.Plan``) to the database, idempotently.

Rows are matched by the plan's own numbers (strategy number, goal code, task/project/indicator
number, department name); fields are updated only when they differ, so a second import of the
same document changes nothing. Actual values (entered by staff) are never touched.
"""

from dataclasses import dataclass, field

from django.db import transaction

from sdg_plan import parser
from sdg_plan.models import (
    Department,
    Goal,
    Indicator,
    Project,
    Responsibility,
    Strategy,
    Task,
)


@dataclass
class ImportResult:
    plan: parser.Plan
    created: dict = field(default_factory=dict)  # model label → count
    updated: dict = field(default_factory=dict)

    @property
    def total_created(self):
        return sum(self.created.values())

    @property
    def total_updated(self):
        return sum(self.updated.values())


def _sync(result, model, lookup, values):
    """get-or-create by lookup, then update the fields that differ. Returns the row."""
    label = model._meta.model_name
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        result.created[label] = result.created.get(label, 0) + 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        result.updated[label] = result.updated.get(label, 0) + 1
    return obj


def _section_dicts(sections):
    return [
        {
            "heading": s.heading,
            "intro": s.intro,
            "items": [{"text": i.text, "children": list(i.children)} for i in s.items],
        }
        for s in sections
    ]


def import_plan(plan, *, dry_run=False):
    """Create or update every row of the plan in one transaction. Returns an ImportResult."""
    result = ImportResult(plan=plan)
    with transaction.atomic():
        departments = {}
        for strategy in plan.strategies:
            strategy_row = _sync(
                result, Strategy, {"number": strategy.number}, {"title": strategy.title}
            )
            for goal in strategy.goals:
                planned = goal.planned_counts or (None, None, None)
                goal_row = _sync(
                    result,
                    Goal,
                    {"code": goal.code},
                    {
                        "strategy": strategy_row,
                        "number": goal.number,
                        "title": goal.title,
                        "is_priority": goal.priority,
                        "un_sdg": goal.un_sdg,
                        "planned_tasks": planned[0],
                        "planned_projects": planned[1],
                        "planned_indicators": planned[2],
                    },
                )
                for task in goal.tasks:
                    task_row = _sync(
                        result,
                        Task,
                        {"number": task.number},
                        {"goal": goal_row, "title": task.title},
                    )
                    for project in task.projects:
                        _import_project(result, task_row, project, departments)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _import_project(result, task_row, project, departments):
    project_row = _sync(
        result,
        Project,
        {"number": project.number},
        {
            "task": task_row,
            "name": project.name,
            "kind": Project.Kind.NEW if project.kind == parser.KIND_NEW else Project.Kind.EXISTING,
            "sections": _section_dicts(project.sections),
            "contacts": [
                {"role": c.role, "name": c.name, "phone": c.phone} for c in project.contacts
            ],
        },
    )
    for order, name in enumerate(project.departments, start=1):
        department = departments.get(name)
        if department is None:
            department = departments[name] = _sync(result, Department, {"name": name}, {})
        _sync(
            result,
            Responsibility,
            {"project": project_row, "department": department},
            {"order": order},
        )
    for indicator in project.indicators:
        _sync(
            result,
            Indicator,
            {"number": indicator.number},
            {
                "project": project_row,
                "position": indicator.position,
                "name": indicator.name,
                "unit": indicator.unit,
                "direction": indicator.direction,
                "note": indicator.note,
                "targets": {str(y): text for y, text in indicator.targets.items()},
                "target_values": {
                    str(y): (str(v) if v is not None else None) for y, v in indicator.values.items()
                },
                "source_text": indicator.source_text,
                "is_corrected": indicator.corrected,
            },
        )
