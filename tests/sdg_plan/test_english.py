"""The SDG plan in English: every name of the plan has the archive's English translation
(sdg_plan/data/english.json), pages on /en/ show it with the archive's note and mark what stays
Korean; a name without English falls back to Korean marked lang="ko"; each goal names the
official title of its UN goal."""

import json

import pytest

from sdg_plan import parser
from sdg_plan.importer import ENGLISH, import_plan
from sdg_plan.models import Department, Goal, Indicator, Project, Strategy, Task

pytestmark = pytest.mark.django_db


def test_every_name_of_the_plan_has_english(imported_plan):
    for model, field in [
        (Strategy, "title"), (Goal, "title"), (Task, "title"), (Project, "name"),
        (Indicator, "name"), (Department, "name"),
    ]:  # fmt: skip
        assert not model.objects.filter(**{f"{field}_en__isnull": True}).exists(), model
    # Units: every Korean unit has its English unit.
    assert not Indicator.objects.exclude(unit_ko="").filter(unit_en__in=["", None]).exists()
    assert Indicator.objects.get(number=73).unit_en == "thousand tonnes CO₂"
    assert Department.objects.get(name_ko="복지정책과").name_en == "Welfare Policy Division"


def test_english_data_file_is_keyed_by_the_plans_numbers(imported_plan):
    english = json.loads(ENGLISH.read_text(encoding="utf-8"))
    assert sorted(map(int, english["tasks"])) == list(range(1, 98))
    assert sorted(map(int, english["projects"])) == list(range(1, 107))
    assert sorted(map(int, english["indicators"])) == list(range(1, 110))
    assert len(english["goals"]) == 17 and len(english["strategies"]) == 4


def test_a_plan_imported_before_its_english_gets_it_on_the_next_import(imported_plan):
    Goal.objects.update(title_en=None)
    Department.objects.filter(name_ko="복지정책과").update(name_en="")
    again = import_plan(parser.parse_plan_file())
    assert again.translated == {"goal": 17, "department": 1}
    assert again.total_created == 0


def test_reimport_keeps_english_that_staff_edited(imported_plan):
    goal = Goal.objects.get(code="1-1")
    goal.title_en = "Ending poverty (edited by staff)"
    goal.save()
    again = import_plan(parser.parse_plan_file())
    assert again.total_created == 0 and again.total_translated == 0
    goal.refresh_from_db()
    assert goal.title_en == "Ending poverty (edited by staff)"
    import_plan(parser.parse_plan_file(), overwrite=True)
    goal.refresh_from_db()
    assert goal.title_en == "Working to end poverty in all its forms"


def test_goal_page_in_english(client, imported_plan):
    html = client.get("/en/sdg/goals/1-1/").text
    assert '<h1>1-1. <span lang="en">Working to end poverty in all its forms</span></h1>' in html
    assert "English translation by the archive; the Korean original prevails." in html
    assert '<a href="https://sdgs.un.org/goals/goal1" rel="noopener">SDG 1: No poverty</a>' in html
    assert '<q class="sdg-official-title">End poverty in all its forms everywhere</q>' in html
    assert 'lang="en">Seoul Citizens&#x27; Welfare Standard 2.0</span>' in html
    html = client.get("/ko/sdg/goals/1-1/").text
    assert '<h1>1-1. <span lang="ko">모든 형태의 빈곤종식을 위한 노력</span></h1>' in html
    assert "English translation by the archive" not in html


def test_indicator_page_in_english_with_units_and_korean_targets_marked(client, imported_plan):
    html = client.get("/en/sdg/indicators/1/").text
    assert '<h1 lang="en">Share of recipients of basic livelihood security</h1>' in html
    assert '<dd lang="en">%</dd>' in html
    indicator = Indicator.objects.get(number=5)  # targets written as words (추진, 운영…)
    html = client.get(indicator.get_absolute_url().replace("/ko/", "/en/")).text
    assert '<td lang="ko">' in html


def test_a_name_without_english_falls_back_to_korean_marked(client, imported_plan):
    Goal.objects.filter(code="1-1").update(title_en=None)
    html = client.get("/en/sdg/goals/1-1/").text
    assert '<h1>1-1. <span lang="ko">모든 형태의 빈곤종식을 위한 노력</span></h1>' in html


def test_contacts_show_international_numbers_in_english(client, imported_plan):
    html = client.get("/en/sdg/projects/1/").text
    assert "<td>+82 2-2133-7310</td>" in html
    assert "<td>2133-7310</td>" in client.get("/ko/sdg/projects/1/").text


def test_open_data_json_gives_english_names_on_english_addresses(client, imported_plan):
    data = client.get("/en/sdg/indicators.json").json()
    first = data["indicators"][0]
    assert first["name"] == "Share of recipients of basic livelihood security"
    data = client.get("/ko/sdg/indicators.json").json()
    assert data["indicators"][0]["name"] == "기초생활보장 수급자율"


def test_admin_edits_the_english_names(client, superuser, imported_plan):
    client.force_login(superuser)
    indicator = Indicator.objects.get(number=1)
    html = client.get(f"/admin/sdg_plan/indicator/{indicator.pk}/change/").text
    for name in ("name_ko", "name_en", "unit_ko", "unit_en"):
        assert f'name="{name}"' in html
    html = client.get("/admin/sdg_plan/department/", {"q": "Welfare Policy"}).text
    assert "복지정책과" in html
