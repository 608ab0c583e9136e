"""The projects' narratives: characters the converter lost are restored by reviewed rules, and
tables it flattened are rebuilt from data/narrative_tables.json with nothing invented."""

import json
import re

import pytest

from sdg_plan import parser
from sdg_plan.importer import import_plan
from sdg_plan.models import Project
from sdg_plan.narrative import (
    check_table,
    narrative_sections,
    restore_lost_characters,
    tables_by_project,
    unrepaired_sections,
)


@pytest.fixture(scope="module")
def plan():
    return parser.parse_plan_file()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("년도 ?06년 ?07년 ?09∼?14년", "년도 ’06년 ’07년 ’09∼’14년"),
        (
            "?서울관광중기발전계획(2019~2023)? 5대 전략",
            "「서울관광중기발전계획(2019~2023)」 5대 전략",
        ),
        ("?건물 ?수송 ?도시숲 5대 분야", "·건물 ·수송 ·도시숲 5대 분야"),
        ("기준중위소득 43% ? 45%) 시행", "기준중위소득 43% → 45%) 시행"),
        ("< 전환도시 서울이란? > 주변", "< 전환도시 서울이란? > 주변"),  # a real question
    ],
)
def test_lost_characters_are_read_by_their_rule(text, expected):
    assert restore_lost_characters(text) == expected


def test_no_lost_character_is_left_in_any_narrative_but_real_questions(plan):
    left = []
    for project in plan.projects:
        text = json.dumps(narrative_sections(project.number, project.sections), ensure_ascii=False)
        left += [
            (project.number, text[m.start() - 6 : m.start() + 1]) for m in re.finditer(r"\?", text)
        ]
    assert left == [(23, "시 서울이란?"), (65, "시 서울이란?")]


def test_the_flattened_tables_are_rebuilt(plan):
    assert sorted(tables_by_project()) == [8, 9, 29, 33, 44, 62]
    projects = {p.number: p for p in plan.projects}
    sections = narrative_sections(62, projects[62].sections)
    item = sections[-1]["items"][0]
    assert item["text"] == "’18년 2,990톤/일 ⇒ ’25년까지 2,691톤/일 (10% 감량)"
    assert item["children"] == []  # the table's "-" cell is no longer a sub-item
    table = item["tables"][0]
    assert table["header"][0][:2] == ["구 분", "’18."]
    assert table["rows"][1][:3] == ["감축량 (누적 감축률, %)", "-", "120 (4%)"]


def test_a_table_must_be_the_runs_own_words():
    entry = {
        "project": 1,
        "run": "구분 2020 합계 5",
        "header": [["구분", "2020"]],
        "rows": [["합계", "6"]],
    }
    with pytest.raises(ValueError, match="project 1: the cells are not the run's own words"):
        check_table(entry)
    check_table({**entry, "rows": [["합계", "5"]]})  # spaces aside, the same characters


@pytest.mark.django_db
def test_the_project_page_shows_the_table_with_its_cells_under_their_years(client, plan):
    import_plan(plan)
    html = client.get("/ko/sdg/projects/62/").content.decode()
    assert html.count('class="sdg-narrative-table"') == 1
    assert '<tr><th scope="row">감축량 (누적 감축률, %)</th><td>-</td><td>120 (4%)</td>' in html
    assert 'role="region" aria-label="표"' in html
    assert (
        "?"
        not in html[html.index('class="body-text sdg-sections"') : html.index('id="indicators"')]
    )


@pytest.mark.django_db
def test_an_unedited_narrative_is_repaired_on_import_and_an_edited_one_kept(plan):
    import_plan(plan)
    projects = {p.number: p for p in plan.projects}
    Project.objects.filter(number=62).update(sections=unrepaired_sections(projects[62].sections))
    edited = [{"heading": "추진경과", "intro": "staff wrote this", "items": []}]
    Project.objects.filter(number=29).update(sections=edited)

    result = import_plan(plan)

    assert result.updated == {"project": 1}
    assert Project.objects.get(number=62).sections == narrative_sections(62, projects[62].sections)
    assert Project.objects.get(number=29).sections == edited
    assert import_plan(plan).updated == {}  # a second run changes nothing
