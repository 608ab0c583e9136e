"""A person searches from the header, narrows by type and opens a result."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_axe_violations


def test_search_from_the_header_filter_by_type_and_open_a_result(page, phone_page):
    call_command("load_seed_content", verbosity=0)
    page.goto("/ko/sdg/")
    box = page.get_by_label("아카이브 검색")
    box.fill("연수")
    box.press("Enter")
    expect(page.locator("h1")).to_have_text("아카이브 검색")
    expect(page.get_by_role("status")).to_have_text("6건")
    expect(page.locator(".search-results mark").first).to_have_text("연수")
    screenshot(page, "search-ko-1280")
    assert serious_axe_violations(page) == []

    page.get_by_role("link", name="초청연수 (2)").click()
    expect(page.get_by_role("status")).to_have_text("2건")
    page.get_by_role(
        "link", name="『2023년 도시철도 해외진출을 위한 초청연수』", exact=False
    ).click()
    expect(page.locator("h1")).to_contain_text("2023년 도시철도 해외진출을 위한 초청연수")

    phone_page.goto("/en/search/?q=sharing")
    # The English documents and the archive's English texts (share, shared, knowledge-sharing…):
    # the item whose title holds the word comes first.
    expect(phone_page.get_by_role("status")).to_have_text("12 results")
    expect(phone_page.locator(".search-results .card__title a").first).to_have_text(
        "The Sharing City Seoul Project"
    )
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "search-en-390")
    phone_page.locator(".search-results .card__title a").first.click()
    expect(phone_page.locator("h1")).to_have_text("The Sharing City Seoul Project")


def test_a_phone_shows_the_number_of_results_on_the_first_screen(phone_page):
    """On a phone the type filter is a row of chips (empty types left out), so the number of
    results is on the first screen; a Korean word typed without its space finds the spaced
    text."""
    call_command("load_seed_content", verbosity=0)
    phone_page.goto("/ko/search/?q=인재양성")
    expect(phone_page.get_by_role("status")).to_have_text("4건")
    expect(phone_page.get_by_role("status")).to_be_in_viewport()
    expect(phone_page.get_by_text("초청연수 (0)")).to_be_hidden()
    expect(phone_page.get_by_role("link", name="새소식 (2)")).to_be_visible()
    expect(phone_page.locator(".search-results mark").first).to_have_text("인재 양성")
    screenshot(phone_page, "search-ko-390")
    assert serious_axe_violations(phone_page) == []
