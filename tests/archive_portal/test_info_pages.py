"""The site information pages: about, privacy policy, accessibility statement, terms and
copyright, contact — both languages, dated versions, linked from every footer."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from archive_portal.lib.timezone import seoul_today
from archive_portal.models import InfoPage, InfoPageVersion
from archive_portal.seed import load_info_pages
from training import consent

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
    assert main.count("【담당자 입력 필요") == 6


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


def test_the_privacy_policy_covers_the_learning_requests_as_their_notice_and_purge_do(
    client, pages
):
    """The "Learn this policy in Seoul" form (issue 17) collects personal data too: the policy
    names it, with the retention its notice states and what purge_personal_data keeps."""
    assert datetime.timedelta(days=730) == consent.REQUEST_RETENTION
    with translation.override("en"):
        notice = {str(title): str(text) for title, text in consent.REQUEST_NOTICE_ITEMS}
    assert notice["How long we keep it"].startswith("Two years after the request arrives.")
    english = main_text(client.get("/en/privacy/"))
    assert 'the <strong>"Learn this policy in Seoul" request form</strong>' in english
    assert "requests: <strong>two years after the request arrives</strong>" in english
    assert "name, position, email address, phone number, message and staff notes" in english
    korean = main_text(client.get("/ko/privacy/"))
    assert "요청 접수 후 <strong>2년</strong>까지 보유합니다" in korean
    assert "<td>정책 배우기 요청인</td>" in korean


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
