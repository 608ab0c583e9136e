"""axe finds no serious or critical violation on the admin page types staff use: the home,
lists (with filters, editable cells), change forms with inlines, the two-box chooser, the body
editor, the history; the review and import pages are checked in their own tests."""

import pytest
from playwright.sync_api import expect

from archive_portal.models import Partner
from tests.browser.conftest import log_in, serious_axe_violations
from tests.news.factories import NewsItemFactory
from tests.publications.factories import AttachmentFactory, PublicationFactory
from tests.sdg_plan.conftest import build_plan
from tests.training.factories import ProgrammeFactory, ScheduleItemFactory


@pytest.fixture
def admin_page(page, live_server, django_user_model):
    superuser = django_user_model.objects.create_superuser("boss", "boss@example.com", "x")
    log_in(page, live_server, superuser)
    return page


def test_the_admin_pages_staff_use_pass_axe(admin_page):
    page = admin_page
    item = NewsItemFactory()
    publication = AttachmentFactory().publication
    PublicationFactory(sectors=["transportation"])
    programme = ScheduleItemFactory().programme
    (indicator,) = build_plan(1)
    Partner.objects.create(name_ko="세계은행", name_en="World Bank", url="https://worldbank.org")
    ProgrammeFactory()

    pages = [
        "/admin/",
        "/admin/news/newsitem/",
        f"/admin/news/newsitem/{item.pk}/change/",
        "/admin/news/newsitem/add/",
        f"/admin/news/newsitem/{item.pk}/history/",
        "/admin/publications/publication/",
        f"/admin/publications/publication/{publication.pk}/change/",
        "/admin/publications/sector/",
        "/admin/training/programme/",
        f"/admin/training/programme/{programme.pk}/change/",
        "/admin/archive_portal/partner/",
        f"/admin/sdg_plan/project/{indicator.project_id}/change/",
        f"/admin/sdg_plan/department/{indicator.project.responsibilities.get().department_id}/change/",
        "/admin/sdg_plan/actual/",
        "/admin/sdg_plan/actual/import/",
    ]
    found = {}
    for path in pages:
        page.goto(path)
        expect(page.locator("#content")).to_be_visible()
        if "change" in path or "add" in path:
            page.wait_for_load_state("load")
        violations = serious_axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
