"""The site information pages: about, privacy policy, accessibility statement, terms and
copyright, contact — both languages, dated versions, linked from every footer."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from archive_portal.lib.timezone import seoul_today
from archive_portal.models import InfoPage, InfoPageVersion
from archive_portal.seed import load_info_pages
from training import consent, services, subscriptions
from training.models import LearningRequest, Subscription

pytestmark = pytest.mark.django_db

SEEDED = datetime.date(2026, 12, 1)
KINDS = ["about", "privacy", "accessibility", "terms", "contact"]


@pytest.fixture
def pages():
    load_info_pages()


def main_text(response):
    html = response.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/ko/about/", "서울정책아카이브 소개"),
        ("/en/about/", "About the Seoul Policy Archive"),
        ("/ko/privacy/", "개인정보처리방침"),
        ("/en/privacy/", "Privacy policy"),
        ("/ko/accessibility/", "웹 접근성 정책"),
        ("/en/accessibility/", "Accessibility statement"),
        ("/ko/terms/", "이용약관 및 저작권 정책"),
        ("/en/terms/", "Terms of use and copyright"),
        ("/ko/contact/", "문의처"),
        ("/en/contact/", "Contact us"),
    ],
)
def test_each_page_answers_in_both_languages_with_its_date(client, pages, path, title):
    response = client.get(path)
    assert response.status_code == 200
    main = main_text(response)
    assert f'<h1 id="info-page-title">{title}</h1>' in main
    in_force = "시행일 2026-12-01" if path.startswith("/ko/") else "In force from 1 December 2026"
    assert main.count(in_force) == 1


def test_the_privacy_policy_has_every_item_pipa_article_30_requires(client, pages):
    main = main_text(client.get("/ko/privacy/"))
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", main)
    assert headings == [
        "제1조 개인정보의 처리 목적",
        "제2조 처리하는 개인정보의 항목",
        "제3조 개인정보의 처리 및 보유 기간",
        "제4조 개인정보의 파기 절차 및 방법",
        "제5조 개인정보의 제3자 제공",
        "제6조 개인정보 처리업무의 위탁",
        "제7조 정보주체와 법정대리인의 권리·의무 및 행사 방법",
        "제8조 개인정보의 안전성 확보조치",
        "제9조 개인정보 보호책임자와 열람청구 접수·처리 부서",
        "제10조 권익침해 구제 방법",
        "제11조 개인정보 처리방침의 변경",
        "이 페이지의 판",
    ]
    # The privacy officer's department and contacts, from the seeded calls.
    assert "도시기반시설본부 도시철도설계부 설계총괄과 (☏ 02-6438-2522, 팩스 02-6438-2550)" in main
    # Facts the seeds do not give are marked for staff, not invented.
    assert main.count("【담당자 입력 필요") == 7


def test_the_privacy_policy_says_what_the_consent_notice_and_the_purge_do(client, pages):
    """The retention period and what is kept afterwards are the ones the nomination form's
    notice states and purge_personal_data enforces."""
    assert datetime.timedelta(days=730) == consent.RETENTION
    with translation.override("en"):
        notice = {str(title): str(text) for title, text in consent.NOTICE_ITEMS}
    assert "Until two years after the training ends." in notice["How long we keep it"]
    assert "only the reference, country, city and result are kept" in notice["How long we keep it"]

    english = main_text(client.get("/en/privacy/"))
    assert "until <strong>two years after the training ends</strong>" in english
    assert "<strong>the reference number, country, city and result</strong> are kept" in english
    assert "<code>purge_personal_data</code>" in english
    for item in ("name, email address, phone number, company", "English ability"):
        assert item in english
    korean = main_text(client.get("/ko/privacy/"))
    assert "해당 초청연수가 끝난 날부터 <strong>2년</strong>까지 보유합니다" in korean
    assert "<strong>접수번호, 국가, 도시, 심사 결과만</strong> 남깁니다" in korean


# What the policy calls each field of the two newer forms' models: a field added to a model
# fails here until the policy names it (the policy lists what the code stores, nothing else).
LEARNING_REQUEST_ITEMS = {
    "reference": "reference",
    "kind": "training programme or study visit",
    "organisation": "organisation",
    "contact_name": "name",
    "position": "position",
    "email": "email address",
    "phone": "phone number",
    "city": "city",
    "country": "country",
    "policy": "policy of interest",
    "publication": "the page it was asked from",
    "preferred_period": "preferred period",
    "group_size": "group size",
    "message": "message",
    "language": "language of the form",
    "consent_given_at": "date and time received",
    "consent_notice_version": "version of the notice agreed to",
    "status": "status",
    "staff_notes": "staff notes",
}
NOT_PERSONAL = {"id", "programme", "created_at", "updated_at", "anonymised_at"}
SUBSCRIPTION_ITEMS = {
    "email": "email address",
    "language": "language",
    "topics": "topics chosen (new training calls, news categories, publication sectors)",
    "pending_topics": "topics and language asked for but not yet confirmed",
    "pending_language": "topics and language asked for but not yet confirmed",
    "requested_at": "when it was asked for",
    "created_at": "when it was asked for",
    "confirmed_at": "when it was confirmed",
    "consent_notice_version": "version of the notice agreed to",
    "deliveries": "the items sent to the address and when (sent-log)",
}
# Random keys signed into the links: secrets, not information about the subscriber.
SUBSCRIPTION_KEYS = {"id", "confirm_key", "unsubscribe_key"}


def _field_names(model):
    return {field.name for field in model._meta.get_fields()}


def test_the_privacy_policy_names_what_requests_and_subscriptions_store_and_how_long(client, pages):
    english = main_text(client.get("/en/privacy/"))
    korean = main_text(client.get("/ko/privacy/"))

    assert _field_names(LearningRequest) == set(LEARNING_REQUEST_ITEMS) | NOT_PERSONAL
    assert _field_names(Subscription) == set(SUBSCRIPTION_ITEMS) | SUBSCRIPTION_KEYS
    for item in {*LEARNING_REQUEST_ITEMS.values(), *SUBSCRIPTION_ITEMS.values()}:
        assert item in english, item

    # Retention, from the numbers purge_personal_data and the unsubscribe link use.
    years = consent.REQUEST_RETENTION.days // 365
    assert datetime.timedelta(days=365 * years) == consent.REQUEST_RETENTION
    words = {2: "two", 3: "three", 5: "five"}[years]
    assert f"<strong>{words} years after the request arrives</strong>" in english
    assert f"요청이 접수된 날부터 <strong>{years}년</strong>까지 보유합니다" in korean
    days = consent.SUBSCRIPTION_CONFIRM_DAYS
    assert datetime.timedelta(days=days) == subscriptions.CONFIRM_MAX_AGE
    assert f"A subscription not confirmed within <strong>{days} days</strong>" in english
    assert (
        f"<strong>{days}일</strong>(확인 링크의 유효기간) 안에 확인하지 않은 신청은 삭제" in korean
    )
    assert "<strong>until you unsubscribe</strong>" in english
    assert "<strong>수신 거부할 때까지</strong> 보유합니다" in korean
    assert "deletes the address at once, with its sent-log" in english
    assert "전자우편 주소와 발송 기록이 바로 삭제됩니다" in korean

    # What the purge removes from a request is what the policy says it removes.
    request = LearningRequest.objects.create(
        reference="L-TEST-1",
        kind=LearningRequest.Kind.STUDY_VISIT,
        organisation="City of Example",
        contact_name="A. Person",
        position="Planner",
        email="a.person@example.org",
        phone="+1 555 0100",
        city="Example",
        country="KE",
        policy="Bus rapid transit",
        preferred_period="Spring",
        group_size=4,
        message="Hello",
        language="en",
        consent_given_at=timezone.now(),
        consent_notice_version=consent.REQUEST_NOTICE_VERSION,
        staff_notes="Call back",
    )
    before = {name: getattr(request, name) for name in LEARNING_REQUEST_ITEMS}
    services.learning_request_anonymise(request=request)
    request.refresh_from_db()
    removed = {name for name, value in before.items() if getattr(request, name) != value}
    assert removed == {"contact_name", "position", "email", "phone", "message", "staff_notes"}
    assert (
        "<strong>the name, position, email address, phone number, message and staff "
        "notes</strong>" in english
    )
    assert "<strong>성명, 직위, 전자우편 주소, 전화번호, 메시지, 담당자 메모</strong>" in korean

    # The forms' consent notices say the same periods.
    with translation.override("en"):
        request_notice = {str(title): str(text) for title, text in consent.REQUEST_NOTICE_ITEMS}
        subscription_notice = {
            str(title): str(text) for title, text in consent.SUBSCRIPTION_NOTICE_ITEMS
        }
    assert request_notice["How long we keep it"].startswith(
        f"{words.capitalize()} years after the request arrives."
    )
    assert f"within {days} days is deleted" in subscription_notice["How long we keep it"]
    assert "Until you unsubscribe" in subscription_notice["How long we keep it"]


def test_the_accessibility_statement_names_its_standards_and_how_to_report(client, pages):
    main = main_text(client.get("/en/accessibility/"))
    assert "Korean Web Content Accessibility Guidelines (KWCAG) 2.2" in main
    assert "<strong>WCAG 2.1 level AA</strong>" in main
    assert "<h2>Known exceptions</h2>" in main
    assert "<h2>Report a problem</h2>" in main


def test_the_about_page_has_the_whole_seed_text(client, pages):
    korean = main_text(client.get("/ko/about/"))
    assert "<h2>공유도시(Sharing City) 서울은?</h2>" in korean
    assert "<h2>'공유도시 서울' 정책을 추진하게 된 이유는?</h2>" in korean
    # The MITI text of both seeded home pages, in English (marked so) on the Korean page.
    assert '<div lang="en">' in korean
    assert "established in 1996. Today, MITI counts on headquarters located in Seoul" in korean
    english = main_text(client.get("/en/about/"))
    assert "<h2>What is Sharing City Seoul?</h2>" in english
    assert "<h2>Why did Seoul set out to become a sharing city?</h2>" in english
    assert "<h2>MITI – Metropolis International Training Institute</h2>" in english


@pytest.mark.parametrize("path", ["/ko/", "/en/news/", "/ko/sdg/", "/en/privacy/"])
def test_every_footer_links_the_four_pages(client, pages, path):
    html = client.get(path).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    lang = path[1:3]
    for kind in ("privacy", "accessibility", "contact", "about"):
        assert footer.count(f'href="/{lang}/{kind}/"') == 1
    assert footer.count(f'href="/{lang}/terms/"') == 2  # and "How to reuse content"
    privacy = "개인정보처리방침" if lang == "ko" else "Privacy policy"
    assert f'<a class="site-footer__privacy" href="/{lang}/privacy/">{privacy}</a>' in footer


def new_version(effective_on, text, note=""):
    return InfoPageVersion.objects.create(
        page=InfoPage.objects.get(kind="privacy"),
        effective_on=effective_on,
        body_ko=f"{text} (ko)",
        body_en=text,
        change_note_en=note,
    )


def english(day):
    return f"{day.day} {day:%B %Y}"


def test_an_upcoming_version_is_announced_and_the_old_one_stays_readable(client, pages):
    today = seoul_today()
    older = new_version(SEEDED - datetime.timedelta(days=30), "The first wording.")
    upcoming = new_version(today + datetime.timedelta(days=7), "The next wording.", "Processors")

    main = main_text(client.get("/en/privacy/"))
    assert "The next wording." not in main and "The first wording." not in main
    assert "Seoul Metropolitan Government" in main  # the seeded version is in force
    next_date = upcoming.effective_on.isoformat()
    # English pages write dates in words (config/formats/en), the addresses keep ISO dates.
    assert f"A new version takes effect on {english(upcoming.effective_on)}. Processors " in main
    assert f'<a href="/en/privacy/{next_date}/">Read the new version</a>' in main
    assert f'<a href="/en/privacy/{older.effective_on.isoformat()}/">' in main

    main = main_text(client.get(f"/en/privacy/{older.effective_on.isoformat()}/"))
    assert "<p>The first wording.</p>" in main
    assert (
        f"This is an earlier version: it applied from {english(older.effective_on)} "
        "until 1 December 2026." in main
    )
    assert '<a href="/en/privacy/">Read the version in force today</a>' in main

    main = main_text(client.get(f"/en/privacy/{next_date}/"))
    assert f"This version takes effect on {english(upcoming.effective_on)}." in main


@pytest.mark.parametrize("path", ["/ko/privacy/2019-01-01/", "/ko/privacy/2026-13-45/"])
def test_an_unknown_or_impossible_date_is_not_found(client, pages, path):
    assert client.get(path).status_code == 404


def test_a_page_without_a_version_in_force_is_not_found(client, pages):
    InfoPageVersion.objects.filter(page__kind="terms").update(
        effective_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert client.get("/en/terms/").status_code == 404


@pytest.mark.parametrize("extra_versions", [0, 5])
def test_query_count_is_fixed(client, pages, django_assert_num_queries, extra_versions):
    for n in range(extra_versions):
        new_version(SEEDED - datetime.timedelta(days=n + 1), f"Old {n}")
    # the page's versions with the page (one join), footer partners
    with django_assert_num_queries(2):
        response = client.get("/ko/privacy/")
    assert response.status_code == 200


def test_staff_add_a_version_in_the_admin(client, pages, superuser):
    client.force_login(superuser)
    page = InfoPage.objects.get(kind="contact")
    version = page.versions.get()
    response = client.get("/admin/archive_portal/infopage/")
    assert response.status_code == 200
    assert (
        "2026-12-01" in response.content.decode() or "2026년 12월 1일" in response.content.decode()
    )
    data = {
        "title_ko": page.title_ko,
        "title_en": page.title_en,
        "versions-TOTAL_FORMS": "2",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-id": str(version.pk),
        "versions-0-page": str(page.pk),
        "versions-0-effective_on": "2026-12-01",
        "versions-0-body_ko": version.body_ko,
        "versions-0-body_en": version.body_en,
        "versions-1-page": str(page.pk),
        "versions-1-effective_on": (SEEDED - datetime.timedelta(days=1)).isoformat(),
        "versions-1-body_ko": "예전 문의처",
        "versions-1-body_en": "Old contacts",
        "versions-1-change_note_en": "Before the redesign",
    }
    response = client.post(f"/admin/archive_portal/infopage/{page.pk}/change/", data)
    assert response.status_code == 302
    assert list(page.versions.values_list("effective_on", flat=True)) == [
        SEEDED,
        SEEDED - datetime.timedelta(days=1),
    ]
    main = main_text(client.get("/en/contact/"))
    assert '<a href="/en/contact/2026-11-30/">30 November 2026</a>: Before the redesign' in main
