"""Seed loader for `manage.py load_seed_content` (and so `make run`): the SDG plan."""

from sdg_plan import parser
from sdg_plan.importer import import_plan


def load(overwrite=False):
    """Import the plan and its English names from sdg_plan/data/. Returns (created, updated)
    row counts (updated: rows reset by `overwrite` or given missing English names).

    Missing rows are created and existing ones kept as staff left them; ``overwrite=True``
    resets the existing rows to the document, discarding edits made in the admin."""
    result = import_plan(parser.parse_plan_file(), overwrite=overwrite)
    return result.total_created, result.total_updated + result.total_translated
