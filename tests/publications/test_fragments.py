# ruff: noqa: F811 - the editor fixture, imported, is named as a parameter
"""The publications pages from cached fragments (archive_portal/fragments.py), page cache off: the
finder's filters (per query string but the page number), its cards (per item and keywords, and
per page of items), the facet counts; the detail page's parts per item (its files also per
download count). Built once, then served without their queries; every edit that changes what
they show shows on the next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive_portal import pagecache
from archive_portal.lib.timezone import seoul_midnight, seoul_today
from archive_portal.licences import Licence
from publications.models import Kind, PreviousSlug, Publication, Sector, Status
from sdg_plan.models import Goal, Strategy
from tests.archive_portal.test_page_cache import later
from tests.publications.factories import AttachmentFactory, PublicationFactory
from tests.publications.test_admin_preview import editor, form  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]

FINDER = "/ko/publications/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an edit as if its transaction committed: the content generation advances then."""

    def run(edit, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return edit(*args, **kwargs)

    return run


def get(client, url):
    """(HTML, number of queries)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert (url, response.status_code) == (url, 200)
    return response.text, len(queries)


def _set(instance, **values):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


# --- The finder -------------------------------------------------------------------------------


def test_the_finder_is_built_once_then_served_reading_nothing(client):
    PublicationFactory(title="버스 개편 사례", kind=Kind.POLICY_CASE, sectors=["transportation"])
    PublicationFactory(title="하천 복원 보고서", sectors=["water"])
    client.get("/ko/")  # the generation read, the footer's partners
    first, cold = get(client, FINDER)
    second, warm = get(client, FINDER)
    assert second == first
    # Cold: the sectors and goals (the filters' choices), the facet counts, the page's ids, the
    # cards' rows. Warm: nothing (the page's ids are kept with the filters until an edit).
    assert (cold, warm) == (5, 0)
    assert first.count('<article class="publication-card">') == 2
    # The same page asked for by its number: the same filters' fragment and kept ids.
    assert get(client, f"{FINDER}?page=1")[1] == 0
    # Policy cases: their own filters, the cards already kept.
    cases, queries = get(client, "/ko/publications/policy-cases/")
    assert queries == 2  # the counts, the ids; the page's cards built from the kept ones
    assert cases.count('<article class="publication-card">') == 1
    english, _ = get(client, "/en/publications/")
    assert "<h1>Publications & research</h1>" in english  # one fragment per language


def test_the_cards_are_kept_per_keywords_with_their_marks(client):
    PublicationFactory(title="하천 복원 사례")
    marked, _ = get(client, f"{FINDER}?q=복원")
    plain, _ = get(client, FINDER)
    assert "하천 <mark>복원</mark> 사례</a>" in marked
    assert "<mark>" not in plain
    assert "하천 <mark>복원</mark> 사례</a>" in get(client, f"{FINDER}?q=복원")[0]
    assert "<mark>" not in get(client, FINDER)[0]


def _rename_water_without_signals(item):
    Sector.objects.filter(slug="water").update(name_ko="물관리")
    pagecache.content_changed()  # what code writing without signals calls


@pytest.mark.parametrize(
    ("edit", "text", "present"),
    [
        (lambda item: _set(item, title="새 제목 보고서"), "새 제목 보고서", True),
        (lambda item: _set(item, status=Status.DRAFT), "옛 제목 보고서", False),
        (lambda item: item.delete(), "옛 제목 보고서", False),
        (
            lambda item: item.sectors.add(
                Sector.objects.create(slug="new-sector", name_ko="새분야", name_en="New")
            ),
            "새분야",  # the card, and a new choice in the filters
            True,
        ),
        (lambda item: PublicationFactory(title="신규 등록 보고서"), "신규 등록 보고서", True),
        (_rename_water_without_signals, "물관리", True),
    ],
    ids=["edited", "unpublished", "deleted", "sector added", "new item", "sector renamed"],
)
def test_every_edit_shows_in_the_finder_on_the_next_request(client, committed, edit, text, present):
    item = PublicationFactory(title="옛 제목 보고서", sectors=["water"])
    before, _ = get(client, FINDER)
    assert (text in before) is not present
    committed(edit, item)
    after, _ = get(client, FINDER)
    assert (text in after) is present


def test_the_counts_follow_every_edit(client, committed):
    item = PublicationFactory(kind=Kind.VIDEO, sectors=["water"])
    html, _ = get(client, f"{FINDER}?kind=video")
    assert '<label for="facet-kind-video">영상자료 <span class="facet__count">(1)</span>' in html
    committed(_set, item, kind=Kind.EBOOK)
    html, _ = get(client, f"{FINDER}?kind=video")
    assert 'id="facet-kind-ebook" name="kind" value="ebook">' in html
    assert '<label for="facet-kind-ebook">전자책 <span class="facet__count">(1)</span>' in html
    assert '<label for="facet-kind-video">영상자료 <span class="facet__count">(0)</span>' in html


def test_the_page_links_follow_the_count_and_keep_the_parameters_order(client, committed):
    PublicationFactory.create_batch(20, kind=Kind.VIDEO)
    assert 'rel="next"' not in get(client, f"{FINDER}?sort=newest&kind=video")[0]
    committed(PublicationFactory, kind=Kind.VIDEO)
    html, _ = get(client, f"{FINDER}?sort=newest&kind=video")
    assert '<a href="?sort=newest&amp;kind=video&amp;page=2" rel="next">' in html
    html, _ = get(client, f"{FINDER}?kind=video&sort=newest")  # the same filters' fragment
    assert '<a href="?kind=video&amp;sort=newest&amp;page=2" rel="next">' in html


def test_a_scheduled_item_appears_at_midnight_in_seoul(client, monkeypatch):
    tomorrow = seoul_today() + datetime.timedelta(days=1)
    PublicationFactory(title="내일 나올 보고서", published_on=tomorrow)
    PublicationFactory(title="오늘 보고서")
    html, _ = get(client, FINDER)
    assert "내일 나올 보고서" not in html
    assert get(client, FINDER)[1] == 0  # kept
    later(monkeypatch, seoul_midnight(tomorrow) + datetime.timedelta(seconds=1))
    html, _ = get(client, FINDER)
    assert "내일 나올 보고서" in html
    assert "오늘 보고서" in html


def test_a_first_download_offers_most_downloaded_on_the_next_request(client, committed):
    publication = PublicationFactory(slug="report")
    attachment = AttachmentFactory(publication=publication)
    assert "Most downloaded" not in get(client, "/en/publications/")[0]
    assert "Most downloaded" not in get(client, "/en/publications/")[0]  # kept
    committed(client.get, attachment.get_absolute_url())  # its count written, committed
    html, _ = get(client, "/en/publications/")
    assert html.count('<option value="downloads">Most downloaded</option>') == 1


# --- The detail page --------------------------------------------------------------------------


def detail_url(publication):
    return f"/ko/publications/{publication.slug}/"


def test_the_detail_page_is_built_once_then_served_reading_the_item_alone(client):
    publication = PublicationFactory(slug="p1", title="버스 개편", sectors=["economy"])
    AttachmentFactory(publication=publication, title="붙임 보고서")
    PublicationFactory(title="경제 사례", sectors=["economy"])
    client.get("/ko/")
    first, cold = get(client, "/ko/publications/p1/")
    second, warm = get(client, "/ko/publications/p1/")
    assert second == first
    # Cold: the item; its sectors, attachments, translations, SDG goals and projects; related
    # items. Warm: the item by its slug.
    assert (cold, warm) == (7, 1)
    assert "붙임 보고서" in first and "경제 사례" in first and "버스 개편" in first
    assert '<script type="application/ld+json">' in first
    english, _ = get(client, "/en/publications/p1/")
    assert '<h2 id="citation-heading">Cite this item</h2>' in english


def test_the_download_counts_shown_are_exact(client):
    publication = PublicationFactory(slug="p1")
    attachment = AttachmentFactory(publication=publication)
    assert "downloaded 0 times" in get(client, "/en/publications/p1/")[0]
    for expected in ("downloaded 1 time<", "downloaded 2 times"):
        client.get(attachment.get_absolute_url())
        html, queries = get(client, "/en/publications/p1/")
        assert expected in html
    # A download changes nothing else: the files' fragment alone is built again.
    client.get(attachment.get_absolute_url())
    html, queries = get(client, "/en/publications/p1/")
    assert ("downloaded 3 times" in html, queries) == (True, 2)  # the item, its attachments
    assert get(client, "/en/publications/p1/")[1] == 1


def _add_goal(publication):
    strategy = Strategy.objects.create(number=1, title="함께 누리는 행복한 도시")
    goal = Goal.objects.create(strategy=strategy, code="1-1", number=1, title="새 과제", un_sdg=1)
    publication.goals.add(goal)


def _link_translation(publication):
    PublicationFactory(
        slug="report-en", title="English report", title_en="English report", language="en",
        translation_of=publication,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "url", "text", "present"),
    [
        (lambda p: _set(p, title="새 제목"), "/ko/publications/p1/", "새 제목", True),
        (lambda p: _set(p, summary="바뀐 요약"), "/ko/publications/p1/", "바뀐 요약", True),
        (
            lambda p: p.sectors.add(
                Sector.objects.create(slug="new-sector", name_ko="새분야", name_en="New")
            ),
            "/ko/publications/p1/",
            "새분야",
            True,
        ),
        (
            lambda p: AttachmentFactory(publication=p, title="새 붙임"),
            "/ko/publications/p1/",
            "새 붙임",
            True,
        ),
        (_add_goal, "/ko/publications/p1/", "새 과제", True),
        (_link_translation, "/en/publications/p1/", "English report", True),
        (
            lambda p: Publication.objects.get(slug="other").delete(),
            "/ko/publications/p1/",
            "관련 사례",
            False,
        ),
        (
            lambda p: _set(Publication.objects.get(slug="other"), title="바뀐 관련 사례"),
            "/ko/publications/p1/",
            "바뀐 관련 사례",
            True,
        ),
        (
            lambda p: _set(p, licence=Licence.RIGHTS_RESERVED),
            "/ko/publications/p1/",
            "licence__badge--reserved",
            True,
        ),
    ],
    ids=[
        "title",
        "summary",
        "sector",
        "attachment",
        "goal",
        "translation",
        "related deleted",
        "related renamed",
        "licence",
    ],
)
def test_every_edit_shows_on_the_detail_page_on_the_next_request(
    client, committed, edit, url, text, present
):
    publication = PublicationFactory(slug="p1", title="버스 개편", sectors=["water"])
    PublicationFactory(slug="other", title="관련 사례", sectors=["water"])
    before, _ = get(client, url)
    assert (text in before) is not present
    assert get(client, url)[1] == 1  # kept
    committed(edit, publication)
    after, _ = get(client, url)
    assert (text in after) is present


def test_unpublished_and_renamed_items_answer_at_once(client, committed):
    publication = PublicationFactory(slug="old-name")
    get(client, "/ko/publications/old-name/")
    committed(_set, publication, slug="new-name")
    PreviousSlug.objects.get_or_create(publication=publication, slug="old-name")
    response = client.get("/ko/publications/old-name/")
    assert (response.status_code, response["Location"]) == (301, "/ko/publications/new-name/")
    get(client, "/ko/publications/new-name/")
    committed(_set, publication, status=Status.DRAFT)
    assert client.get("/ko/publications/new-name/").status_code == 404
    assert client.get("/ko/publications/old-name/").status_code == 404


def test_a_scheduled_item_has_no_page_before_its_day(client, monkeypatch):
    tomorrow = seoul_today() + datetime.timedelta(days=1)
    PublicationFactory(slug="soon", published_on=tomorrow)
    assert client.get("/ko/publications/soon/").status_code == 404
    later(monkeypatch, seoul_midnight(tomorrow) + datetime.timedelta(seconds=1))
    assert client.get("/ko/publications/soon/").status_code == 200


def test_the_preview_of_unsaved_changes_is_never_a_kept_fragment(client, editor):
    publication = PublicationFactory(slug="p1", title="공개된 제목", summary="공개된 요약")
    public, _ = get(client, "/ko/publications/p1/")
    assert "공개된 요약" in public
    client.force_login(editor)
    url = f"/admin/publications/publication/{publication.pk}/change/preview/?language=ko"
    for _ in range(2):  # not served from a fragment, and none kept for it
        preview = client.post(url, form(publication, title="미리 본 제목", summary="미리 본 요약"))
        html = preview.content.decode()
        assert (preview.status_code, "미리 본 요약" in html, "공개된 요약" in html) == (
            200,
            True,
            False,
        )
    client.logout()
    # The public page still shows what is saved, from its kept fragments.
    html, queries = get(client, "/ko/publications/p1/")
    assert ("공개된 요약" in html, "미리 본 요약" in html, queries) == (True, False, 1)
