"""The 2023 and 2025 calls, seeded exactly as published; idempotent."""

import datetime

import pytest

from archive_portal.lib.timezone import SEOUL
from training.models import Programme
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


SLUG_2025 = "2025-urban-railway-invited-training"


def _edit_the_2025_call():
    """What staff might do in the admin: a new contact, a corrected schedule row, a day less."""
    programme = Programme.objects.get(slug=SLUG_2025)
    Programme.objects.filter(pk=programme.pk).update(
        country_quota=9, contact_person="김담당", contact_email="kim@seoul.go.kr"
    )
    programme.schedule.filter(order=2).update(host_note="변경된 주관")
    programme.schedule.filter(order=7).delete()
    return programme


def _schedule(programme):
    return list(programme.schedule.order_by("order").values())


def test_seed_keeps_a_programme_and_its_schedule_as_staff_edited_them():
    load()
    programme = _edit_the_2025_call()
    before = Programme.objects.values().get(pk=programme.pk)
    schedule = _schedule(programme)

    assert load() == (0, 0)
    assert Programme.objects.values().get(pk=programme.pk) == before
    assert _schedule(programme) == schedule
    assert len(schedule) == 6


def test_overwrite_restores_edited_values_and_schedule():
    load()
    programme = _edit_the_2025_call()
    # the programme, the edited schedule row, the deleted one created again
    assert load(overwrite=True) == (1, 2)
    programme.refresh_from_db()
    assert programme.country_quota == 6
    assert (programme.contact_person, programme.contact_email) == ("오재련", "jaeryen@seoul.go.kr")
    schedule = list(programme.schedule.all())
    assert len(schedule) == 7
    assert schedule[1].host_note == "서울국제개발협력단 교통첨단교통과"
    assert load(overwrite=True) == (0, 0)


def test_overwrite_deletes_schedule_rows_past_the_seed_schedule():
    load()
    programme = Programme.objects.get(slug=SLUG_2025)
    programme.schedule.create(order=8, day="8일차", activities="귀국")

    assert load() == (0, 0)
    assert programme.schedule.count() == 8
    assert load(overwrite=True) == (0, 1)
    assert programme.schedule.count() == 7
