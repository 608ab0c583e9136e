"""SDG results from the departments: a department's staff enter their own indicator's value; the
evaluation team checks a year's CSV (a dry run listing every bad row), corrects it and saves
it; the public indicator page shows each value's source and date. axe finds no serious or
critical violation on the admin pages they use."""

import csv

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from archive_portal.groups import SDG_DEPARTMENT_STAFF, SDG_EVALUATION_TEAM
from sdg_plan.actuals_import import COLUMNS
from sdg_plan.models import Actual, Department
from tests.browser.conftest import log_in, screenshot, serious_axe_violations
from tests.sdg_plan.conftest import build_plan


def staff(username, group):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_department_enters_its_own_indicators_value(page, live_server):
    first, second = build_plan(2)
    user = staff("energy", SDG_DEPARTMENT_STAFF)
    Department.objects.get(name="부서1과").staff.add(user)
    log_in(page, live_server, user)

    page.goto("/admin/sdg_plan/indicator/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)  # only its own indicator
    assert serious_axe_violations(page) == []
    page.locator("#result_list tbody th a").click()  # the row links from its number
    expect(page.get_by_role("heading", level=2, name="1. 지표 1")).to_be_visible()
    assert serious_axe_violations(page) == []
    screenshot(page, "admin-indicator-department-1280")

    row = page.locator("#actuals-group tbody tr.form-row").nth(2)  # the empty row after 2020, 2021
    row.locator("input[name$='-year']").fill("2022")
    row.locator("input[name$='-value']").fill("12.5")
    row.locator("input[name$='-source']").fill("서울 통계연보 2023")
    row.locator("input[name$='-reported_on']").fill("2023-03-31")
    row.locator("select[name$='-department']").select_option(label="부서1과")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    actual = Actual.objects.get(indicator=first, year=2022)
    assert (actual.value, actual.department.name) == (12.5, "부서1과")
    assert [(h.history_type, h.history_user) for h in actual.history.all()] == [("+", user)]


def test_the_evaluation_team_imports_a_years_csv_after_a_dry_run(page, live_server, tmp_path):
    first, second = build_plan(2)
    log_in(page, live_server, staff("evaluator", SDG_EVALUATION_TEAM))

    page.goto("/admin/sdg_plan/actual/")
    page.get_by_role("link", name="연도별 실적 가져오기").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("연도별 실적 가져오기")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV 서식").click()
    template = tmp_path / "template.csv"
    download.value.save_as(template)
    rows = list(csv.reader(template.open(encoding="utf-8-sig")))
    assert rows[0] == COLUMNS and len(rows) == 3

    def upload(values):
        for row, value in zip(rows[1:], values, strict=True):
            row[3], row[4], row[5], row[7] = "2022", value, "서울 통계연보 2023", "2023-03-31"
        path = tmp_path / "values.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
        page.get_by_label("실적 연도").select_option("2022")
        page.get_by_label("파일").set_input_files(path)
        page.get_by_role("button", name="파일 점검 (저장하지 않음)").click()

    upload(["12.5", "십이"])
    expect(page.get_by_role("alert")).to_contain_text("1개 줄에 문제가 있어 아무것도 저장하지")
    expect(page.locator("#bad-rows")).to_contain_text("값 “십이”은(는) 숫자가 아닙니다.")
    expect(page.get_by_role("button", name="실적 1개 저장")).to_have_count(0)
    assert Actual.objects.filter(year=2022).count() == 0
    assert serious_axe_violations(page) == []
    screenshot(page, "admin-sdg-import-dry-run-1280")

    upload(["12.5", "13"])
    expect(page.locator("#good-rows")).to_contain_text("서울 통계연보 2023")
    page.get_by_role("button", name="실적 2개 저장").click()
    expect(page.locator(".messagelist .success")).to_contain_text("2022년 실적 2개를 저장")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert serious_axe_violations(page) == []

    page.goto(first.get_absolute_url())
    table = page.locator("table.sdg-targets")
    expect(table).to_contain_text("서울 통계연보 2023 (2023-03-31 · 부서1과 보고)")
