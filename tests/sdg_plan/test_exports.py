"""Open data: /sdg/indicators.csv and /sdg/indicators.json, parsed back."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from sdg_plan.exports import CSV_COLUMNS
from sdg_plan.models import Indicator
from tests.sdg_plan.conftest import add_actual

pytestmark = pytest.mark.django_db


def url(name, lang="ko"):
    with translation.override(lang):
        return reverse(f"sdg_plan:{name}")


def test_json_holds_all_109_indicators_with_name_and_targets(client, imported_plan):
    response = client.get(url("indicators_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content.decode("utf-8"))
    assert list(data) == ["indicators", "licence", "source"]
    assert data["licence"] == {
        "code": "cc-by-nd-3.0",
        "name": "CC BY-ND 3.0: 저작자표시, 변경금지",  # in the language of the URL
        "url": "https://creativecommons.org/licenses/by-nd/3.0/",
    }
    assert response["Link"] == '<https://creativecommons.org/licenses/by-nd/3.0/>; rel="license"'
    assert len(data["indicators"]) == 109
    assert [i["number"] for i in data["indicators"]] == list(range(1, 110))
    first = data["indicators"][0]
    assert first["name"] == "기초생활보장 수급자율"
    assert first["targets"] == {
        "2020": "2.6%",
        "2021": "2.63%",
        "2022": "2.65%",
        "2023": "2.67%",
        "2024": "2.7%",
        "2030": "2.75%",
    }
    assert first["target_values"]["2030"] == "2.75"
    assert first["goal"] == {
        "code": "1-1",
        "title": "모든 형태의 빈곤종식을 위한 노력",
        "priority": False,
        "un_sdg": 1,
    }
    assert first["departments"] == ["복지정책과"]
    assert first["status"] == "not_reported"
    assert first["url"] == "http://testserver/ko/sdg/indicators/1/"
    solar = next(i for i in data["indicators"] if i["name"] == "태양광 보급용량(누계)")
    assert solar["targets"]["2022"] == "1,000MW"
    assert solar["target_values"]["2022"] == "1000"
    words = next(i for i in data["indicators"] if i["name"] == "연간 교통사고 사망자 수")
    assert words["targets"]["2030"] == "↘"
    assert words["target_values"]["2030"] is None
    assert words["direction"] == "lower"


def test_json_carries_actuals_and_status(client, imported_plan):
    indicator = Indicator.objects.get(name="태양광 보급용량(누계)")
    add_actual(indicator, 2020, "600")
    add_actual(indicator, 2022, "780.5")
    data = json.loads(client.get(url("indicators_json", lang="en")).content)
    solar = next(i for i in data["indicators"] if i["number"] == indicator.number)
    assert solar["actuals"] == [
        {
            "year": 2020,
            "value": "600",
            "source": "서울시 통계",
            "source_url": "",
            "reported_on": "2021-03-31",
        },
        {
            "year": 2022,
            "value": "780.5",
            "source": "서울시 통계",
            "source_url": "",
            "reported_on": "2023-03-31",
        },
    ]
    assert solar["status"] == "on_track"
    assert solar["status_label"] == "On track"
    assert solar["planned_share"] == pytest.approx(0.4513, abs=1e-4)


def read_csv(response):
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_is_utf8_with_bom_and_holds_all_109_indicators(client, imported_plan):
    response = client.get(url("indicators_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="seoul-sdg-indicators.csv"'
    rows = read_csv(response)
    assert len(rows) == 109
    assert list(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert first["name"] == "기초생활보장 수급자율"
    assert first["target_2020"] == "2.6%"
    assert first["target_2030"] == "2.75%"
    assert first["target_2030_value"] == "2.75"
    assert first["goal_code"] == "1-1"
    assert first["un_sdg"] == "1"
    assert first["departments"] == "복지정책과"
    transit = next(r for r in rows if r["project_number"] == "44")
    assert transit["departments"] == "교통정책과; 주차계획과; 교통운영과"
    solar = next(r for r in rows if r["name"] == "태양광 보급용량(누계)")
    assert (solar["target_2022"], solar["target_2022_value"]) == ("1,000MW", "1000")


def test_csv_and_json_agree(client, imported_plan):
    indicator = Indicator.objects.get(name="기초생활보장 수급자율")
    add_actual(indicator, 2020, "2.6")
    add_actual(indicator, 2021, "2.7")
    rows = read_csv(client.get(url("indicators_csv")))
    data = json.loads(client.get(url("indicators_json")).content)["indicators"]
    for row, record in zip(rows, data, strict=True):
        assert row["name"] == record["name"]
        assert row["status"] == record["status"]
        for year in ("2020", "2021", "2022", "2023", "2024", "2030"):
            assert row[f"target_{year}"] == record["targets"][year]
            assert row[f"target_{year}_value"] == (record["target_values"][year] or "")
    assert rows[0]["actuals"] == "2020=2.6; 2021=2.7"
    assert Decimal(rows[0]["target_2024_value"]) == Decimal("2.7")


def test_open_data_page_documents_the_schema_and_links_the_files(client, imported_plan):
    html = client.get(url("open_data", lang="en")).content.decode()
    assert f'href="{url("indicators_csv", lang="en")}"' in html
    assert f'href="{url("indicators_json", lang="en")}"' in html
    for field in (
        "<code>targets</code>",
        "<code>target_values</code>",
        "<code>actuals</code>",
        "<code>status</code>",
    ):
        assert field in html
    assert ", ".join(CSV_COLUMNS) in html
    # The parser's notes, written for developers ("[count] …"), are grouped under headings for
    # the public, each naming the project it concerns with a link.
    assert "[count]" not in html and "[correction]" not in html and "[artefact]" not in html
    assert "<h3>Counts in the plan that disagree</h3>" in html
    assert (
        '<li><span lang="ko">전략4</span>: <span lang="en">table of contents (<span lang="ko">'
        '목차</span>) says 22 tasks (<span lang="ko">이행과제</span>), the body has 23</span></li>'
        in html
    )
    assert "<h3>How ambiguous tables were read</h3>" in html
    assert html.count('<li><a href="/en/sdg/projects/') == 15 + 7  # corrections and repeats
    assert 'href="https://creativecommons.org/licenses/by-nd/3.0/" rel="license noopener"' in html
    index = client.get(url("index", lang="en")).content.decode()
    assert f'href="{url("open_data", lang="en")}"' in index


def licence_block(html):
    start = html.index('<div class="licence">')
    return html[start : html.index("</div>", start)]


def test_the_sdg_plan_pages_and_files_carry_its_cc_by_nd_licence(client, imported_plan):
    goal = "/en/sdg/goals/1-1/"  # the plan's text on every page that shows it (a goal's too)
    for path in ("/ko/sdg/", goal, "/ko/sdg/projects/1/", "/en/sdg/indicators/1/", "/en/sdg/data/"):
        block = licence_block(client.get(path).content.decode())
        assert 'href="https://creativecommons.org/licenses/by-nd/3.0/' in block, path
    response = client.get("/ko/sdg/indicators.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "licence"
    assert {row[-1] for row in rows[1:]} == {"https://creativecommons.org/licenses/by-nd/3.0/"}
    assert response["Link"] == '<https://creativecommons.org/licenses/by-nd/3.0/>; rel="license"'
