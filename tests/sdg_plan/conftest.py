import datetime
from decimal import Decimal

import pytest

from sdg_plan import parser
from sdg_plan.importer import import_plan
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
from tests.shared_rows import shared_rows


@pytest.fixture(scope="module")
def imported_plan(request, django_db_setup, django_db_blocker):
    """The whole plan, imported from sdg_plan/data/ once for the tests of a module that ask for
    it (about a second; see tests/conftest.py::shared_rows)."""
    yield from shared_rows(
        request, django_db_blocker, lambda: import_plan(parser.parse_plan_file())
    )


def add_actual(indicator, year, value, source="서울시 통계"):
    return Actual.objects.create(
        indicator=indicator,
        year=year,
        value=Decimal(value),
        source=source,
        reported_on=datetime.date(year + 1, 3, 31),
    )


def build_plan(indicators):
    """A small synthetic plan: `indicators` indicators spread over as many goals, projects and
    departments (부서1과, 부서2과…), each with two actual values. For query-count guards at 1 and
    3 rows, and for the admin's department pages. Returns the indicators."""
    strategy = Strategy.objects.create(number=1, title="함께 누리는 행복한 도시")
    rows = []
    for n in range(1, indicators + 1):
        goal = Goal.objects.create(
            strategy=strategy, code=f"1-{n}", number=n, title=f"과제 {n}", un_sdg=n
        )
        task = Task.objects.create(goal=goal, number=n, title=f"이행과제 {n}")
        project = Project.objects.create(
            task=task,
            number=n,
            name=f"세부사업 {n}",
            sections=[
                {"heading": "추진경과", "intro": "", "items": [{"text": "○", "children": []}]}
            ],
            contacts=[{"role": "담당", "name": "홍길동", "phone": "0000"}],
        )
        department = Department.objects.create(name=f"부서{n}과")
        Responsibility.objects.create(project=project, department=department, order=1)
        indicator = Indicator.objects.create(
            project=project,
            number=n,
            name=f"지표 {n}",
            unit="%",
            targets={
                "2020": "10%",
                "2021": "11%",
                "2022": "12%",
                "2023": "13%",
                "2024": "14%",
                "2030": "20%",
            },
            target_values={
                "2020": "10",
                "2021": "11",
                "2022": "12",
                "2023": "13",
                "2024": "14",
                "2030": "20",
            },
        )
        add_actual(indicator, 2020, "10")
        add_actual(indicator, 2021, "11")
        rows.append(indicator)
    return rows


@pytest.fixture
def make_plan(db):
    return build_plan
