"""On a 390 px phone no page type is wider than the screen, wide tables scroll inside a region the
keyboard can reach, and the lists show their first result on the first screen."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from news.models import NewsItem
from tests.browser.conftest import PHONE, screenshot, serious_axe_violations

# One page of every type, in both languages where the layout differs by content.
PAGES = [
    "/ko/",
    "/en/",
    "/ko/news/",
    "NEWS_DETAIL",
    "/ko/publications/",
    "/en/publications/sharing-city-seoul/",
    "/ko/publications/policy-cases/",
    "/ko/training/",
    "/ko/training/2025-urban-railway-invited-training/",
    "/en/training/2025-urban-railway-invited-training/apply/",
    "/ko/sdg/",
    "/ko/sdg/goals/1-1/",
    "/ko/sdg/projects/62/",
    "/en/sdg/indicators/1/",
    "/ko/sdg/indicators/",
    "/en/sdg/indicators/",
    "/ko/sdg/departments/",
    "DEPARTMENT",
    "/en/sdg/data/",
    "/ko/search/",
    "/ko/search/?q=서울",
    "/ko/about/",
    "/ko/privacy/",
    "/en/accessibility/",
    "/en/terms/",
    "/ko/contact/",
    "/ko/no-such-page/",
]


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", verbosity=0)


def resolve(path):
    from sdg_plan.models import Department

    if path == "NEWS_DETAIL":
        # The seeded item with a table in its body.
        return NewsItem.objects.filter(body__contains="<table").first().get_absolute_url()
    if path == "DEPARTMENT":
        return Department.objects.order_by("pk").first().get_absolute_url()
    return path


def test_no_page_type_is_wider_than_a_phone(phone_page, seeded):
    too_wide = {}
    for path in PAGES:
        path = resolve(path)
        phone_page.goto(path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
            screenshot(phone_page, "too-wide-" + path.strip("/").replace("/", "-")[:50])
    assert too_wide == {}


def test_wide_tables_scroll_in_a_region_the_keyboard_reaches(phone_page, seeded):
    phone_page.goto("/en/sdg/indicators/")
    region = phone_page.get_by_role("region", name="Indicators of the plan")
    expect(region).to_have_attribute("tabindex", "0")
    # The table (52rem) is wider than the phone: it scrolls inside the region, not the page.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert phone_page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    region.focus()
    expect(region).to_be_focused()
    phone_page.keyboard.press("ArrowRight")
    phone_page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: the offset grows over the next frames, so wait for it (read at
    # once, it raced the animation).
    phone_page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    assert serious_axe_violations(phone_page) == []
    screenshot(phone_page, "phone-indicator-list-en")

    phone_page.goto("/ko/sdg/projects/62/")
    assert serious_axe_violations(phone_page) == []


def test_the_lists_show_their_first_result_on_the_first_screen(phone_page, seeded):
    for path, first in (
        ("/ko/news/", ".news-results li"),
        ("/ko/publications/", ".publication-list li"),
    ):
        phone_page.goto(path)
        expect(phone_page.locator("details.filters__panel")).not_to_have_attribute("open", "")
        top = phone_page.locator(first).first.bounding_box()["y"]
        assert top < PHONE["height"] - 100, (path, top)
        screenshot(phone_page, "phone-first-screen" + path.replace("/", "-"))
    # A chosen filter keeps the panel open, so the visitor sees what is applied.
    phone_page.goto("/ko/publications/?kind=video")
    expect(phone_page.locator("details.filters__panel")).to_have_attribute("open", "")


def test_words_are_not_broken_inside_table_cells(phone_page, seeded):
    """overflow-wrap: anywhere let table cells shrink below a word ("G oa l"): no one-word header
    cell of the department table wraps onto a second line."""
    from sdg_plan.models import Department

    phone_page.goto(
        Department.objects.order_by("pk").first().get_absolute_url().replace("/ko/", "/en/")
    )
    broken = phone_page.evaluate(
        """() => [...document.querySelectorAll('th')].filter(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const tops = [...range.getClientRects()].map(r => r.top);
            return Math.max(...tops) - Math.min(...tops) > 4;
        }).map(cell => cell.textContent.trim())"""
    )
    assert broken == []


def test_the_nominations_summary_fits_a_phone_without_breaking_names(phone_page, db):
    """The private link's page shows the same summary as the confirmation page: each trainee is
    a list of label and answer (as on the check page), the whole width of a phone, nothing
    scrolled sideways; names and positions are not broken inside a word ("NGUY EN",
    "Deput y Direct or")."""
    from tests.training.factories import (
        MilestoneFactory,
        NominationFactory,
        ProgrammeFactory,
        TraineeFactory,
    )
    from training.models import hash_token

    token = "a-private-token-for-the-phone-test-0123456789"
    nomination = NominationFactory(
        programme=ProgrammeFactory(slug="open-call"), access_token_hash=hash_token(token)
    )
    TraineeFactory(nomination=nomination, name="NGUYEN VAN AN", position="Deputy Director")
    MilestoneFactory(nomination=nomination)
    phone_page.goto(f"/en/training/nominations/{token}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    trainee = phone_page.locator("#summary-trainees + h4 + dl")
    expect(phone_page.locator("#summary-trainees + h4")).to_have_text("Trainee 1")
    expect(trainee.locator("dd").first).to_have_text("NGUYEN VAN AN")
    assert trainee.evaluate("list => list.scrollWidth <= list.clientWidth")
    broken = phone_page.evaluate(
        """() => [...document.querySelectorAll('#summary-trainees ~ dl dd')]
            .filter(cell => cell.textContent.trim().split(/\\s+/).some(word => {
                const probe = document.createElement('span');
                probe.textContent = word;
                cell.appendChild(probe);
                const rects = probe.getClientRects().length;
                probe.remove();
                return rects > 1;
            })).map(cell => cell.textContent.trim())"""
    )
    assert broken == []
    screenshot(phone_page, "phone-nomination-summary-en")
