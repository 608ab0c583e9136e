"""manage.py import_sdg_plan: the whole plan into the database, idempotently."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sdg_plan.models import Actual, Department, Goal, Indicator, Project, Strategy, Task
from tests.sdg_plan.conftest import add_actual
from tests.sdg_plan.test_parser import OVERVIEW_TABLE

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_sdg_plan", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_the_five_totals_and_prints_them():
    output = run()
    assert "4 strategies, 17 goals, 97 tasks, 106 projects, 109 indicators" in output
    assert (
        Strategy.objects.count(),
        Goal.objects.count(),
        Task.objects.count(),
        Project.objects.count(),
        Indicator.objects.count(),
    ) == (4, 17, 97, 106, 109)
    assert "SDG implementation plan imported" in output


def test_the_command_prints_every_discrepancy():
    output = run()
    assert "24 discrepancies found in the document:" in output
    assert (
        "  - [count] 전략4: table of contents (목차) says 22 tasks (이행과제), the body has 23\n"
        in output
    )
    assert "  - [correction] 세부사업31: Four cells for six columns." in output
    assert "  - [repeat] 세부사업99: repeats 세부사업22 under 이행과제90, but differs" in output


def test_a_second_run_changes_nothing():
    run()
    snapshot = list(Indicator.objects.values().order_by("number"))
    history = Indicator.history.count()
    output = run()
    assert "0 rows created, 0 rows updated\n" in output
    assert list(Indicator.objects.values().order_by("number")) == snapshot
    assert Indicator.history.count() == history


def test_a_dry_run_saves_nothing():
    output = run("--dry-run")
    assert "517 rows created, 0 rows updated" in output
    assert "dry run: nothing was saved" in output
    assert Indicator.objects.count() == 0


def test_a_missing_source_is_an_error():
    with pytest.raises(CommandError, match="No such file"):
        run("--source", "/nonexistent/plan.txt")


def test_re_importing_with_overwrite_keeps_staff_actuals_and_restores_edited_plan_text():
    # Without --overwrite the edited text is kept: see tests/sdg_plan/test_seed.py.
    run()
    indicator = Indicator.objects.get(name="기초생활보장 수급자율")
    add_actual(indicator, 2020, "2.5")
    Indicator.objects.filter(pk=indicator.pk).update(name="edited")
    output = run("--overwrite")
    assert "1 rows updated (indicator 0 created / 1 updated)" in output
    indicator.refresh_from_db()
    assert indicator.name == "기초생활보장 수급자율"
    assert Actual.objects.get(indicator=indicator).value == Decimal("2.5")


def test_the_seed_loader_imports_the_plan_once():
    from sdg_plan.seed import load

    assert load() == (517, 0)
    assert load() == (0, 0)


# --- The imported plan (one copy for the tests below, tests/sdg_plan/conftest.py) ----------


def test_tasks_per_goal_as_the_overview_table_states(imported_plan):
    for goal in Goal.objects.all():
        projects = Project.objects.filter(task__goal=goal)
        found = (
            goal.tasks.count(),
            projects.count(),
            Indicator.objects.filter(project__in=projects).count(),
        )
        assert found == OVERVIEW_TABLE[goal.code], goal.code
        assert (goal.planned_tasks, goal.planned_projects, goal.planned_indicators) == found


def test_sample_indicator_values_in_the_database(imported_plan):
    indicator = Indicator.objects.get(name="기초생활보장 수급자율")
    assert indicator.target_text(2020) == "2.6%"
    assert indicator.target_value(2020) == Decimal("2.6")
    assert indicator.target_text(2030) == "2.75%"
    assert indicator.target_value(2030) == Decimal("2.75")
    solar = Indicator.objects.get(name="태양광 보급용량(누계)")
    assert solar.target_text(2022) == "1,000MW"
    assert solar.target_value(2022) == Decimal("1000")
    assert solar.unit == "MW"
    traffic = Indicator.objects.get(name="연간 교통사고 사망자 수")
    assert traffic.targets == {
        "2020": "212명",
        "2021": "180명",
        "2022": "↘",
        "2023": "↘",
        "2024": "↘",
        "2030": "↘",
    }
    assert traffic.direction == Indicator.Direction.LOWER
    assert traffic.target_value(2022) is None


def test_departments_of_a_few_projects(imported_plan):
    def departments(number):
        project = Project.objects.get(number=number)
        return [r.department.name for r in project.responsibilities.order_by("order")]

    assert departments(1) == ["복지정책과"]
    assert departments(44) == ["교통정책과", "주차계획과", "교통운영과"]
    assert departments(76) == ["서울연구원 도시외교연구센터", "안전환경연구실"]
    assert Department.objects.get(name="평가담당관").projects.count() == 9


def test_priority_goals_and_un_sdgs(imported_plan):
    assert list(Goal.objects.filter(is_priority=True).values_list("code", flat=True)) == [
        "1-3",
        "2-2",
        "2-4",
        "3-3",
        "4-1",
    ]
    assert sorted(Goal.objects.values_list("un_sdg", flat=True)) == list(range(1, 18))
    assert Goal.objects.get(code="3-1").un_sdg == 6


def test_project_sections_and_type(imported_plan):
    project = Project.objects.get(number=1)
    assert [s["heading"] for s in project.sections] == [
        "추진경과",
        "추진내용(요약)",
        "향후 추진계획",
    ]
    assert list(Project.objects.filter(kind=Project.Kind.NEW).values_list("number", flat=True)) == [
        16,
        58,
        63,
        66,
        85,
    ]
