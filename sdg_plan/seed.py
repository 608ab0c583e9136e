"""Seed loader for `manage.py load_seed_content` (and so `make run`): the SDG plan."""

from sdg_plan import parser
from sdg_plan.importer import import_plan


def load():
    """Import the plan from sdg_plan/data/. Returns (created, updated) row counts."""
    result = import_plan(parser.parse_plan_file())
    return result.total_created, result.total_updated
