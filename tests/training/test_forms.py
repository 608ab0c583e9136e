"""The nomination form's parts, where the HTTP tests cannot reach: dates against Seoul's today."""

import datetime

import pytest

from training import forms


@pytest.mark.parametrize(
    ("today", "date", "valid"),
    [
        (datetime.date(2025, 3, 14), "2035-03-14", True),
        (datetime.date(2025, 3, 14), "2035-03-15", False),
        # Ten years after 29 February 2028 is 28 February 2038 (not a leap year), not a 500.
        (datetime.date(2028, 2, 29), "2038-02-28", True),
        (datetime.date(2028, 2, 29), "2038-03-01", False),
    ],
)
def test_milestone_dates_up_to_ten_years_after_today_in_seoul(monkeypatch, today, date, valid):
    monkeypatch.setattr(forms, "seoul_today", lambda: today)
    form = forms.MilestoneForm({"date": date, "description": "착공"})
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["date"] == ["날짜는 앞으로 10년 이내여야 합니다"]
