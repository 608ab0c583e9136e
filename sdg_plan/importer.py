"""Write a parsed plan (``sdg_plan.parser.Plan``) to the database, idempotently.

Rows are matched by the plan's own numbers (strategy number, goal code, task/project/indicator
number, department name). Rows that are missing are created; a row that already exists is kept
as it is, so that plan fields staff corrected in the admin survive a re-import, and so are the
departments (responsibilities) of a project that already exists. Only ``overwrite=True`` resets
the existing rows' fields that differ from the document (discarding those edits) and re-applies
the projects' departments. Either way a second import of the same document changes nothing, and
actual values (entered by staff) are never touched.
"""

from dataclasses import dataclass, field

from django.db import transaction

from archive_portal.lib.seed import upsert
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
from sdg_plan.narrative import narrative_sections, unrepaired_sections


@dataclass
class ImportResult:
    plan: parser.Plan
    created: dict = field(default_factory=dict)  # model label → count
    updated: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)  # existing rows left as they are (no overwrite)
    differing: dict = field(default_factory=dict)  # …of which differ from the document

    @property
    def total_created(self):
        return sum(self.created.values())

    @property
    def total_updated(self):
        return sum(self.updated.values())

    @property
    def total_kept(self):
        return sum(self.kept.values())

    @property
    def total_differing(self):
        return sum(self.differing.values())


def _count(counts, label):
    counts[label] = counts.get(label, 0) + 1


def _sync(result, model, lookup, values, overwrite):
    """`archive_portal.lib.seed.upsert`, counted in `result`. Returns (row, created)."""
    label = model._meta.model_name
    row = upsert(model, lookup, values, overwrite=overwrite)
    if row.created:
        _count(result.created, label)
    elif row.updated:
        _count(result.updated, label)
    elif not overwrite:
        _count(result.kept, label)
        if row.differs:
            _count(result.differing, label)
    return row.obj, row.created


def import_plan(plan, *, dry_run=False, overwrite=False):
    """Create the missing rows of the plan in one transaction; with `overwrite`, also reset the
    existing rows to the document (discarding edits made in the admin). Returns an
    ImportResult."""
    result = ImportResult(plan=plan)
    with transaction.atomic():
        departments = {}  # name → Department row, each looked up once
        for strategy in plan.strategies:
            strategy_row, _ = _sync(
                result, Strategy, {"number": strategy.number}, {"title": strategy.title}, overwrite
            )
            for goal in strategy.goals:
                goal_row = _import_goal(result, strategy_row, goal, overwrite)
                for task in goal.tasks:
                    task_row, _ = _sync(
                        result,
                        Task,
                        {"number": task.number},
                        {"goal": goal_row, "title": task.title},
                        overwrite,
                    )
                    for project in task.projects:
                        _import_project(result, task_row, project, departments, overwrite)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _import_goal(result, strategy_row, goal, overwrite):
    planned = goal.planned_counts or (None, None, None)
    goal_row, _ = _sync(
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
        overwrite,
    )
    return goal_row


def _import_project(result, task_row, project, departments, overwrite):
    sections = narrative_sections(project.number, project.sections)
    project_row, created = _sync(
        result,
        Project,
        {"number": project.number},
        {
            "task": task_row,
            "name": project.name,
            "kind": Project.Kind.NEW if project.kind == parser.KIND_NEW else Project.Kind.EXISTING,
            "sections": sections,
            "contacts": [
                {"role": c.role, "name": c.name, "phone": c.phone} for c in project.contacts
            ],
        },
        overwrite,
    )
    # Narratives imported before the lost characters and flattened tables were repaired
    # (sdg_plan/narrative.py) are brought up to date: still exactly the unrepaired text, so no
    # staff edit is lost. Narratives staff edited are left alone.
    unrepaired = unrepaired_sections(project.sections)
    if not created and not overwrite and project_row.sections == unrepaired != sections:
        Project.objects.filter(pk=project_row.pk).update(sections=sections)
        project_row.sections = sections
        for counts in (result.kept, result.differing):
            counts["project"] -= 1
        _count(result.updated, "project")
    # The departments of a project that already existed are staff's to edit (admin inline):
    # left alone unless overwriting.
    if created or overwrite:
        for order, name in enumerate(project.departments, start=1):
            department = departments.get(name)
            if department is None:
                department, _ = _sync(result, Department, {"name": name}, {}, overwrite)
                departments[name] = department
            _sync(
                result,
                Responsibility,
                {"project": project_row, "department": department},
                {"order": order},
                overwrite,
            )
    for indicator in project.indicators:
        _sync(
            result,
            Indicator,
            {"number": indicator.number},
            {"project": project_row, **_indicator_fields(indicator)},
            overwrite,
        )


def _indicator_fields(indicator):
    return {
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
    }
