import pytest
from django.core.management import call_command

from archive_portal.management.commands.load_seed_content import Command
from archive_portal.models import InfoPageVersion, Partner
from news.models import NewsItem
from publications.models import Publication
from sdg_plan.models import Indicator, Project
from training.models import Programme

pytestmark = pytest.mark.django_db

LABELS = [
    "partner organisations and site information pages",
    "news items",
    "publications",
    "training programmes",
    "SDG implementation plan",
]
NEWS_SLUG = "서울시-올해-탄소정보공개-cdp-평가에서-국내-유일-최고등급-a-받아"
PROGRAMME_SLUG = "2025-urban-railway-invited-training"


def test_dry_run_saves_nothing(capsys):
    call_command("load_seed_content", "--dry-run")
    assert Partner.objects.count() == 0
    assert "dry run: nothing was saved" in capsys.readouterr().out


def test_loading_twice_changes_nothing(capsys):
    call_command("load_seed_content")
    first = capsys.readouterr().out
    # 28 partners, 5 information pages with one version each
    assert "partner organisations and site information pages: 38 created, 0 updated" in first
    call_command("load_seed_content")
    second = capsys.readouterr().out
    for label in LABELS:
        assert f"{label}: 0 created, 0 updated" in second
    assert "existing rows were kept as they are" in second
    assert Partner.objects.count() == 28
    assert InfoPageVersion.objects.count() == 5


def edit_seeded_rows():
    """Corrections staff make in the admin, one per loader."""
    Partner.objects.filter(name_en="CITYNET").update(url="https://citynet-ap.org/en/")
    InfoPageVersion.objects.filter(page__kind="contact").update(body_en="Ask the front desk.")
    NewsItem.objects.filter(slug=NEWS_SLUG).update(title="CDP 평가 최고등급(A) — corrected title")
    Publication.objects.filter(slug="sharing-city-seoul").update(summary="Rewritten by staff.")
    Programme.objects.filter(slug=PROGRAMME_SLUG).update(
        contact_person="김담당", contact_phone="02-2133-0000"
    )
    Indicator.objects.filter(number=1).update(name="edited indicator")
    Project.objects.filter(number=1).update(name="edited project")


def seeded_values():
    return {
        "partner": Partner.objects.get(name_en="CITYNET").url,
        "info_page": InfoPageVersion.objects.get(page__kind="contact").body_en,
        "news": NewsItem.objects.get(slug=NEWS_SLUG).title,
        "publication": Publication.objects.get(slug="sharing-city-seoul").summary,
        "programme": Programme.objects.filter(slug=PROGRAMME_SLUG)
        .values_list("contact_person", "contact_phone")
        .get(),
        "indicator": Indicator.objects.get(number=1).name,
        "project": Project.objects.get(number=1).name,
    }


EDITED = {
    "partner": "https://citynet-ap.org/en/",
    "info_page": "Ask the front desk.",
    "news": "CDP 평가 최고등급(A) — corrected title",
    "publication": "Rewritten by staff.",
    "programme": ("김담당", "02-2133-0000"),
    "indicator": "edited indicator",
    "project": "edited project",
}


def test_staff_edits_to_seeded_rows_survive_a_second_run(capsys):
    call_command("load_seed_content")
    seed = seeded_values()
    edit_seeded_rows()
    capsys.readouterr()

    call_command("load_seed_content")
    output = capsys.readouterr().out
    for label in LABELS:
        assert f"{label}: 0 created, 0 updated" in output
    assert seeded_values() == EDITED
    assert all(seed[key] != EDITED[key] for key in EDITED)  # the edits were real changes


def test_overwrite_brings_the_seed_values_back(capsys):
    call_command("load_seed_content")
    seed = seeded_values()
    edit_seeded_rows()
    capsys.readouterr()

    call_command("load_seed_content", overwrite=True)
    output = capsys.readouterr().out
    assert "partner organisations and site information pages: 0 created, 2 updated" in output
    assert "training programmes: 0 created, 1 updated" in output
    assert "publications: 0 created, 1 updated" in output
    assert "news items: 0 created, 1 updated" in output
    assert "SDG implementation plan: 0 created, 2 updated" in output
    assert "existing rows were kept" not in output
    assert seeded_values() == seed

    call_command("load_seed_content")
    output = capsys.readouterr().out
    for label in LABELS:
        assert f"{label}: 0 created, 0 updated" in output


def test_the_overwrite_option_says_it_discards_admin_edits():
    help_text = Command().create_parser("manage.py", "load_seed_content").format_help()
    assert "DISCARDS edits made in the admin" in " ".join(help_text.split())
