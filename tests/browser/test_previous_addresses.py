"""An editor sees a publication's old addresses on its change form and removes a wrong one:
that address then answers 404, the others still lead to the item."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from archive_portal.groups import EDITORS
from publications.models import PreviousSlug
from tests.browser.conftest import log_in, screenshot, serious_axe_violations
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_removes_a_wrong_old_address(page, live_server):
    publication = PublicationFactory(title="서울 도시계획 연구", slug="urban-planing")
    for slug in ("urban-planning", "urban-planning-research"):
        publication.slug = slug
        publication.save()
    user = User.objects.create_user("writer", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    log_in(page, live_server, user)

    page.goto(f"/admin/publications/publication/{publication.pk}/change/")
    addresses = page.locator("#previous_slugs-group")
    expect(addresses.get_by_role("heading", name="이전 주소")).to_be_visible()
    expect(addresses.get_by_role("link", name="/ko/publications/urban-planning/")).to_be_visible()
    typo = addresses.locator(
        "tr", has=page.get_by_role("link", name="/ko/publications/urban-planing/")
    )
    addresses.scroll_into_view_if_needed()
    screenshot(page, "admin-previous-addresses-1280")
    assert serious_axe_violations(page) == []

    typo.get_by_role("checkbox").check()
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == ["urban-planning"]

    assert page.goto("/ko/publications/urban-planing/").status == 404
    page.goto("/ko/publications/urban-planning/")
    assert page.url.endswith("/ko/publications/urban-planning-research/")
