"""The evaluation team imports a year's actual values from CSV or Excel: a dry run reports every
bad row before anything is saved; department staff see and edit only their own indicators."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from archive_portal.groups import SDG_DEPARTMENT_STAFF, SDG_EVALUATION_TEAM
from sdg_plan.actuals_import import COLUMNS
from sdg_plan.models import Actual, Department, Indicator

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:sdg_plan_actual_import")


@pytest.fixture
def client(client):
    """The admin in English (its messages are checked word for word)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def evaluator(db):
    user = User.objects.create_user("evaluator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=SDG_EVALUATION_TEAM))
    return user


@pytest.fixture
def department_staff(db):
    user = User.objects.create_user("dept", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=SDG_DEPARTMENT_STAFF))
    return user


def csv_file(rows, header=COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    data = io.BytesIO(out.getvalue().encode("utf-8"))
    data.name = "values.csv"
    return data


def row(indicator=1, year=2022, value="12.5", unit="%", department="부서1과", **extra):
    cells = {
        "indicator": indicator,
        "indicator_name": "",
        "unit": unit,
        "year": year,
        "value": value,
        "source": extra.get("source", "서울 통계연보"),
        "source_url": extra.get("source_url", ""),
        "reported_on": extra.get("reported_on", "2023-03-31"),
        "note": extra.get("note", ""),
        "department": department,
    }
    return [cells[c] for c in COLUMNS]


def test_the_dry_run_reports_every_bad_row_and_saves_nothing(client, evaluator, make_plan):
    make_plan(2)
    client.force_login(evaluator)
    before = Actual.objects.count()
    upload = csv_file(
        [
            row(),  # line 2: fine
            row(indicator=999),  # 3: unknown indicator
            row(indicator=2, unit="명", department="부서2과"),  # 4: unit mismatch
            row(indicator=2, value="12a", department="부서2과"),  # 5: not a number
            row(indicator=2, year=2035, department="부서2과"),  # 6: outside the plan
            row(indicator=2, department="없는과"),  # 7: unknown department
            row(indicator=2, value="", department="부서2과"),  # 8: empty value: skipped
        ]
    )
    response = client.post(IMPORT_URL, {"year": 2022, "file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "5 rows have problems: nothing was saved." in page
    assert "Unknown indicator “999”." in page
    assert "Unit “명” does not match the indicator&#x27;s unit “%”." in page
    assert "Value “12a” is not a number." in page
    assert "Year “2035” is outside the plan (2020–2030)." in page
    assert "Unknown department “없는과”." in page
    bad_lines = [line.split("</th>")[0] for line in page.split('<tr><th scope="row">')[1:6]]
    assert bad_lines == ["3", "4", "5", "6", "7"]
    assert 'name="confirm"' not in page  # no save button while a row is bad
    assert Actual.objects.count() == before


def test_a_clean_file_is_checked_then_saved_and_the_status_recomputes(client, evaluator, make_plan):
    indicator, _ = make_plan(2)
    client.force_login(evaluator)
    response = client.post(
        IMPORT_URL,
        {"year": 2022, "file": csv_file([row(value="1,200.5"), row(indicator=2, value="",
                                                                   department="부서2과")])},
    )  # fmt: skip
    page = response.content.decode()
    assert "1 value ready to save" in page
    assert Actual.objects.filter(year=2022).count() == 0  # the dry run saved nothing
    confirm = page.split('name="confirm" value="')[1].split('"')[0]

    response = client.post(IMPORT_URL, {"confirm": confirm})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sdg_plan_actual_changelist") + "?year=2022"
    actual = Actual.objects.get(indicator=indicator, year=2022)
    assert (actual.value, actual.source, actual.department.name, str(actual.reported_on)) == (
        Decimal("1200.5"),
        "서울 통계연보",
        "부서1과",
        "2023-03-31",
    )
    assert [(h.history_type, h.history_user) for h in actual.history.all()] == [("+", evaluator)]
    # 10 → 11 → 1200.5 against a 2030 target of 20: the target is met at once
    assert Indicator.objects.get(pk=indicator.pk).progress().status == "achieved"


def test_a_tampered_confirmation_saves_nothing(client, evaluator, make_plan):
    make_plan(1)
    client.force_login(evaluator)
    response = client.post(IMPORT_URL, {"confirm": "forged:value"})
    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert Actual.objects.filter(year=2022).count() == 0


def test_an_excel_file_imports_like_a_csv(client, evaluator, make_plan):
    indicator, _ = make_plan(2)
    client.force_login(evaluator)
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    workbook.active.append(row(value=13))
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = "values.xlsx"
    page = client.post(IMPORT_URL, {"year": 2022, "file": data}).content.decode()
    assert "1 value ready to save" in page
    confirm = page.split('name="confirm" value="')[1].split('"')[0]
    client.post(IMPORT_URL, {"confirm": confirm})
    assert Actual.objects.get(indicator=indicator, year=2022).value == 13


def test_a_file_without_the_template_columns_is_refused(client, evaluator, make_plan):
    make_plan(1)
    client.force_login(evaluator)
    upload = csv_file([["1", "2022"]], header=["indicator", "year"])
    page = client.post(IMPORT_URL, {"year": 2022, "file": upload}).content.decode()
    assert "Columns missing from the first row: department, reported_on, source, value." in page


def test_the_template_lists_every_indicator_with_its_unit_and_department(
    client, evaluator, make_plan
):
    make_plan(2)
    client.force_login(evaluator)
    url = reverse("admin:sdg_plan_actual_import_template", kwargs={"kind": "csv"})
    response = client.get(url, {"year": 2021})
    assert response["Content-Disposition"] == 'attachment; filename="sdg-actual-values-2021.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        COLUMNS,
        ["1", "지표 1", "%", "2021", "11", "서울시 통계", "", "2022-03-31", "", "부서1과"],
        ["2", "지표 2", "%", "2021", "11", "서울시 통계", "", "2022-03-31", "", "부서2과"],
    ]
    url = reverse("admin:sdg_plan_actual_import_template", kwargs={"kind": "xlsx"})
    response = client.get(url, {"year": 2023})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == [
        1, "지표 1", "%", 2023, None, None, None, None, None, "부서1과",
    ]  # fmt: skip


def test_department_staff_see_and_edit_only_their_own_indicators(
    client, department_staff, make_plan
):
    first, second = make_plan(2)
    Department.objects.get(name="부서1과").staff.add(department_staff)
    client.force_login(department_staff)

    page = client.get(reverse("admin:sdg_plan_indicator_changelist")).content.decode()
    assert "지표 1" in page
    assert "지표 2" not in page
    assert (
        client.get(reverse("admin:sdg_plan_indicator_change", args=[second.pk])).status_code
        == 302  # Django's admin redirects a missing object to the admin home
    )
    page = client.get(reverse("admin:sdg_plan_actual_add")).content.decode()
    assert "부서1과" in page
    assert "부서2과" not in page  # they report for their own department only
    assert client.get(IMPORT_URL).status_code == 403  # importing is the evaluation team's


def test_department_staff_cannot_record_a_value_for_another_departments_indicator(
    client, department_staff, make_plan
):
    first, second = make_plan(2)
    own = Department.objects.get(name="부서1과")
    own.staff.add(department_staff)
    client.force_login(department_staff)
    data = {
        "indicator": second.pk,
        "year": 2022,
        "value": "5",
        "source": "통계",
        "source_url": "",
        "reported_on": "2023-01-01",
        "note": "",
        "department": own.pk,
    }
    response = client.post(reverse("admin:sdg_plan_actual_add"), data)
    assert response.status_code == 200  # the form again, refused
    assert response.context["adminform"].form.errors["indicator"]
    assert not Actual.objects.filter(indicator=second, year=2022).exists()
    response = client.post(reverse("admin:sdg_plan_actual_add"), {**data, "indicator": first.pk})
    assert response.status_code == 302
    assert Actual.objects.get(indicator=first, year=2022).department == own
