"""The 2023 and 2025 calls, seeded exactly as published; idempotent."""

import datetime

import pytest

from training.models import SEOUL, Programme
from training.seed import load

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent():
    assert load() == (16, 0)
    assert load() == (0, 0)
    assert Programme.objects.count() == 2


def test_2023_call_as_published(client):
    load()
    p = Programme.objects.get(slug="2023-urban-railway-invited-training")
    assert (p.training_starts, p.training_ends) == (datetime.date(2023, 10, 29),
                                                    datetime.date(2023, 11, 4))  # fmt: skip
    assert p.application_deadline.astimezone(SEOUL).isoformat() == "2023-07-31T23:59:59+09:00"
    assert (p.country_quota, p.country_quota_note) == (5, "민간기업 추천 5개국 이내")
    assert (p.recruitment_countries, p.recruitment_note) == (
        7,
        "7개국 이내(연수생은 국가별 2명 이내)",
    )
    assert (p.trainees_per_country, p.total_trainees) == (2, None)
    assert (p.contact_person, p.contact_email) == ("이홍규", "artlhg@seoul.go.kr")
    assert (p.contact_phone, p.contact_fax) == ("02-6438-2522", "02-6438-2550")
    assert len(p.country_criteria_list) == 4 and len(p.trainee_criteria_list) == 4
    assert [s.day for s in p.schedule.all()] == [f"{n}일차" for n in range(1, 8)]
    assert p.status == "closed"
    assert p.reference_prefix == "TR-2023"
    html = client.get(p.get_absolute_url()).content.decode()
    assert "민간기업 추천 5개국 이내" in html and "7개국 이내(연수생은 국가별 2명 이내)" in html
    assert 'rowspan="3"' in html  # 기관방문 현장견학 spans days 3–5 as in the call's table
    assert "마감" in html and "/apply/" not in html


def test_2025_call_as_published():
    load()
    p = Programme.objects.get(slug="2025-urban-railway-invited-training")
    assert (p.training_starts, p.training_ends) == (datetime.date(2025, 10, 26),
                                                    datetime.date(2025, 11, 1))  # fmt: skip
    assert p.application_deadline.astimezone(SEOUL).isoformat() == "2025-07-25T23:59:59+09:00"
    assert (p.country_quota, p.recruitment_countries, p.total_trainees) == (6, 6, 14)
    assert p.recruitment_note == "6개국 14명 이내(연수생은 국가별 2명 이내)"
    assert (p.contact_person, p.contact_email) == ("오재련", "jaeryen@seoul.go.kr")
    schedule = list(p.schedule.all())
    assert [s.date for s in schedule] == [datetime.date(2025, 10, 26) + datetime.timedelta(d)
                                          for d in range(7)]  # fmt: skip
    assert schedule[1].host_note == "서울국제개발협력단 교통첨단교통과"
    assert "서울교통정보센터(TOPIS) 견학" in schedule[1].activity_list
    assert p.status == "closed"


def test_seed_restores_edited_values():
    load()
    Programme.objects.filter(slug="2025-urban-railway-invited-training").update(country_quota=9)
    assert load() == (0, 1)
