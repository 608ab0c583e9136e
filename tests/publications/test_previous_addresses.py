"""Old addresses in the admin (issue 17, part 3): a publication's previous slugs are listed on
its change form, read-only, and an Editor may remove a wrong one, whose address then answers
404 while the others keep redirecting."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from archive_portal.groups import EDITORS
from publications.models import PreviousSlug, Publication
from tests.publications.factories import PublicationFactory
from tests.publications.test_admin import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed():
    """A published item that had two slugs before its current one."""
    publication = PublicationFactory(slug="urban-planing")  # the typo, published for a moment
    for slug in ("urban-planning", "urban-planning-research"):
        publication.slug = slug
        publication.save()
    return publication


def change_url(publication):
    return reverse("admin:publications_publication_change", args=[publication.pk])


def test_the_change_form_lists_the_old_addresses_read_only(editor_client, renamed):
    response = editor_client.get(change_url(renamed))
    formset = response.context["inline_admin_formsets"][1].formset
    assert [form.instance.slug for form in formset.forms] == ["urban-planning", "urban-planing"]
    html = response.content.decode()
    assert html.count('<a href="/ko/publications/urban-planning/">') == 1
    assert html.count('<a href="/ko/publications/urban-planing/">') == 1
    # Nothing to type: no slug box, no empty row to add one; a box to remove each.
    assert 'name="previous_slugs-0-slug"' not in html
    assert 'name="previous_slugs-__prefix__-id"' not in html
    assert html.count('name="previous_slugs-0-DELETE"') == 1
    assert html.count('name="previous_slugs-1-DELETE"') == 1
    assert "예전 주소" in html


def test_an_editor_removes_a_wrong_old_address(editor_client, client, renamed):
    typo, kept = PreviousSlug.objects.get(slug="urban-planing"), "urban-planning"
    kept_id = PreviousSlug.objects.get(slug=kept).pk
    data = form_data(
        title_ko=renamed.title_ko,
        slug=renamed.slug,
        published_on=renamed.published_on.isoformat(),
        **{
            "attachments-TOTAL_FORMS": "0",
            "previous_slugs-TOTAL_FORMS": "2",
            "previous_slugs-INITIAL_FORMS": "2",
            "previous_slugs-MIN_NUM_FORMS": "0",
            "previous_slugs-MAX_NUM_FORMS": "0",
            "previous_slugs-0-id": str(kept_id),
            "previous_slugs-0-publication": str(renamed.pk),
            "previous_slugs-1-id": str(typo.pk),
            "previous_slugs-1-publication": str(renamed.pk),
            "previous_slugs-1-DELETE": "on",
        },
    )
    response = editor_client.post(change_url(renamed), data)

    assert response.status_code == 302, response.context["errors"]
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == [kept]
    assert client.get("/ko/publications/urban-planing/").status_code == 404
    assert client.get(f"/ko/publications/{kept}/")["Location"] == (
        "/ko/publications/urban-planning-research/"
    )
    assert Publication.objects.get().slug == "urban-planning-research"


def test_editors_may_see_and_remove_old_addresses_but_never_write_one(editor_client):
    user = Group.objects.get(name=EDITORS).user_set.get()
    assert user.has_perm("publications.view_previousslug")
    assert user.has_perm("publications.delete_previousslug")
    assert not user.has_perm("publications.add_previousslug")
    assert not user.has_perm("publications.change_previousslug")


def test_an_item_never_renamed_shows_no_old_addresses(editor_client):
    publication = PublicationFactory(slug="always-this")
    html = editor_client.get(change_url(publication)).content.decode()
    assert 'id="previous_slugs-group"' not in html
    assert "previous_slugs-TOTAL_FORMS" not in html
