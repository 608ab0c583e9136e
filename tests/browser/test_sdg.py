"""A citizen follows the SDG plan from the overview to a goal, a project and an indicator, and
reads the indicator's chart and its table; the pages pass axe without serious violations."""

import datetime
from decimal import Decimal

from playwright.sync_api import expect

from sdg_plan import parser
from sdg_plan.importer import import_plan
from sdg_plan.models import Actual, Indicator
from tests.browser.conftest import screenshot, serious_axe_violations


def plan_with_solar_actuals():
    import_plan(parser.parse_plan_file())
    solar = Indicator.objects.get(name="태양광 보급용량(누계)")
    for year, value in ((2020, "600"), (2021, "700"), (2022, "780")):
        Actual.objects.create(
            indicator=solar,
            year=year,
            value=Decimal(value),
            source="서울시 에너지 통계",
            reported_on=datetime.date(year + 1, 3, 31),
        )
    return solar


def test_from_the_overview_to_an_indicators_chart_and_table(page, live_server):
    solar = plan_with_solar_actuals()

    page.goto("/ko/sdg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("지속가능발전 이행계획")
    expect(
        page.get_by_text("4대 전략, 17대 과제, 97개 이행과제, 106개 세부사업, 109개 성과지표")
    ).to_be_visible()
    expect(page.locator(".sdg-goal-card")).to_have_count(17)
    assert serious_axe_violations(page) == []

    page.get_by_role(
        "link", name="2-1. 에너지 기본권 보장, 신재생 에너지비율 확대 및 에너지 효율 제고"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/ko/sdg/goals/2-1/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2-1.")
    expect(page.get_by_text("SDG 7번 목표: 모두를 위한 깨끗한 에너지")).to_be_visible()

    page.get_by_role("link", name="세부사업 29. 태양광 미니발전소 보급").click()
    expect(page).to_have_url(f"{live_server.url}/ko/sdg/projects/29/")
    expect(page.get_by_role("heading", level=1)).to_have_text("세부사업 29. 태양광 미니발전소 보급")
    expect(page.get_by_role("heading", name="향후 추진계획")).to_be_visible()

    page.get_by_role("link", name="태양광 보급용량(누계)", exact=True).first.click()
    expect(page).to_have_url(f"{live_server.url}/ko/sdg/indicators/{solar.number}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("태양광 보급용량(누계)")

    chart = page.get_by_role("img", name="태양광 보급용량(누계): 목표치와 실적")
    expect(chart).to_be_visible()
    expect(chart.locator(".sdg-chart__actuals circle")).to_have_count(3)
    expect(chart.locator(".sdg-chart__targets circle")).to_have_count(6)

    table = page.get_by_role("table", name="태양광 보급용량(누계): 연도별 목표치와 실적 (단위: MW)")
    row_2022 = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2022"))
    expect(row_2022).to_contain_text("1,000MW")
    expect(row_2022).to_contain_text("780")
    expect(row_2022).to_contain_text("서울시 에너지 통계")
    expect(page.locator(".sdg-status-line")).to_contain_text("순항")
    expect(page.get_by_text("(780 − 600) / (1,000 − 600) = 45%")).to_be_visible()
    screenshot(page, "sdg-indicator-desktop")
    assert serious_axe_violations(page) == []


def test_overview_and_indicator_on_a_phone(phone_page, live_server):
    solar = plan_with_solar_actuals()
    phone_page.goto("/ko/sdg/")
    expect(phone_page.locator(".sdg-goal-card").first).to_be_visible()
    screenshot(phone_page, "sdg-overview-phone")
    phone_page.goto(f"/en/sdg/indicators/{solar.number}/")
    expect(phone_page.get_by_role("heading", name="Targets and actual values")).to_be_visible()
    # the chart scales to the screen: no horizontal scrolling of the page
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "sdg-indicator-phone")
