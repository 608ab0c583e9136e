"""The SDG goals of the seed items (publications/data/sdg_links.json, news/data/sdg_links.json):
loaded after every section's content, kept when staff change them, reset only by --overwrite."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from news.models import NewsItem
from publications.models import Publication
from sdg_plan.models import Goal

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def load(**options):
    out = io.StringIO()
    call_command("load_seed_content", stdout=out, **options)
    return out.getvalue()


def codes(item):
    return sorted(goal.code for goal in item.goals.all())


def test_seed_items_get_the_goals_of_the_data_files_once():
    output = load()
    assert "publications' SDG goals: 10 created, 0 updated" in output
    assert "news items' SDG goals: 8 created, 0 updated" in output
    for model, path in (
        (Publication, ROOT / "publications/data/sdg_links.json"),
        (NewsItem, ROOT / "news/data/sdg_links.json"),
    ):
        links = json.loads(path.read_text(encoding="utf-8"))["items"]
        for slug, wanted in links.items():
            item = model.objects.get(slug=slug)
            assert codes(item) == sorted(wanted["goals"]), slug
            assert sorted(p.number for p in item.projects.all()) == sorted(
                wanted.get("projects", [])
            ), slug
    assert codes(Publication.objects.get(slug="seoul-open-data-plaza")) == ["4-2"]

    second = load()
    assert "publications' SDG goals: 0 created, 0 updated" in second
    assert "news items' SDG goals: 0 created, 0 updated" in second


def test_staff_changes_survive_and_overwrite_resets_them():
    load()
    item = Publication.objects.get(slug="seoul-open-data-plaza")
    item.goals.set([Goal.objects.get(code="2-3")])

    assert "publications' SDG goals: 0 created, 0 updated" in load()
    assert codes(item) == ["2-3"]

    assert "publications' SDG goals: 0 created, 1 updated" in load(overwrite=True)
    assert codes(item) == ["4-2"]
