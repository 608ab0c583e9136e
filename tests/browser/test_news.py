"""A person reads the news: filters by year, searches, opens an item."""

import pytest
from playwright.sync_api import expect

from news import seed
from tests.browser.conftest import screenshot, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

CDP_TITLE = "서울시 올해 탄소정보공개(CDP) 평가에서 국내 유일 최고등급(A) 받아"


def test_filter_by_year_search_and_open_an_item(page):
    seed.load()
    page.goto("/ko/news/")
    expect(page.get_by_role("heading", level=2, name="새소식 9건")).to_be_visible()
    screenshot(page, "news-list-1280")

    page.get_by_label("연도").select_option("2023")
    page.get_by_role("button", name="조건 적용").click()
    expect(page.get_by_role("heading", level=2, name="새소식 4건")).to_be_visible()
    expect(page).to_have_url("/ko/news/?q=&category=&year=2023")

    page.get_by_label("검색어").fill("CDP")
    page.get_by_role("button", name="조건 적용").click()
    expect(page.get_by_role("heading", level=2, name="새소식 1건")).to_be_visible()
    expect(page.get_by_label("연도")).to_have_value("2023")  # the year filter was kept

    page.get_by_role("link", name=CDP_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CDP_TITLE)
    expect(page.locator(".news-meta")).to_contain_text("등록일2023-11-30")
    expect(page.locator(".news-meta")).to_contain_text("글쓴이seoulsolution")
    expect(page.locator(".news-body")).to_contain_text("총 939개 도시를 대상으로 평가를 진행")
    screenshot(page, "news-detail-1280")
    assert serious_axe_violations(page) == []


def test_an_empty_search_helps_the_person_on_a_phone(phone_page):
    seed.load()
    phone_page.goto("/ko/news/?q=존재하지않는낱말")
    expect(phone_page.get_by_text("조건에 맞는 새소식이 없습니다.")).to_be_visible()
    phone_page.get_by_role("link", name="새소식 전체 보기").click()
    expect(phone_page.get_by_role("heading", level=2, name="새소식 9건")).to_be_visible()
    screenshot(phone_page, "news-list-390")
    assert serious_axe_violations(phone_page) == []

    phone_page.get_by_role(
        "link", name="『2023년 도시철도 해외진출을 위한 초청연수』", exact=False
    ).click()
    expect(phone_page.get_by_role("table")).to_be_visible()
    screenshot(phone_page, "news-detail-390")
    assert serious_axe_violations(phone_page) == []
