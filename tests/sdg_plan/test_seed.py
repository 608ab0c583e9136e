"""The SDG plan's seed loader (and import_sdg_plan): a re-import keeps what staff edited in the
admin; only an explicit overwrite resets the plan's rows to the document."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from archive_portal import sections
from sdg_plan import seed
from sdg_plan.management.commands.import_sdg_plan import Command
from sdg_plan.models import Actual, Goal, Indicator, Project, Responsibility
from sdg_plan.seed import load
from tests.sdg_plan.conftest import add_actual

pytestmark = pytest.mark.django_db


def departments(number):
    project = Project.objects.get(number=number)
    return [r.department.name for r in project.responsibilities.order_by("order")]


def edit_the_plan():
    """What staff might correct in the admin: plan text, a project's contact, its departments,
    plus an actual value."""
    indicator = Indicator.objects.get(name="기초생활보장 수급자율")
    Indicator.objects.filter(pk=indicator.pk).update(name="기초생활보장 수급자 비율", unit="퍼센트")
    add_actual(indicator, 2020, "2.5")
    Goal.objects.filter(code="1-1").update(title="edited goal")
    Project.objects.filter(number=1).update(
        contacts=[{"role": "담당", "name": "김담당", "phone": "02-2133-0000"}]
    )
    Responsibility.objects.filter(project__number=44, department__name="주차계획과").delete()
    return indicator


def snapshot():
    return (
        list(Indicator.objects.values().order_by("number")),
        list(Goal.objects.values().order_by("code")),
        list(Project.objects.values().order_by("number")),
        list(Responsibility.objects.values().order_by("pk")),
    )


def test_the_loader_is_registered():
    assert ("SDG implementation plan", seed.load) in sections.seed_loaders()


def test_the_seed_loader_keeps_plan_rows_staff_edited():
    assert load() == (517, 0)
    indicator = edit_the_plan()
    before = snapshot()
    history = Indicator.history.count()

    assert load() == (0, 0)
    assert snapshot() == before
    assert Indicator.history.count() == history
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("기초생활보장 수급자 비율", "퍼센트")
    assert Project.objects.get(number=1).contacts[0]["name"] == "김담당"
    assert departments(44) == ["교통정책과", "교통운영과"]
    assert Actual.objects.get(indicator=indicator).value == Decimal("2.5")


def test_overwrite_resets_plan_rows_and_keeps_actuals():
    load()
    indicator = edit_the_plan()

    created, updated = load(overwrite=True)
    assert created == 1  # project 44's responsibility of 주차계획과
    assert updated == 3  # the indicator, the goal, project 1
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("기초생활보장 수급자율", "%")
    assert Goal.objects.get(code="1-1").title != "edited goal"
    assert Project.objects.get(number=1).contacts[0]["name"] != "김담당"
    assert departments(44) == ["교통정책과", "주차계획과", "교통운영과"]
    assert Actual.objects.get(indicator=indicator).value == Decimal("2.5")
    assert load(overwrite=True) == (0, 0)
    assert load() == (0, 0)


def test_a_deleted_indicator_is_created_again():
    load()
    Indicator.objects.filter(name="기초생활보장 수급자율").delete()

    assert load() == (1, 0)
    assert Indicator.objects.filter(name="기초생활보장 수급자율").count() == 1


def run(*args):
    out = StringIO()
    call_command("import_sdg_plan", *args, stdout=out)
    return out.getvalue()


def test_the_command_keeps_edits_reports_them_and_overwrites_only_when_asked():
    run()
    indicator = edit_the_plan()

    output = run()
    assert "0 rows created, 0 rows updated\n" in output
    assert "24 discrepancies found in the document:" in output
    assert "existing rows kept as they are, 3 of them differ from the document" in output
    assert "(goal 1, indicator 1, project 1)" in output
    indicator.refresh_from_db()
    assert indicator.name == "기초생활보장 수급자 비율"

    output = run("--overwrite")
    assert "24 discrepancies found in the document:" in output
    assert "1 rows created, 3 rows updated" in output
    indicator.refresh_from_db()
    assert indicator.name == "기초생활보장 수급자율"
    assert "existing rows kept" not in output


def test_the_overwrite_option_says_it_discards_admin_edits():
    help_text = Command().create_parser("manage.py", "import_sdg_plan").format_help()
    assert "DISCARDS edits made in the admin" in " ".join(help_text.split())
