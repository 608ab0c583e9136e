"""A visitor goes from a policy case to the Seoul SDG goal it serves, sees the goal's other
policies and news there, comes back, and narrows the publications finder to that goal."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from publications.models import Kind
from tests.browser.conftest import screenshot, serious_axe_violations
from tests.goals import make_goal
from tests.news.factories import NewsItemFactory
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tagged():
    climate = make_goal("3-3", "기후변화 대응 모범도시 조성", 13)
    water = make_goal("3-1", "건강하고 안전한 물순환도시 조성", 6)
    case = PublicationFactory(
        title="청계천 복원 사업",
        slug="cheonggyecheon-restoration",
        kind=Kind.POLICY_CASE,
        published_on=date(2024, 6, 1),
        goals=[climate, water],
    )
    PublicationFactory(title="빗물 관리 정책", kind=Kind.POLICY_CASE, goals=[water])
    PublicationFactory(title="기후변화 대응 연구", goals=[climate], published_on=date(2023, 1, 1))
    PublicationFactory(title="버스 체계 개편", kind=Kind.POLICY_CASE)
    NewsItemFactory(title="탄소정보공개 최고등급", goals=[climate])
    return case


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_from_a_policy_case_to_its_goal_and_back(page, tagged, lang):
    page.goto(f"/{lang}/publications/cheonggyecheon-restoration/")
    goals = page.locator(".goal-tags")
    expect(goals.locator("a")).to_have_count(2)
    screenshot(page, f"goal-links-policy-case-{lang}")

    goals.get_by_role("link", name="3-1").click()
    expect(page).to_have_url(re.compile(f"/{lang}/sdg/goals/3-1/$"))
    linked = page.locator(".sdg-linked")
    expect(linked.locator("a", has_text="빗물 관리 정책")).to_be_visible()
    expect(linked.locator("a", has_text="청계천 복원 사업")).to_be_visible()
    assert serious_axe_violations(page) == []
    screenshot(page, f"goal-links-goal-{lang}")

    linked.locator("a", has_text="청계천 복원 사업").click()
    expect(page.locator("h1")).to_have_text("청계천 복원 사업")


def test_the_finder_narrows_to_a_goal(page, tagged):
    page.goto("/ko/publications/")
    expect(page.locator("#result-count")).to_have_text("4건")
    page.select_option("#finder-goal", "3-3")
    page.get_by_role("button", name="조건 적용").click()
    expect(page.locator("#result-count")).to_have_text("2건")
    expect(page.locator(".publication-list .card__title")).to_have_text(
        ["청계천 복원 사업", "기후변화 대응 연구"]
    )
    page.get_by_role("link", name="SDG 과제 3-3").click()
    expect(page.locator("#result-count")).to_have_text("4건")


def test_a_phone_sees_the_goals_of_a_news_item(phone_page, tagged):
    phone_page.goto("/ko/news/")
    phone_page.get_by_role("link", name="탄소정보공개 최고등급").click()
    expect(phone_page.locator(".goal-tags a")).to_have_text(
        ["과제 3-3. 기후변화 대응 모범도시 조성"]
    )
    screenshot(phone_page, "goal-links-news-phone")
