"""The nomination form: every bad input of issue #7 point 5, and the happy path with its emails."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.training.factories import NominationFactory, ProgrammeFactory, form_data
from training.models import Nomination, NominationStatus

pytestmark = pytest.mark.django_db

APPLY = "/ko/training/open-call/apply/"
CHECK = "/ko/training/open-call/apply/check/"
DONE = "/ko/training/open-call/apply/confirmation/"


def continue_with(client, **overrides):
    return client.post(APPLY, form_data(**overrides))


def test_form_page_is_never_cached_and_not_indexed(client, programme):
    response = client.get(APPLY)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert "개인정보 수집·이용 동의" in html
    assert html.count('name="trainees-0-name"') == 1
    assert 'name="trainees-1-name"' not in html


def test_form_pages_work_under_a_strict_csp(client, programme):
    """No inline script, style or event attribute on the form, its errors or the check page."""
    pages = [client.get(APPLY), continue_with(client, writer_name="")]
    continue_with(client)
    pages.append(client.get(CHECK))
    for response in pages:
        html = response.content.decode()
        assert " style=" not in html
        assert "<script>" not in html
        assert " onclick=" not in html and " onchange=" not in html


def test_the_form_in_english(client, programme):
    html = client.get("/en/training/open-call/apply/").content.decode()
    assert "Nominate a country and trainees" in html
    assert "Your right to refuse" in html


def test_happy_path_check_answers_submit_reference_and_emails(
    client, programme, django_capture_on_commit_callbacks
):
    response = continue_with(client)
    assert response.status_code == 302
    assert response["Location"] == CHECK

    check = client.get(CHECK)
    html = check.content.decode()
    assert check.status_code == 200
    assert "Nguyen Van An" in html and "Tran Thi Binh" in html
    assert "베트남" in html
    for section in ("#section-writer", "#section-country", "#milestones", "#trainees"):
        assert f'<a href="{APPLY}{section}">변경<span class="visually-hidden"> ' in html, section
    assert html.count('<p class="change-link">') == 4
    assert "no-cache" in check["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECK)
    assert response.status_code == 302
    assert response["Location"].startswith(DONE + "?c=")
    nomination = Nomination.objects.get()
    assert nomination.reference == "TR-2025-001"
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.consent_notice_version == "2025-1"
    assert nomination.consent_given_at is not None
    assert nomination.company_key == "한국철도기술(주)"
    assert len(nomination.submission_key) == 43
    assert [t.name for t in nomination.trainees.all()] == ["Nguyen Van An", "Tran Thi Binh"]
    assert [m.date for m in nomination.milestones.all()] == [
        datetime.date(2024, 3, 14),
        datetime.date(2025, 1, 20),
    ]
    assert nomination.status_changes.get().to_status == "submitted"

    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert html.count("TR-2025-001") >= 2
    assert "writer@example.com" in html
    assert "no-cache" in confirmation["Cache-Control"]

    assert len(mail.outbox) == 2
    writer, staff = mail.outbox
    assert writer.to == ["writer@example.com"]
    assert writer.subject == "추천 접수 완료: TR-2025-001"
    assert "TR-2025-001" in writer.body
    assert "/ko/training/nominations/" in writer.body
    assert staff.to == ["staff@seoul.go.kr"]
    assert staff.subject == "새 추천 접수 TR-2025-001"
    assert "/admin/training/nomination/" in staff.body
    assert "/training/nominations/" not in staff.body  # the private link goes to the writer only


def test_english_writer_gets_english_email(client, programme, django_capture_on_commit_callbacks):
    client.post("/en/training/open-call/apply/", form_data())
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/training/open-call/apply/check/")
    assert mail.outbox[0].subject == "Nomination received: TR-2025-001"
    assert "/en/training/nominations/" in mail.outbox[0].body


def assert_error_keeps_values(response, message, *values):
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert html.count(message) == 2, f"{message!r} should be in the summary and by the field"
    for value in values:
        assert value in html, value
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"writer_name": ""}, "성명을 입력하세요"),
        (
            {"writer_email": "not-an-email"},
            "이메일 주소를 name@example.com 과 같은 형식으로 입력하세요",
        ),
        (
            {"writer_phone": "call me"},
            "전화번호는 02 1234 5678 또는 +82 2 1234 5678 처럼 숫자로 입력하세요",
        ),
        ({"company": ""}, "회사명을 입력하세요"),
        ({"country": ""}, "추천하는 국가를 선택하세요"),
        ({"country": "XX"}, "목록에서 국가를 선택하세요"),
        ({"city": ""}, "추천하는 도시를 입력하세요"),
        ({"railway_plan": ""}, "도시의 철도건설계획을 작성하세요"),
        ({"trainees-1-english_ability": ""}, "연수생의 영어 능력을 선택하세요"),
        ({"milestones-1-date": "2025-02-30"}, "2025-03-14 와 같이 실제 날짜를 입력하세요"),
        ({"milestones-1-date": "1899-01-01"}, "날짜는 1990-01-01 이후여야 합니다"),
        ({"milestones-1-date": "2099-01-01"}, "날짜는 앞으로 10년 이내여야 합니다"),
        ({"milestones-1-date": ""}, "추진 일자를 입력하세요"),
    ],
)
def test_bad_field_shows_message_by_the_field_and_keeps_everything(
    client, programme, overrides, message
):
    response = continue_with(client, **overrides)
    assert_error_keeps_values(
        response,
        message,
        "Nguyen Van An",
        "Tran Thi Binh",
        "타당성 조사 착수",
        "하노이 도시철도공사",
    )


def test_errors_are_in_english_for_english_visitors(client, programme):
    response = client.post("/en/training/open-call/apply/", form_data(writer_name=""))
    assert response.content.decode().count("Enter your full name") == 2


def test_no_consent(client, programme):
    response = continue_with(client, consent=None)
    assert_error_keeps_values(
        response,
        "개인정보 수집·이용에 동의하려면 확인란을 선택하세요. 동의하지 않으면 추천을 접수할 수 없습니다",
        "Nguyen Van An",
        "2025-01-20",
    )
    assert 'id="id_consent" aria-describedby="id_consent-error"' in response.content.decode()


def test_more_trainees_than_allowed(client, programme):
    response = continue_with(
        client,
        **{
            "trainees-TOTAL_FORMS": "3",
            "trainees-2-name": "Le Van Cuong",
            "trainees-2-position": "기술자",
            "trainees-2-duties": "신호",
            "trainees-2-reason": "신호 전문가",
            "trainees-2-english_ability": "basic",
        },
    )
    assert_error_keeps_values(
        response, "국가별 연수생은 최대 2명까지 추천할 수 있습니다: 1명을 빼 주세요", "Le Van Cuong"
    )


def test_the_same_trainee_twice(client, programme):
    response = continue_with(client, **{"trainees-1-name": " nguyen  van an "})
    assert_error_keeps_values(
        response,
        "이미 목록에 있는 연수생입니다: 한 사람은 한 번만 추천하세요",
        "nguyen  van an",
        "건설과장",
    )


def test_no_trainee_and_no_milestone(client, programme):
    response = continue_with(client, **{"trainees-TOTAL_FORMS": "0", "milestones-TOTAL_FORMS": "0"})
    html = response.content.decode()
    assert "연수생을 1명 이상 추천하세요" in html
    assert "민간기업의 진행상황을 날짜와 함께 1건 이상 입력하세요" in html
    assert "하노이 도시철도공사" in html


def test_the_same_milestone_twice(client, programme):
    response = continue_with(
        client,
        **{"milestones-1-date": "2024-03-14", "milestones-1-description": "타당성 조사 착수"},
    )
    assert_error_keeps_values(response, "같은 날짜에 이미 입력한 내용입니다", "Tran Thi Binh")


def test_same_firm_same_country_twice_is_refused_without_telling_the_reference(client, programme):
    NominationFactory(
        programme=programme,
        company="한국철도기술(주)",
        country="VN",
        sequence=7,
        reference="TR-2025-007",
    )
    response = continue_with(client, company="  한국철도기술 (주) ")
    assert response.status_code == 200
    html = response.content.decode()
    assert "TR-2025-007" not in html
    assert html.count("이 프로그램에는 같은 이름의 회사가 이 국가를 추천한 건이 이미 접수되어") == 2
    assert Nomination.objects.count() == 1
    # Another country is fine.
    assert continue_with(client, country="ID").status_code == 302


def test_programme_not_open(client):
    ProgrammeFactory(slug="open-call", application_deadline=timezone.now() - datetime.timedelta(1))
    response = client.get(APPLY)
    assert response.status_code == 200
    assert "추천을 받지 않습니다" in response.content.decode()
    response = continue_with(client)
    assert response.status_code == 409
    assert not Nomination.objects.exists()


def test_upcoming_programme_not_open(client):
    ProgrammeFactory(slug="open-call", applications_open_at=timezone.now() + datetime.timedelta(3))
    response = client.get(APPLY)
    assert "추천 접수 시작" in response.content.decode()


def test_unpublished_programme_is_404(client):
    ProgrammeFactory(slug="open-call", is_published=False)
    assert client.get(APPLY).status_code == 404


def test_deadline_passing_between_form_and_submit(client, programme):
    assert continue_with(client).status_code == 302
    programme.application_deadline = timezone.now() - datetime.timedelta(seconds=1)
    programme.save()
    response = client.post(CHECK)
    assert response.status_code == 409
    html = response.content.decode()
    assert "이 프로그램은 추천을 받지 않습니다: 마감은" in html
    assert "Nguyen Van An" in html  # the answers are still on the page
    assert not Nomination.objects.exists()


def test_honeypot(client, programme):
    response = continue_with(client, website="http://spam.example")
    assert response.status_code == 200
    assert "추천을 접수할 수 없습니다." in response.content.decode()
    assert client.get(CHECK).status_code == 302  # no valid draft: back to the form


def test_rate_limit_per_address(client_ip, programme, settings):
    first = client_ip("198.51.100.7")
    for n in range(5):
        first.post(APPLY, form_data(country=["VN", "ID", "PH", "TH", "KH"][n]))
        assert first.post(CHECK).status_code == 302
    first.post(APPLY, form_data(country="LA"))
    response = first.post(CHECK)
    assert response.status_code == 429
    assert "한 시간 동안 너무 많은 추천" in response.content.decode()
    assert Nomination.objects.count() == 5
    other = client_ip("198.51.100.8")
    other.post(APPLY, form_data(country="LA"))
    assert other.post(CHECK).status_code == 302


def test_add_and_remove_rows_without_javascript(client, programme):
    data = form_data(action="add-milestones")
    response = client.post(APPLY, data)
    html = response.content.decode()
    assert 'name="milestones-2-date"' in html
    assert "양해각서 체결" in html
    assert "error-summary" not in html
    response = client.post(APPLY, form_data(action="remove-trainees-0"))
    html = response.content.decode()
    assert "Nguyen Van An" not in html and "Tran Thi Binh" in html
    assert 'value="add-trainees"' in html
    # At the limit there is no "add another trainee" button.
    html = client.post(APPLY, form_data(action="remove-milestones-0")).content.decode()
    assert 'value="add-trainees"' not in html


def test_change_link_brings_back_the_answers(client, programme):
    continue_with(client)
    html = client.get(APPLY).content.decode()
    assert "Tran Thi Binh" in html
    assert "2025-01-20" in html
    assert 'id="id_consent" checked' in html


def test_check_page_without_draft_goes_back_to_form(client, programme):
    response = client.get(CHECK)
    assert response.status_code == 302
    assert response["Location"] == APPLY


def test_confirmation_without_submission_redirects(client, programme):
    assert client.get(DONE)["Location"] == "/ko/training/open-call/"


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"milestones-TOTAL_FORMS": "abc", "trainees-TOTAL_FORMS": "-4"},
        {"milestones-TOTAL_FORMS": "100000", "trainees-TOTAL_FORMS": "9999999999999"},
        {"action": "remove-trainees-abc"},
        {"action": "remove-milestones-99"},
        {"country": ["VN", "ID"], "consent": ["on", "off"]},
        {"writer_name": "a\x00b", "milestones-TOTAL_FORMS": "1", "milestones-0-date": "x" * 5000},
    ],
)
def test_garbage_never_gives_a_500(client, programme, post):
    response = client.post(APPLY, post)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="writer_name"' in html  # the form again
    # A row's remove button only edits the draft; anything else is checked, errors listed.
    assert ("error-summary" in html) is not post.get("action", "").startswith("remove-")
    assert not Nomination.objects.exists()


def test_a_broken_session_draft_sends_back_to_the_form(client, programme):
    for drafts in ({f"training-draft-{programme.pk}": {"main": "not a dict"}}, "not a dict"):
        session = client.session
        session["training-drafts"] = drafts
        session.save()
        assert client.get(CHECK)["Location"] == APPLY
        assert client.get(APPLY).status_code == 200
        assert continue_with(client).status_code == 302  # a new draft replaces the broken one


def test_form_steps_are_rate_limited_and_a_refused_step_keeps_nothing(
    client_ip, programme, settings
):
    settings.TRAINING_FORM_STEPS_PER_HOUR = 3
    visitor = client_ip("198.51.100.7")
    for city in ("하노이", "다낭", "후에"):
        assert visitor.post(APPLY, form_data(city=city)).status_code == 302
    response = visitor.post(APPLY, form_data(city="호찌민"))
    assert response.status_code == 429
    html = response.content.decode()
    assert (
        html.count("지난 한 시간 동안 귀하의 네트워크 주소에서 너무 많은 양식이 제출되었습니다")
        == 2
    )
    assert "호찌민" in html  # what was typed is shown again
    assert "후에" in visitor.get(CHECK).content.decode()  # the kept draft is the last allowed one
    # Another address is counted on its own.
    assert client_ip("198.51.100.8").post(APPLY, form_data()).status_code == 302


def test_a_visitors_draft_is_kept_for_a_day_not_two_weeks(client, programme):
    from django.contrib.sessions.models import Session

    before = timezone.now()
    continue_with(client)
    expires = Session.objects.get().expire_date
    assert (
        before + datetime.timedelta(hours=24)
        <= expires
        <= timezone.now() + datetime.timedelta(hours=24)
    )


def test_a_huge_field_leaves_no_session_row_behind(client, programme):
    from django.contrib.sessions.models import Session

    response = continue_with(client, city_overview="가" * 700_000)
    assert response.status_code == 200
    html = response.content.decode()
    assert "답변이 너무 길어 보관할 수 없습니다" in html
    assert len(html) < 100_000
    assert not Session.objects.exists()
    assert not Nomination.objects.exists()


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, programme):
    response = continue_with(client, city_overview="x" * (3 * 1024 * 1024))
    assert response.status_code == 400


def test_the_submission_rate_limit_counts_only_nominations_stored(client_ip, programme, settings):
    settings.TRAINING_SUBMISSIONS_PER_HOUR = 1
    visitor = client_ip("198.51.100.7")
    visitor.post(APPLY, form_data())
    programme.application_deadline = timezone.now() - datetime.timedelta(seconds=1)
    programme.save()
    assert visitor.post(CHECK).status_code == 409  # refused: the deadline passed
    programme.application_deadline = timezone.now() + datetime.timedelta(days=1)
    programme.save()
    assert visitor.post(CHECK).status_code == 302  # the refusal did not count
    visitor.post(APPLY, form_data(country="ID"))
    assert visitor.post(CHECK).status_code == 429
    assert Nomination.objects.count() == 1
