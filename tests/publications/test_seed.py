from datetime import date

import pytest
from django.core.management import call_command

from publications.models import BodyFormat, Kind, Publication
from publications.seed import load

pytestmark = pytest.mark.django_db


def test_the_loader_creates_thirteen_items_then_changes_nothing():
    assert load() == (13, 0)
    assert load() == (0, 0)
    assert Publication.objects.published().count() == 13
    assert Publication.objects.filter(kind=Kind.POLICY_CASE).count() == 5
    assert sorted(
        Publication.objects.filter(kind=Kind.POLICY_CASE).values_list("title", flat=True)
    ) == [
        "The Sharing City Seoul Project",
        "마을공동체 형성지원",
        "사회혁신",
        "서울시 인권정책 기본계획 (2013~2017)",
        "서울열린데이터광장을 통한 공공데이터 개방",
    ]


def _edit_two_items():
    Publication.objects.filter(slug="sharing-city-seoul").update(
        title="changed", summary="A summary staff rewrote."
    )
    Publication.objects.get(slug="social-innovation").sectors.clear()


def test_the_loader_keeps_fields_and_sectors_edited_by_staff():
    load()
    _edit_two_items()
    before = Publication.objects.values().get(slug="sharing-city-seoul")

    assert load() == (0, 0)
    assert Publication.objects.values().get(slug="sharing-city-seoul") == before
    assert Publication.objects.get(slug="social-innovation").sectors.count() == 0
    assert Publication.objects.count() == 13


def test_overwrite_repairs_edited_fields_and_sectors():
    load()
    _edit_two_items()
    assert load(overwrite=True) == (0, 2)
    item = Publication.objects.get(slug="sharing-city-seoul")
    assert item.title == "The Sharing City Seoul Project"
    assert item.summary.startswith(
        "Seoul proclaimed its Sharing City Seoul Project on September 20, 2012"
    )
    assert Publication.objects.get(slug="social-innovation").sectors.exists()
    assert load(overwrite=True) == (0, 0)


def test_a_home_page_item_has_its_exact_fields():
    load()
    item = Publication.objects.get(slug="vulnerable-companion-index")
    assert item.kind == Kind.PUBLICATION
    assert item.title == "약자동행지수 소개"
    assert item.published_on == date(2023, 11, 10)
    assert item.author == "seoulsolution"
    assert item.publisher == "서울특별시"
    assert item.language == "ko"
    assert item.body_format == BodyFormat.FLAT
    assert item.body.startswith(
        "세계불평등연구소(World Inequality Lab)가 발표한 「세계불평등보고서 2022」"
    )
    assert item.body.endswith("매년 성과를 평가하여 시민들에게 그 결과를 공개할 예정입니다.")
    assert list(item.sectors.values_list("slug", flat=True)) == ["welfare"]
    assert item.attachments.count() == 0


def test_the_sharing_city_policy_case_has_its_exact_fields():
    load()
    item = Publication.objects.get(slug="sharing-city-seoul")
    assert item.kind == Kind.POLICY_CASE
    assert item.language == "en"
    assert item.published_on is None
    assert item.data_base_date == date(2017, 2, 8)
    assert item.publisher == "Seoul Metropolitan Government"
    assert list(item.sectors.values_list("slug", flat=True)) == ["economy"]
    assert item.summary.startswith(
        "Seoul proclaimed its Sharing City Seoul Project on September 20, 2012"
    )
    html = str(item.body_html)
    assert html.startswith("<h2>New-paradigm-Sharing City</h2>\n<p>Seoul proclaimed")
    assert "<h2>Why Create the Sharing City Seoul Project</h2>\n<ul><li>First, sharing" in html
    assert html.count("<li>") == 4


def test_dates_and_ebook_link_of_the_2025_items():
    load()
    dates = dict(Publication.objects.exclude(published_on=None).values_list("slug", "published_on"))
    assert dates == {
        "vulnerable-companion-index": date(2023, 11, 10),
        "policy-video-startups": date(2023, 2, 13),
        "policy-video-environment": date(2023, 2, 13),
        "seoul-institute-research-abstracts-2020": date(2022, 4, 25),
        "public-private-partnership-cases-2024": date(2025, 7, 10),
        "changes-in-seoul-life-2025-h2": date(2025, 7, 1),
        "changes-in-seoul-life-2025": date(2025, 1, 1),
        "seoul-institute-brochure-english": date(2024, 12, 17),
    }
    ebook = Publication.objects.get(slug="changes-in-seoul-life-2025-h2")
    assert ebook.external_url == "https://ebook.seoul.go.kr/Viewer/2E08LF73HJBR"


def test_the_management_command_runs_the_loader(capsys):
    call_command("load_seed_content")
    assert "publications: 13 created, 0 updated" in capsys.readouterr().out
    call_command("load_seed_content")
    assert "publications: 0 created, 0 updated" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("language", "query", "slugs"),
    [
        ("ko", "공동체", ["village-community-support"]),
        # The archive's English summaries: the open data plaza "To share the city's public
        # information", the village communities "a shared concern … the city's support".
        (
            "en",
            "SHARING city",
            ["seoul-open-data-plaza", "village-community-support", "sharing-city-seoul"],
        ),
        # inside words: 서울연구원 (title), 시정개발연구원, 서울연구원에서 (bodies); newest first
        (
            "ko",
            "연구원",
            ["seoul-institute-brochure-english", "social-innovation", "village-community-support"],
        ),
        ("en", "데이터", ["seoul-open-data-plaza"]),
    ],
)
def test_seed_items_are_searchable_in_both_languages(client, language, query, slugs):
    load()
    response = client.get(f"/{language}/publications/", {"q": query})
    ids = response.context["page"].object_list  # the cards are fragments: the page holds ids
    rows = Publication.objects.in_bulk(ids)
    assert [rows[pk].slug for pk in ids] == slugs
