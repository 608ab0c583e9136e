"""Training calls on /en/: the archive's English of the seeded calls, Korean fields marked
lang="ko", contacts with the international dialling code."""

import pytest
from django.core.management import call_command
from django.utils.html import escape

from training.models import Programme

pytestmark = pytest.mark.django_db


def test_seeded_calls_in_english(client):
    call_command("load_seed_content", verbosity=0)
    assert not Programme.objects.filter(title_en__isnull=True).exists()
    programme = Programme.objects.get(slug="2025-urban-railway-invited-training")
    html = client.get("/en/training/2025-urban-railway-invited-training/").text
    assert programme.title_en.startswith("Invited training for overseas urban railway officials")
    assert f'<h1 lang="en">{escape(programme.title_en)}</h1>' in html
    assert "English translation by the archive; the Korean original prevails." in html
    assert "<dd>Oh Jaeryeon</dd>" in html
    assert '<a href="tel:+82264382522">+82 2-6438-2522</a>' in html
    assert '<ol class="criteria" lang="en">' in html
    assert "<li>Visit to a rolling-stock factory</li>" in html  # the schedule in English
    programme.trainee_criteria_en = ""
    programme.save()
    html = client.get("/en/training/2025-urban-railway-invited-training/").text
    assert '<ol class="criteria" lang="ko">' in html  # no English: the Korean, marked
    html = client.get("/ko/training/2025-urban-railway-invited-training/").text
    assert "<dd>오재련</dd>" in html
    assert '<a href="tel:+82264382522">02-6438-2522</a>' in html
