import datetime

import factory
from django.utils import timezone

from training.models import (
    EnglishAbility,
    Milestone,
    Nomination,
    NominationStatus,
    Programme,
    ScheduleItem,
    Trainee,
    hash_token,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"도시철도 초청연수 {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "해외 도시철도관계자 초청연수"
    description = "서울도시철도 건설·운영 노하우를 전수합니다."
    training_starts = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(90))
    training_ends = factory.LazyAttribute(lambda p: p.training_starts + datetime.timedelta(6))
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(10))
    application_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(12))
    country_quota = 2
    trainees_per_country = 2
    contact_department = "도시기반시설본부 설계총괄과"
    contact_person = "담당자"
    contact_phone = "02-6438-2522"
    contact_fax = "02-6438-2550"
    contact_email = "staff@seoul.go.kr"
    reference_prefix = factory.Sequence(lambda n: f"TR-{2100 + n}")
    is_published = True


class ScheduleItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleItem

    programme = factory.SubFactory(ProgrammeFactory)
    order = factory.Sequence(lambda n: n + 1)
    day = factory.Sequence(lambda n: f"{n + 1}일차")
    category = "정책소개"
    activities = "서울시 도시철도 현황 소개\n환영만찬"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    programme = factory.SubFactory(ProgrammeFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    reference = factory.LazyAttribute(lambda n: f"{n.programme.reference_prefix}-{n.sequence:03d}")
    status = NominationStatus.SUBMITTED
    writer_name = "김서울"
    writer_email = "writer@example.com"
    writer_phone = "02-1234-5678"
    company = factory.Sequence(lambda n: f"한국철도기술 {n}")
    company_key = factory.LazyAttribute(lambda n: Nomination.normalise_company(n.company))
    country = "VN"
    city = "하노이"
    institution = "하노이 도시철도공사"
    city_overview = "인구 850만"
    railway_plan = "도시철도 3호선 건설 중"
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_notice_version = "2025-1"
    access_token_hash = factory.Sequence(lambda n: hash_token(f"token-{n}"))


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee

    nomination = factory.SubFactory(NominationFactory)
    name = factory.Sequence(lambda n: f"Nguyen Van {n}")
    position = "부장"
    duties = "도시철도 계획"
    reason = "정책관리자"
    english_ability = EnglishAbility.WORKING


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    nomination = factory.SubFactory(NominationFactory)
    date = datetime.date(2024, 3, 14)
    description = "양해각서 체결"


def form_data(**overrides):
    """A valid POST of the nomination form: two milestones, two trainees, consent ticked."""
    data = {
        "writer_name": "김서울",
        "writer_email": "writer@example.com",
        "writer_phone": "+82 2 1234 5678",
        "company": "한국철도기술(주)",
        "country": "VN",
        "city": "하노이",
        "institution": "하노이 도시철도공사",
        "city_overview": "인구 850만의 수도",
        "railway_plan": "2030년까지 도시철도 8개 노선 건설",
        "consent": "on",
        "website": "",
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-date": "2024-03-14",
        "milestones-0-description": "타당성 조사 착수",
        "milestones-1-date": "2025-01-20",
        "milestones-1-description": "양해각서 체결",
        "trainees-TOTAL_FORMS": "2",
        "trainees-INITIAL_FORMS": "0",
        "trainees-0-name": "Nguyen Van An",
        "trainees-0-position": "계획국장",
        "trainees-0-duties": "도시철도 정책 총괄",
        "trainees-0-reason": "도시철도 정책관리자",
        "trainees-0-english_ability": "fluent",
        "trainees-1-name": "Tran Thi Binh",
        "trainees-1-position": "건설과장",
        "trainees-1-duties": "3호선 건설 관리",
        "trainees-1-reason": "철도 건설 담당 간부",
        "trainees-1-english_ability": "working",
        "action": "continue",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
