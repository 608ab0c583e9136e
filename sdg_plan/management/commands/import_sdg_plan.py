"""manage.py import_sdg_plan: the 2020–2024 SDG implementation plan into the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sdg_plan import parser
from sdg_plan.importer import import_plan


class Command(BaseCommand):
    help = (
        "Import 제2차 서울특별시 지속가능발전 이행계획 (2020–2024) from its text: strategies, "
        "goals, tasks, projects, indicators. Creates the rows that are missing and keeps existing "
        "rows as they are (plan fields edited in the admin survive; --overwrite resets them). "
        "Idempotent; prints the counts and every discrepancy found in the document. Actual "
        "values entered by staff are never touched."
    )

    def add_arguments(self, parser_):
        parser_.add_argument(
            "--source",
            default=str(parser.DEFAULT_SOURCE),
            help="The plan's flattened text (default: the copy in sdg_plan/data/).",
        )
        parser_.add_argument(
            "--corrections",
            default=str(parser.DEFAULT_CORRECTIONS),
            help="Reviewed readings of ambiguous tables (default: sdg_plan/data/corrections.json).",
        )
        parser_.add_argument(
            "--dry-run", action="store_true", help="Report what would change, then roll back."
        )
        parser_.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Also reset the plan rows that already exist (and their projects' departments) "
                "to the document. This DISCARDS edits made in the admin to those rows; actual "
                "values are still kept."
            ),
        )

    def handle(self, *args, source, corrections, dry_run=False, overwrite=False, **options):
        if not Path(source).is_file():
            raise CommandError(f"No such file: {source}")
        try:
            plan = parser.parse_plan_file(source, corrections)
        except parser.PlanParseError as exc:
            raise CommandError(f"The plan could not be read: {exc}") from exc
        result = import_plan(plan, dry_run=dry_run, overwrite=overwrite)
        counts = plan.counts()
        self.stdout.write(
            f"{counts['strategies']} strategies, {counts['goals']} goals, {counts['tasks']} tasks, "
            f"{counts['projects']} projects, {counts['indicators']} indicators"
        )
        self.stdout.write(f"{len(plan.discrepancies)} discrepancies found in the document:")
        for discrepancy in plan.discrepancies:
            self.stdout.write(f"  - {discrepancy}")
        changes = ", ".join(
            f"{label} {result.created.get(label, 0)} created / {result.updated.get(label, 0)} "
            "updated"
            for label in sorted(set(result.created) | set(result.updated))
        )
        self.stdout.write(
            f"{result.total_created} rows created, {result.total_updated} rows updated"
            + (f" ({changes})" if changes else "")
        )
        if result.total_translated:
            self.stdout.write(
                f"{result.total_translated} rows given their English names "
                "(sdg_plan/data/english.json)"
            )
        if result.total_kept:
            differing = ", ".join(
                f"{label} {count}" for label, count in sorted(result.differing.items())
            )
            self.stdout.write(
                f"{result.total_kept} existing rows kept as they are, "
                f"{result.total_differing} of them differ from the document"
                + (f" ({differing})" if differing else "")
                + "; --overwrite resets them and discards edits made in the admin"
            )
        if dry_run:
            self.stdout.write(self.style.WARNING("dry run: nothing was saved"))
        else:
            self.stdout.write(self.style.SUCCESS("SDG implementation plan imported"))
