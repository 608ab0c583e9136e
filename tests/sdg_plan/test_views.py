"""The SDG plan pages: content, both languages, and query counts that do not grow with rows."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from sdg_plan.models import Department, Indicator
from tests.sdg_plan.conftest import add_actual

pytestmark = pytest.mark.django_db


def url(name, *args, lang="ko"):
    with translation.override(lang):
        return reverse(f"sdg_plan:{name}", args=args)


# ---------------------------------------------------------------------------------------------
# query counts: a literal number, the same with 1 and with 3 indicators (goals, projects, …).
# HTML pages include the footer's partner list (one query from base.html's context processor).

PAGES = [
    ("index", (), 5),
    ("goal", ("1-1",), 10),  # + what the other sections tagged: publications 2, news 1
    ("project", (1,), 5),
    ("indicator", (1,), 4),  # every indicator (3, as for one: kept per process), partners
    ("indicator_list", (), 7),
    ("department_list", (), 2),
    ("indicators_csv", (), 3),
    ("indicators_json", (), 3),
    ("open_data", (), 2),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("name", "args", "queries"), PAGES)
def test_query_counts_do_not_grow_with_the_number_of_indicators(
    client, make_plan, django_assert_num_queries, size, name, args, queries
):
    make_plan(size)
    with django_assert_num_queries(queries):
        response = client.get(url(name, *args))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_department_page_query_count(client, make_plan, django_assert_num_queries, size):
    make_plan(size)
    department = Department.objects.get(name="부서1과")
    # every department with its projects, indicators, actuals and responsibilities; partners
    with django_assert_num_queries(6):
        response = client.get(url("department", department.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 3])
def test_filtered_indicator_list_query_count(client, make_plan, django_assert_num_queries, size):
    make_plan(size)
    with django_assert_num_queries(7):
        response = client.get(url("indicator_list") + "?strategy=1&sdg=1&status=on_track")
    assert response.status_code == 200


# ---------------------------------------------------------------------------------------------
# content, on the imported plan (one copy for the tests below, see tests/sdg_plan/conftest.py)


def test_overview_lists_strategies_goals_priority_marks_and_counts(client, imported_plan):
    response = client.get(url("index"))
    html = response.content.decode()
    assert "4대 전략, 17대 과제, 97개 이행과제, 106개 세부사업, 109개 성과지표" in html
    assert '<html lang="ko">' in html
    for title in (
        "함께 누리는 행복한 도시",
        "활력 찬 경제정의도시",
        "쾌적한 기후환경도시",
        "함께 만드는 서울",
    ):
        assert title in html
    assert html.count('class="sdg-goal-card"') == 17
    assert html.count("badge--pinned") == 5  # 역점
    assert f'href="{url("goal", "1-1")}"' in html
    assert f'href="{url("open_data")}"' in html


def test_overview_in_english_gives_the_archives_english_names(client, imported_plan):
    response = client.get(url("index", lang="en"))
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "4 strategies, 17 goals, 97 tasks, 106 projects, 109 indicators" in html
    assert 'Strategy 1. <span lang="en">A happy city shared by all</span>' in html
    assert '<span lang="ko">제2차 서울특별시 지속가능발전 이행계획 (2020년~2024년)</span>' in html
    assert "Progress summary" in html


def test_goal_page_shows_the_un_sdg_tasks_and_projects(client, imported_plan):
    response = client.get(url("goal", "2-1", lang="en"))
    html = response.content.decode()
    assert "SDG 7: Affordable and clean energy" in html
    assert "#FCC30B" in html
    assert "sdg-tile--7" in html
    for number in (27, 28, 29, 30):
        assert f'id="task-{number}"' in html
    assert f'href="{url("project", 29, lang="en")}"' in html
    assert '<span lang="en">Spreading mini solar power plants</span>' in html


def test_unknown_goal_project_indicator_and_department_are_404(client, imported_plan):
    assert client.get(url("goal", "9-9")).status_code == 404
    assert client.get(url("project", 999)).status_code == 404
    assert client.get(url("indicator", 999)).status_code == 404
    assert client.get(url("department", 99999)).status_code == 404


def test_project_page_shows_sections_indicators_chart_table_and_contacts(client, imported_plan):
    response = client.get(url("project", 40, lang="en"))
    html = response.content.decode()
    assert '<span lang="en">Youth New Deal jobs</span>' in html
    assert html.count('<svg class="sdg-chart"') == 2  # two indicators: 실업률, 뉴딜일자리
    assert (
        "Unemployment rate (national indicator)" in html and "New Deal job places offered" in html
    )
    assert re.search(r'<div class="body-text sdg-sections" lang="ko">\s*<h2>추진경과</h2>', html)
    assert 'lang="en">Employment Policy Division</a>' in html
    assert "<td>Kim Jaejin</td>" in html  # 김재진, romanised


def test_indicator_page_shows_targets_actuals_chart_and_status_formula(client, imported_plan):
    indicator = Indicator.objects.get(name_ko="태양광 보급용량(누계)")
    add_actual(indicator, 2020, "600")
    add_actual(indicator, 2022, "780")
    response = client.get(url("indicator", indicator.number, lang="en"))
    html = response.content.decode()
    assert '<svg class="sdg-chart"' in html
    assert 'role="img"' in html
    assert '<td lang="en">1,000MW</td>' in html  # no Korean in the cell
    assert "sdg-status--on_track" in html
    assert "(780 / 600)^(1 / (2022 − 2020)) − 1 = +14.02%" in html
    assert "(1,300 / 600)^(1 / (2030 − 2020)) − 1 = +8.04%" in html
    assert "R = d · CAGRᵢ / |CAGR_T| = 1.74" in html
    assert "= (780 − 600) / (1,000 − 600) = 45%" in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "<script" not in main and 'style="' not in main  # the chart needs no JavaScript


def test_text_only_indicator_has_no_computed_status(client, imported_plan):
    indicator = Indicator.objects.get(name_ko="먹거리전략 2030 추진")
    response = client.get(url("indicator", indicator.number, lang="en"))
    html = response.content.decode()
    assert "sdg-status--no_numeric_target" in html
    assert "How this table was read from the plan" in html  # a reviewed correction


def test_indicator_list_filters(client, imported_plan):
    department = Department.objects.get(name_ko="평가담당관")
    response = client.get(url("indicator_list", lang="en") + f"?department={department.pk}")
    assert len(response.context["rows"]()) == 9
    response = client.get(url("indicator_list", lang="en") + "?sdg=7")
    assert len(response.context["rows"]()) == 7
    response = client.get(url("indicator_list", lang="en") + "?goal=2-2")
    assert len(response.context["rows"]()) == 10
    response = client.get(url("indicator_list", lang="en") + "?strategy=4")
    assert len(response.context["rows"]()) == 25
    indicator = Indicator.objects.get(name_ko="태양광 보급용량(누계)")
    add_actual(indicator, 2020, "600")
    add_actual(indicator, 2022, "780")
    response = client.get(url("indicator_list", lang="en") + "?status=on_track")
    assert [i.name_ko for i, _ in response.context["rows"]()] == ["태양광 보급용량(누계)"]
    response = client.get(url("indicator_list", lang="en"))
    assert len(response.context["rows"]()) == 109


def test_indicator_list_reports_a_bad_filter_value(client, imported_plan):
    response = client.get(url("indicator_list", lang="en") + "?sdg=99&status=nonsense")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"sdg", "status"}
    assert 'class="error-message"' in response.content.decode()


def test_department_page_lists_projects_and_statuses(client, imported_plan):
    department = Department.objects.get(name_ko="녹색에너지과")
    response = client.get(url("department", department.pk, lang="en"))
    html = response.content.decode()
    assert "Responsible for 3 projects of the plan." in html
    assert '<h1 lang="en">Green Energy Division</h1>' in html
    for name in (
        "Spreading mini solar power plants",
        "Accelerating the transition to new and renewable energy",
        "Support for green small and medium-sized enterprises",
    ):
        assert f'<span lang="en">{name}</span>' in html


def test_department_list(client, imported_plan):
    response = client.get(url("department_list", lang="en"))
    html = response.content.decode()
    assert html.count('href="/en/sdg/departments/') == Department.objects.count()


def test_status_appears_and_rolls_up_after_staff_enter_actuals(client, imported_plan):
    indicator = Indicator.objects.get(name_ko="기초생활보장 수급자율")
    response = client.get(url("goal", "1-1", lang="en"))
    assert "sdg-status--on_track" not in response.content.decode()
    add_actual(indicator, 2020, "2.6")
    add_actual(indicator, 2021, "2.7")
    html = client.get(url("goal", "1-1", lang="en")).content.decode()
    assert "sdg-status--achieved" not in html
    assert "sdg-status--on_track" in html
    overview = client.get(url("index", lang="en"))
    strategy = overview.context["strategies"]()[0]
    assert strategy.rollup.counts
    assert overview.context["plan_rollup"]().assessed == 1


def test_home_block_context(imported_plan):
    from sdg_plan.selectors import home_block

    block = home_block()
    assert block["indicator_count"] == 109
    assert [s.number for s in block["strategies"]] == [1, 2, 3, 4]


def breadcrumb_items(html):
    start = html.index('<nav class="breadcrumbs"')
    return re.findall(r"<li>(.*?)</li>", html[start : html.index("</nav>", start)])


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/en/sdg/projects/1/",
            ['<a href="/en/sdg/goals/1-1/">', '<span aria-current="page">Project 1</span>'],
        ),
        (
            "/en/sdg/indicators/1/",
            [
                '<a href="/en/sdg/goals/1-1/">',
                '<a href="/en/sdg/projects/1/">Project 1</a>',
                '<span aria-current="page">Indicator 1</span>',
            ],
        ),
        ("/en/sdg/goals/1-1/", ['<span aria-current="page">1-1</span>']),
    ],
)
def test_breadcrumbs_name_the_current_page_once_and_never_link_to_it(
    client, imported_plan, path, expected
):
    items = breadcrumb_items(client.get(path).content.decode())
    assert items[:2] == [
        '<a href="/en/">Home</a>',
        '<a href="/en/sdg/">SDG implementation plan</a>',
    ]
    rest = items[2:]
    assert len(rest) == len(expected)
    for item, start in zip(rest, expected, strict=True):
        assert item.startswith(start)
    assert not any(f'href="{path}"' in item for item in items)
