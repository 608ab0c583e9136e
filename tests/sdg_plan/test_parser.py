"""The parser of the SDG implementation plan, pinned against the document (no database)."""

import json
from decimal import Decimal
from functools import cache

import pytest

from sdg_plan import parser
from sdg_plan.parser import (
    DEFAULT_CORRECTIONS,
    DEFAULT_SOURCE,
    HIGHER,
    KIND_NEW,
    LOWER,
    YEARS,
    PlanParseError,
    parse_contacts,
    parse_indicator_block,
    parse_plan,
    parse_plan_file,
)


@cache
def _plan():
    return parse_plan_file()


@pytest.fixture
def plan():
    return _plan()


def indicator(plan, name, project=None):
    found = [
        i
        for p in plan.projects
        for i in p.indicators
        if i.name == name and (project is None or p.number == project)
    ]
    assert len(found) == 1, (name, len(found))
    return found[0]


def project(plan, number):
    return next(p for p in plan.projects if p.number == number)


def test_the_five_totals(plan):
    assert plan.counts() == {
        "strategies": 4,
        "goals": 17,
        "tasks": 97,
        "projects": 106,
        "indicators": 109,
    }


def test_the_documents_own_totals_are_read(plan):
    assert plan.stated_totals == {
        "strategies": 4,
        "goals": 17,
        "tasks": 97,
        "projects": 106,
        "indicators": 109,
        "new_project_indicators": 5,
    }


def test_numbering_follows_the_plan(plan):
    assert [t.number for t in plan.tasks] == list(range(1, 98))
    assert [p.number for p in plan.projects] == list(range(1, 107))
    assert [i.number for i in plan.indicators] == list(range(1, 110))


def test_strategies(plan):
    assert [(s.number, s.title, len(s.goals)) for s in plan.strategies] == [
        (1, "함께 누리는 행복한 도시", 5),
        (2, "활력 찬 경제정의도시", 4),
        (3, "쾌적한 기후환경도시", 5),
        (4, "함께 만드는 서울", 3),
    ]


# (tasks, projects, indicators) per goal, as the document's overview table states them
OVERVIEW_TABLE = {
    "1-1": (4, 4, 4),
    "1-2": (3, 3, 3),
    "1-3": (9, 9, 9),
    "1-4": (6, 7, 7),
    "1-5": (4, 4, 4),
    "2-1": (4, 7, 7),
    "2-2": (7, 9, 10),
    "2-3": (3, 4, 4),
    "2-4": (4, 4, 4),
    "3-1": (6, 6, 7),
    "3-2": (9, 9, 9),
    "3-3": (6, 7, 7),
    "3-4": (3, 3, 3),
    "3-5": (6, 6, 6),
    "4-1": (8, 8, 8),
    "4-2": (9, 10, 11),
    "4-3": (6, 6, 6),
}


def test_tasks_projects_and_indicators_per_goal_match_the_overview_table(plan):
    found = {
        g.code: (
            len(g.tasks),
            sum(len(t.projects) for t in g.tasks),
            sum(len(p.indicators) for t in g.tasks for p in t.projects),
        )
        for g in plan.goals
    }
    assert found == OVERVIEW_TABLE
    assert {g.code: g.planned_counts for g in plan.goals} == OVERVIEW_TABLE


def test_priority_goals_are_the_five_marked_역점(plan):
    assert [g.code for g in plan.goals if g.priority] == ["1-3", "2-2", "2-4", "3-3", "4-1"]


def test_each_un_sdg_is_linked_once_by_subject(plan):
    by_code = {g.code: g.un_sdg for g in plan.goals}
    assert sorted(by_code.values()) == list(range(1, 18))
    assert by_code["1-1"] == 1  # poverty
    assert by_code["3-1"] == 6  # water
    assert by_code["2-1"] == 7  # energy
    assert by_code["4-1"] == 11  # cities
    assert by_code["3-4"] == 14  # 한강 하구 생태계 — life below water
    assert by_code["4-3"] == 17  # partnership


def test_goal_and_task_titles(plan):
    goal = plan.goals[0]
    assert goal.code == "1-1"
    assert goal.title == "모든 형태의 빈곤종식을 위한 노력"
    assert [t.number for t in goal.tasks] == [1, 2, 3, 4]
    assert goal.tasks[3].title == (
        "서울시 취약계층의 경제적·사회적·환경적 충격과 재난에 대한 노출과 취약성을 줄여나간다."
    )
    assert plan.tasks[-1].title == (
        "지속가능발전목표와 연계한 남북협력을 추진하여 서울시민의 안녕과 한반도 평화를 위해 "
        "노력한다."
    )


def test_a_task_with_two_projects(plan):
    task = next(t for t in plan.tasks if t.number == 20)
    assert [(p.number, p.name) for p in task.projects] == [
        (20, "市여성능력개발원 운영"),
        (21, "장애인직업재활시설 운영 및 지원"),
    ]


def test_기초생활보장_수급자율(plan):
    ind = indicator(plan, "기초생활보장 수급자율")
    assert ind.targets == {
        2020: "2.6%",
        2021: "2.63%",
        2022: "2.65%",
        2023: "2.67%",
        2024: "2.7%",
        2030: "2.75%",
    }
    assert ind.values[2020] == Decimal("2.6")
    assert ind.values[2030] == Decimal("2.75")
    assert ind.unit == "%"
    assert ind.direction == HIGHER


def test_태양광_보급용량(plan):
    ind = indicator(plan, "태양광 보급용량(누계)")
    assert ind.targets[2022] == "1,000MW"
    assert ind.values[2022] == Decimal("1000")
    assert ind.values[2020] == Decimal("583")
    assert ind.values[2030] == Decimal("1300")
    assert ind.unit == "MW"


def test_a_sample_of_indicators_across_the_plan(plan):
    samples = {
        # name: (project, 2020 text, 2030 text, 2030 number, unit, direction)
        "자살률 (10만명 당 자살사망자 수)": (11, "21명", "19명", Decimal("19"), "명", LOWER),
        "금융복지 상담건수(건)": (3, "24,000", "26,000", Decimal("26000"), "건", HIGHER),
        "실업률(국가지표)": (40, "4.5%", "4.0%", Decimal("4.0"), "%", LOWER),
        "뉴딜일자리 모집인원": (40, "4,600명", "5,500명", Decimal("5500"), "명", HIGHER),
        "온실가스 배출량": (
            71,
            "37,100 천톤CO₂",
            "29,600 천톤CO₂",
            Decimal("29600"),
            "천톤CO₂",
            LOWER,
        ),
        "기후변화기금 지출사업 편성규모": (
            72,
            "10,000",
            "10,000",
            Decimal("10000"),
            "백만원",
            HIGHER,
        ),
        "초미세먼지 농도(㎍/㎥)": (88, "22", "15", Decimal("15"), "㎍/㎥", LOWER),
        "서울 5대 강력범죄 발생건수(10만명당)": (91, "1.1건", "1.0건", Decimal("1.0"), "건", LOWER),
        "시민숙의예산액": (
            97,
            "600,000 백만원",
            "1,000,000백만원",
            Decimal("1000000"),
            "백만원",
            HIGHER,
        ),
        "나무 식재량": (77, "2,430만 그루", "유지관리", None, "만 그루", HIGHER),
        "산불 피해면적": (78, "1.15만㎡", "0.80만㎡", Decimal("0.80"), "만㎡", LOWER),
    }
    for name, (number, first, last, value, unit, direction) in samples.items():
        ind = indicator(plan, name)
        assert project(plan, number).indicators.count(ind) == 1, name
        assert (ind.targets[2020], ind.targets[2030], ind.values[2030]) == (first, last, value)
        assert (ind.unit, ind.direction) == (unit, direction), name


def test_word_targets_are_kept_as_text_without_a_number(plan):
    ind = indicator(plan, "연간 교통사고 사망자 수")
    assert [ind.targets[y] for y in YEARS] == ["212명", "180명", "↘", "↘", "↘", "↘"]
    assert [ind.values[y] for y in YEARS] == [
        Decimal("212"),
        Decimal("180"),
        None,
        None,
        None,
        None,
    ]
    assert ind.direction == LOWER
    ind = indicator(plan, "감염병 대응 민관합동 훈련")
    assert [ind.targets[y] for y in YEARS] == ["14회", "15회", "14회", "운영", "(운영)", "(운영)"]
    ind = indicator(plan, "환경보건위원회 운영")
    assert ind.targets[2020] == "5회"  # "운영" belongs to the name, not the 2020 cell


def test_the_block_without_a_2020_column(plan):
    ind = indicator(plan, "친환경금고지정기준")
    assert ind.targets == {
        2020: "",
        2021: "검토 필요(전문가 자문 등)",
        2022: "",
        2023: "",
        2024: "",
        2030: "",
    }
    assert ind.corrected


def test_blocks_with_two_indicators(plan):
    assert {
        p.number: [i.name for i in p.indicators] for p in plan.projects if len(p.indicators) > 1
    } == {
        40: ["실업률(국가지표)", "뉴딜일자리 모집인원"],
        56: ["한강숲 조성", "자연형 호안 복원"],
        91: ["생활안심 디자인 조성 개소 수", "서울 5대 강력범죄 발생건수(10만명당)"],
    }


def test_unit_line_and_notes(plan):
    assert indicator(plan, "기후변화기금 지출사업 편성규모").unit == "백만원"  # (단위 : 백만원)
    assert indicator(plan, "초미세먼지 농도(㎍/㎥)").note == "16년 26㎍/㎥의 70%"
    assert indicator(plan, "여성관리자 양성비율").note == (
        "제4차 관리직 여성공무원 임용확대계획(행안부, ’18~’22년)에 따라 목표치 설정"
    )
    assert indicator(plan, "기후 관련 국제포럼 개최 건수").note == "※ 코로나19로 연기"


def test_a_typo_in_a_number_is_kept_as_written_and_read_by_the_correction(plan):
    ind = indicator(plan, "정보화교육 이수자 수", project=22)
    assert ind.targets[2024] == "20.000명"
    assert ind.values[2024] == Decimal("20000")


def test_merged_cells_from_corrections(plan):
    ind = indicator(plan, "관광계획 지속가능성 검토 여부")
    assert set(ind.targets.values()) == {"관광계획 수립 시 지속가능성 검토 시행"}
    ind = indicator(plan, "그린리모델링 (노후 공공건물)")
    assert [ind.targets[y] for y in YEARS] == ["19개소", "87개소", "135개소", "", "", "1,291개소"]
    ind = indicator(plan, "전기차 보급 대수 (누계)")
    assert ind.targets[2030] == "신차 등록 대비 전기·수소차 비율 50%"
    assert ind.values[2030] is None
    assert ind.values[2024] == Decimal("133044")


def test_departments_of_a_few_projects(plan):
    assert project(plan, 1).departments == ["복지정책과"]
    assert project(plan, 3).departments == ["서울금융복지상담센터"]
    assert project(plan, 18).departments == ["평생교육과", "평생교육진흥원 시민대학국"]
    assert project(plan, 44).departments == ["교통정책과", "주차계획과", "교통운영과"]
    assert project(plan, 56).departments == ["한강사업본부 생태환경과"]
    assert project(plan, 96).departments == ["시민감사옴부즈만위원회"]
    assert project(plan, 32).departments == ["기후변화대응과"]  # "그린카인프리장" is a team


def test_contacts(plan):
    assert [(c.role, c.name, c.phone) for c in project(plan, 1).contacts] == [
        ("복지정책과", "박기용", "2133-7310"),
        ("생활보장팀장", "김민주", "7336"),
        ("담당", "이미진", "7339"),
    ]
    contacts = [(c.role, c.name, c.phone) for c in project(plan, 29).contacts]
    assert contacts[-2:] == [("담당", "김형구", "3559"), ("담당", "남경래", "3568")]


def test_project_kinds_follow_the_미래_mark(plan):
    assert [p.number for p in plan.projects if p.kind == KIND_NEW] == [16, 58, 63, 66, 85]
    assert project(plan, 16).name == "환경보건·독성관리센터 설치·운영"


def test_project_sections(plan):
    sections = project(plan, 1).sections
    assert [s.heading for s in sections] == ["추진경과", "추진내용(요약)", "향후 추진계획"]
    assert sections[0].items[0].text == "서울시민의 복지기준,「서울시민복지기준 2.0」(’19~’22) 수립"
    assert (
        sections[0].items[0].children[1]
        == "시민·NGO 평가 등 시민참여 평가체계 마련으로 사회권 보장 강화"
    )
    assert [s.heading for s in project(plan, 102).sections] == [
        "사업개요",
        "추진성과",
        "향후 추진계획",
    ]
    assert all(p.sections for p in plan.projects)
    # the empty cells ("-") of tables flattened into a section stay in the text, not as bullets
    children = [c for p in plan.projects for s in p.sections for i in s.items for c in i.children]
    assert not [c for c in children if set(c) <= {"-", " "}]
    assert len(children) == 490


def test_discrepancies_found_in_the_document(plan):
    messages = [str(d) for d in plan.discrepancies]
    assert (
        "[count] 전략4: table of contents (목차) says 22 tasks (이행과제), the body has 23"
        in messages
    )
    assert [d.where for d in plan.discrepancies if d.kind == "repeat"] == [
        "세부사업9",
        "세부사업45",
        "세부사업48",
        "세부사업65",
        "세부사업75",
        "세부사업84",
        "세부사업99",
    ]
    corrections = json.loads(DEFAULT_CORRECTIONS.read_text(encoding="utf-8"))["corrections"]
    assert [d.where for d in plan.discrepancies if d.kind == "correction"] == [
        f"세부사업{c['project']}" for c in corrections
    ]
    # nothing else disagrees: no other count mismatch
    assert [d for d in plan.discrepancies if d.kind == "count"] == [
        d for d in plan.discrepancies if d.where == "전략4"
    ]


def test_corrections_only_rearrange_the_blocks_own_words():
    block = (
        " 성과지표명 2020 2021 2022 2023 2024 중장기 (2030) 관광계획 지속가능성 검토 여부 "
        "관광계획 수립 시 지속가능성 검토 시행 "
    )
    invented = {
        "project": 43,
        "reason": "test",
        "indicators": [
            {
                "name": "관광계획 지속가능성 검토 여부",
                "cells": [{"years": [2020], "text": "관광계획 수립 시 지속가능성 검토 완료"}],
            }
        ],
    }
    with pytest.raises(PlanParseError, match="not in the document"):
        parse_indicator_block(block, project_number=43, correction=invented)


def test_every_correction_is_applied_to_a_block_of_the_plan(plan):
    corrections = json.loads(DEFAULT_CORRECTIONS.read_text(encoding="utf-8"))["corrections"]
    assert all(c["reason"] for c in corrections)
    corrected_projects = {p.number for p in plan.projects if any(i.corrected for i in p.indicators)}
    assert corrected_projects == {c["project"] for c in corrections}


def test_without_corrections_an_ambiguous_block_is_refused():
    text = DEFAULT_SOURCE.read_text(encoding="utf-8")
    with pytest.raises(PlanParseError, match="세부사업5"):
        parse_plan(text, corrections={})


def test_middle_dots_are_restored_between_letters_only():
    assert parser.restore_middle_dots("영?유아 전환도시 서울이란? > 43% ? 45%") == (
        "영·유아 전환도시 서울이란? > 43% ? 45%"
    )


def test_parse_contacts_with_a_comma_between_units():
    contacts, departments = parse_contacts(
        "작 성 자 서울연구원 도시외교연구센터 : 문인철 ☎2149-1255, "
        "안전환경연구실 : 송인주 ☎2149-1165"
    )
    assert [(c.role, c.name, c.phone) for c in contacts] == [
        ("서울연구원 도시외교연구센터", "문인철", "2149-1255"),
        ("안전환경연구실", "송인주", "2149-1165"),
    ]
    assert departments == ["서울연구원 도시외교연구센터", "안전환경연구실"]


def test_every_indicator_has_a_name_and_at_least_one_target(plan):
    for ind in plan.indicators:
        assert ind.name
        assert any(ind.targets.values()), ind.name
        assert ind.direction in (HIGHER, LOWER)
        for year, value in ind.values.items():
            if value is not None:
                assert ind.targets[year]


def test_parsing_twice_gives_the_same_plan():
    assert parse_plan_file() == parse_plan_file()
