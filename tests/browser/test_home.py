"""A person opens the portal, reads the home page, switches language, uses the keyboard."""

from playwright.sync_api import expect

from archive_portal.seed import load_partners
from tests.browser.conftest import screenshot, serious_axe_violations


def test_home_page_in_korean_and_english(page, phone_page):
    load_partners()
    page.goto("/ko/")
    expect(page.locator("h1")).to_have_text("서울정책아카이브")
    expect(
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="새소식")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="협력기관")).to_be_visible()
    screenshot(page, "home-ko-1280")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{page.url.split('/en/')[0]}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Seoul Policy Archive")
    page.get_by_role("link", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")

    phone_page.goto("/ko/")
    expect(phone_page.locator("h1")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(phone_page, "home-ko-390")


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page):
    page.goto("/ko/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_home_page_has_no_serious_accessibility_violations(page):
    load_partners()
    for path in ("/ko/", "/en/"):
        page.goto(path)
        assert serious_axe_violations(page) == []


def test_search_box_in_the_header_leads_to_the_search_page(page):
    page.goto("/en/")
    page.get_by_label("Search the archive").fill("sharing")
    page.get_by_label("Search the archive").press("Enter")
    expect(page.locator("h1")).to_have_text("Search the archive")
    expect(
        page.get_by_label(
            "Search news, publications, policy cases, training programmes and the SDG plan"
        )
    ).to_have_value("sharing")


def test_on_a_phone_the_main_navigation_folds_behind_a_menu_button(page, phone_page):
    phone_page.goto("/ko/")
    nav = phone_page.get_by_role("navigation", name="주 메뉴")
    menu = nav.get_by_role("button", name="메뉴")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="새소식")).to_be_hidden()
    assert serious_axe_violations(phone_page) == []
    screenshot(phone_page, "menu-closed-ko-390")

    # Keyboard: reach the button, open it, follow a link; Escape folds it again.
    menu.focus()
    phone_page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="새소식")).to_be_visible()
    screenshot(phone_page, "menu-open-ko-390")
    assert serious_axe_violations(phone_page) == []
    phone_page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    menu.click()
    nav.get_by_role("link", name="지속가능발전 이행계획").click()
    expect(phone_page.locator("h1")).to_have_text("지속가능발전 이행계획")

    # A wide screen shows the links and no button.
    page.goto("/en/")
    wide_nav = page.get_by_role("navigation", name="Main")
    expect(wide_nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(wide_nav.get_by_role("link", name="News")).to_be_visible()
