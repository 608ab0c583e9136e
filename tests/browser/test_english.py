"""A foreign official reads the archive in English: from the home page to an SDG goal and one
of its indicators, every text is English or marked as Korean (lang="ko"); the language switch
leads to the same page in Korean."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, serious_axe_violations

# Text nodes holding Hangul whose nearest element with a lang attribute is not Korean.
UNMARKED_KOREAN = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!/[\\uac00-\\ud7a3]/.test(node.textContent)) continue;
    const element = node.parentElement;
    if (element.closest("script, style")) continue;
    const marked = element.closest("[lang]");
    if (!marked || !marked.lang.startsWith("ko")) found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""


def test_home_to_goal_to_indicator_in_english_with_korean_marked(page, live_server):
    call_command("load_seed_content", verbosity=0)

    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.evaluate(UNMARKED_KOREAN) == []
    expect(page.get_by_text("Seoul ranks 8th in the world as a city for start-ups")).to_be_visible()
    screenshot(page, "english-home-1280")

    page.get_by_role("link", name="SDG implementation plan").first.click()
    expect(page).to_have_url(f"{live_server.url}/en/sdg/")
    assert page.evaluate(UNMARKED_KOREAN) == []

    page.get_by_role("link", name="1-1. Working to end poverty in all its forms").click()
    expect(page).to_have_url(f"{live_server.url}/en/sdg/goals/1-1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "1-1. Working to end poverty in all its forms"
    )
    expect(page.get_by_text("End poverty in all its forms everywhere")).to_be_visible()
    expect(
        page.get_by_text("English translation by the archive; the Korean original prevails.")
    ).to_be_visible()
    assert page.evaluate(UNMARKED_KOREAN) == []
    assert serious_axe_violations(page) == []
    screenshot(page, "english-sdg-goal-1280")

    page.get_by_role("link", name="Share of recipients of basic livelihood security").first.click()
    expect(page).to_have_url(f"{live_server.url}/en/sdg/indicators/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Share of recipients of basic livelihood security"
    )
    assert page.evaluate(UNMARKED_KOREAN) == []
    assert serious_axe_violations(page) == []
    screenshot(page, "english-sdg-indicator-1280")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="한국어").click()
    expect(page).to_have_url(f"{live_server.url}/ko/sdg/indicators/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text("기초생활보장 수급자율")


def test_korean_only_publication_on_a_phone(phone_page, live_server):
    from tests.publications.factories import PublicationFactory

    publication = PublicationFactory(title="한국어로만 있는 발간물", summary="요약입니다.")
    phone_page.goto(f"/en{publication.get_absolute_url()[3:]}")
    expect(phone_page.get_by_text("Available in Korean only")).to_be_visible()
    assert phone_page.evaluate(UNMARKED_KOREAN) == []
    screenshot(phone_page, "english-korean-only-390")
