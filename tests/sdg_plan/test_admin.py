"""Staff enter actual values inline on the indicator; who changed what is kept."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from sdg_plan.models import Actual, Indicator

pytestmark = pytest.mark.django_db


def indicator_form(indicator, actuals):
    data = {
        "project": indicator.project_id,
        "number": indicator.number,
        "position": indicator.position,
        "name_ko": indicator.name_ko,
        "name_en": indicator.name_en,
        "unit_ko": indicator.unit_ko,
        "unit_en": indicator.unit_en,
        "direction": indicator.direction,
        "note_ko": indicator.note_ko,
        "targets": json.dumps(indicator.targets, ensure_ascii=False),
        "target_values": json.dumps(indicator.target_values),
        "actuals-TOTAL_FORMS": len(actuals),
        "actuals-INITIAL_FORMS": sum(1 for a in actuals if "id" in a),
        "actuals-MIN_NUM_FORMS": 0,
        "actuals-MAX_NUM_FORMS": 1000,
    }
    for n, actual in enumerate(actuals):
        for key, value in actual.items():
            data[f"actuals-{n}-{key}"] = value
        data[f"actuals-{n}-indicator"] = indicator.pk
        data.setdefault(
            f"actuals-{n}-department", indicator.project.responsibilities.first().department_id
        )
    return data


def test_staff_enter_actuals_inline_and_the_history_keeps_who_changed_what(
    client, superuser, imported_plan
):
    client.force_login(superuser)
    indicator = Indicator.objects.get(name="태양광 보급용량(누계)")
    change_url = reverse("admin:sdg_plan_indicator_change", args=[indicator.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert "<label>계산된 상태:</label>" in page.content.decode()
    assert '<div class="readonly">미보고</div>' in page.content.decode()

    response = client.post(
        change_url,
        indicator_form(
            indicator,
            [
                {
                    "year": 2020,
                    "value": "600",
                    "source": "에너지 통계",
                    "source_url": "",
                    "reported_on": "2021-03-31",
                    "note": "",
                },
                {
                    "year": 2022,
                    "value": "780",
                    "source": "에너지 통계",
                    "source_url": "",
                    "reported_on": "2023-03-31",
                    "note": "",
                },
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(indicator.actuals.values_list("year", "value")) == [(2020, 600), (2022, 780)]
    assert indicator.progress().status == "on_track"

    actual = indicator.actuals.get(year=2022)
    response = client.post(
        change_url,
        indicator_form(
            indicator,
            [
                {
                    "id": indicator.actuals.get(year=2020).pk,
                    "year": 2020,
                    "value": "600",
                    "source": "에너지 통계",
                    "source_url": "",
                    "reported_on": "2021-03-31",
                    "note": "",
                },
                {
                    "id": actual.pk,
                    "year": 2022,
                    "value": "800",
                    "source": "에너지 통계 (수정)",
                    "source_url": "",
                    "reported_on": "2023-04-30",
                    "note": "",
                },
            ],
        ),
    )
    assert response.status_code == 302
    history = list(Actual.history.filter(id=actual.pk).order_by("history_date"))
    assert [(h.history_type, h.value, h.history_user) for h in history] == [
        ("+", 780, superuser),
        ("~", 800, superuser),
    ]
    page = client.get(change_url).content.decode()
    assert "에너지 통계 (수정)" in page  # the change log on the indicator page


def test_a_second_value_for_the_same_year_is_refused(client, superuser, imported_plan):
    client.force_login(superuser)
    indicator = Indicator.objects.get(name="기초생활보장 수급자율")
    change_url = reverse("admin:sdg_plan_indicator_change", args=[indicator.pk])
    row = {
        "year": 2021,
        "value": "2.6",
        "source": "통계",
        "source_url": "",
        "reported_on": "2022-01-01",
        "note": "",
    }
    response = client.post(change_url, indicator_form(indicator, [row, dict(row)]))
    assert response.status_code == 200  # the form again, with the error
    assert indicator.actuals.count() == 0


def test_admin_lists_render(client, superuser, imported_plan):
    client.force_login(superuser)
    listed = {}
    for model in ("strategy", "goal", "task", "project", "indicator", "actual", "department"):
        response = client.get(reverse(f"admin:sdg_plan_{model}_changelist"))
        assert response.status_code == 200, model
        changelist = response.context["cl"]
        listed[model] = changelist.result_count
        for row in changelist.result_list:
            assert escape(str(row)) in response.content.decode(), (model, row)
    assert listed == {
        "strategy": 4,
        "goal": 17,
        "task": 97,
        "project": 106,
        "indicator": 109,
        "actual": 0,  # reported by staff, none in the plan itself
        "department": 65,
    }
