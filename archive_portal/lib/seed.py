"""The one way a seed loader writes a row: `upsert`.

Every loader (`<app>/seed.py::load(overwrite=False)`) runs at each `make run` and release. The rule
it keeps (docs/DEVELOPING.md, "Seed content"): a row that is missing is created; a row that
already exists is left exactly as staff left it in the admin, unless ``overwrite`` is given, which
resets the seeded fields that differ from the data files. Children (schedule rows, sectors,
departments…) follow their parent: a loader touches them only when `upsert` created the parent
or ``overwrite`` is given.
"""

import json
from pathlib import Path
from typing import NamedTuple

from django.db import models, transaction


class Upserted(NamedTuple):
    obj: models.Model
    created: bool  # the row was missing and has been created
    updated: bool  # the row existed and its differing seeded fields were reset (overwrite)
    differs: bool  # the row existed and a seeded field differs from the data files


def _auto_now_fields(model):
    return [
        field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)
    ]


def upsert(model, lookup, values, *, overwrite=False, full_clean=False):
    """Create the row of `model` found by `lookup` (a dict of field values that identify it, such
    as the slug) with `values` when it is missing; reset its differing `values` when it exists
    and `overwrite` is true; otherwise leave it alone. Returns an `Upserted`.

    An update writes only the seeded fields that differ (and the model's ``auto_now`` time
    stamps, which record that the row changed): other columns, such as view and download
    counts, are never written. With `full_clean`, the row is validated (`Model.full_clean()`)
    before it is written, so that the model's own rules (a reserved slug…) hold for the seed too.

    The read and the write run in one transaction: the caller's, when the loader runs inside one
    (as all loaders do, so that a load is all or nothing), or a transaction of their own. No
    savepoint (two more queries per row): an error fails the caller's whole transaction."""
    manager = model._default_manager
    with transaction.atomic(savepoint=False):
        obj = manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            if full_clean:
                obj.full_clean()
            obj.save(force_insert=True, using=manager.db)
            return Upserted(obj, True, False, False)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed or not overwrite:
            return Upserted(obj, False, False, bool(changed))
        for name in changed:
            setattr(obj, name, values[name])
        if full_clean:
            obj.full_clean()
        obj.save(update_fields=[*changed, *_auto_now_fields(model)])
        return Upserted(obj, False, True, True)


@transaction.atomic
def link_goals(model, path, *, key="slug", overwrite=False):
    """Tag seeded items of `model` with SDG plan goals and projects from the data file `path`
    (``{"items": {<key>: {"goals": ["1-1", …], "projects": [93, …]}}}``).

    `model` has many-to-many fields `goals` and `projects`; their target models are read from
    the fields (lazy "sdg_plan.Goal" references), so the calling app imports nothing of sdg_plan.
    The rule of every loader holds: an item that already has goals keeps them as staff left them;
    only ``overwrite`` resets them to the file. Runs after every section's content is loaded
    (`Section.seed_links`), when the plan's goals exist. Returns (created, updated): the number of
    items tagged for the first time and of items whose links were reset."""
    items = json.loads(Path(path).read_text(encoding="utf-8"))["items"]
    goal_model = model._meta.get_field("goals").related_model
    project_model = model._meta.get_field("projects").related_model
    goals = {goal.code: goal for goal in goal_model.objects.all()}
    if not goals:
        return 0, 0  # the plan is not imported: nothing to link to yet
    numbers = {n for links in items.values() for n in links.get("projects", [])}
    projects = {p.number: p for p in project_model.objects.filter(number__in=numbers)}
    rows = model._base_manager.filter(**{f"{key}__in": list(items)}).prefetch_related(
        "goals", "projects"
    )
    created = updated = 0
    for row in rows:
        links = items[getattr(row, key)]
        unknown = set(links["goals"]) - set(goals)
        if unknown:
            raise ValueError(f"{getattr(row, key)}: unknown SDG goals {sorted(unknown)}")
        wanted_goals = {goals[code] for code in links["goals"]}
        wanted_projects = {projects[n] for n in links.get("projects", []) if n in projects}
        current_goals = set(row.goals.all())
        if current_goals and not overwrite:
            continue
        if current_goals == wanted_goals and set(row.projects.all()) == wanted_projects:
            continue
        row.goals.set(wanted_goals)
        row.projects.set(wanted_projects)
        created += not current_goals
        updated += bool(current_goals)
    return created, updated
