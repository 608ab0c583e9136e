"""Access walk: every URL pattern, as anonymous, an Editor, a Training reviewer and a superuser.
Nominees' personal data must show only to reviewers and superusers.

Each route is filled with real values (the nomination's id, a programme's slug, a news slug…)
so the walk reaches the pages themselves, not their 404s. The private link
(/training/nominations/<token>/) is the writer's own key and is walked with a wrong token: with the
right one it shows the writer their nomination, by design (tests/training/test_private_link.py).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from archive_portal.groups import EDITORS, TRAINING_REVIEWERS, sync_staff_groups
from news.models import NewsItem
from publications.models import Publication
from sdg_plan.models import Department, Goal, Indicator, Project
from tests import figures
from tests.training.factories import MilestoneFactory, NominationFactory, TraineeFactory
from tests.urlwalk import routes
from training.models import Nomination, Programme, Subscription

pytestmark = pytest.mark.django_db

# What only reviewers and superusers may see: the firm, its contact person, a trainee.
PERSONAL = [
    "접근검사철도주식회사",
    "walk-writer@example.com",
    "Walk Trainee Nguyen",
    "010-9876-5432",
    "walk-subscriber@example.com",  # an email subscription (admin: Subscription managers only)
]


@pytest.fixture
def site(django_user_model):
    call_command("load_seed_content", verbosity=0)
    sync_staff_groups()
    programme = Programme.objects.filter(is_published=True).first()
    nomination = NominationFactory(
        programme=programme, company=PERSONAL[0], writer_email=PERSONAL[1], writer_phone=PERSONAL[3]
    )
    TraineeFactory(nomination=nomination, name=PERSONAL[2])
    MilestoneFactory(nomination=nomination)
    Subscription.objects.create(
        email=PERSONAL[4],
        language="en",
        topics=["calls"],
        confirm_key="walk",
        unsubscribe_key="walk",
        consent_notice_version="2026-1",
    )
    users = {"anonymous": None}
    for role, group in (("editor", EDITORS), ("reviewer", TRAINING_REVIEWERS)):
        user = django_user_model.objects.create_user(
            username=role, password="a-long-test-password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    users["superuser"] = django_user_model.objects.create_superuser(
        username="root", password="a-long-test-password", email="root@example.com"
    )
    return nomination, users


def real_values(route, nomination):
    """Values that reach a real page for each parameter of `route`."""
    news = NewsItem.objects.published().first()
    publication = Publication.objects.published().first()
    attachment = publication.attachments.first() if publication else None
    by_name = {
        "slug": {
            "news": news.slug,
            "publications": publication.slug,
            "training": nomination.programme.slug,
        },
        "token": "not-the-writers-token",
        "code": Goal.objects.first().code,
        "number": (Project if "projects" in route.template else Indicator).objects.first().number,
        "section": "news",
        "content_type_id": "1",
        "id": str(nomination.pk),
        "url": "nowhere/",
        "path": "nothing.pdf",
        "app_label": "training",
    }
    values = []
    for param in route.params:
        if param == "slug":
            section = route.template.split("/")[1]
            values.append(by_name["slug"].get(section, nomination.programme.slug))
        elif param in ("object_id", "arg0", "arg1"):
            values.append(_object_id(route, nomination))
        elif param == "pk":
            if "files" in route.template and attachment:
                values.append(attachment.pk)
            elif "departments" in route.template:
                values.append(Department.objects.first().pk)
            elif "publications/p/" in route.template:
                values.append(publication.pk)
            else:
                values.append(news.pk if "news" in route.template else 1)
        else:
            values.append(by_name.get(param, "x"))
    return values


def _object_id(route, nomination):
    model = route.template.split("/")[2] if route.is_admin else ""
    if model == "nomination":
        return nomination.pk
    if model == "programme":
        return nomination.programme.pk
    from django.apps import apps

    app_label = route.template.split("/")[1]
    try:
        row = apps.get_model(app_label, model).objects.first()
    except LookupError:
        return 1
    return row.pk if row else 1


def test_nomination_data_shows_only_to_reviewers_and_superusers(client, site):
    nomination, users = site
    seen = {role: set() for role in users}
    requests = 0
    for role, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for route in routes():
            if route.name in ("logout",) or "delete" in route.template:
                continue  # signing out would end the walk; deleting is not reading
            url = route.url(real_values(route, nomination))
            response = client.get(url)
            requests += 1
            assert response.status_code < 500, (role, url)
            body = response.content.decode("utf-8", "replace") if response.content else ""
            if any(value in body for value in PERSONAL):
                seen[role].add(route.pattern)
    figures.put("access walk: requests (4 roles x every URL pattern)", requests)
    figures.put(
        "access walk: pages showing nominee data to anonymous or Editors",
        len(seen["anonymous"] | seen["editor"]),
    )
    assert seen["anonymous"] == set()
    assert seen["editor"] == set()
    nomination_pages = {
        "admin/training/nomination/",
        "admin/training/nomination/<path:object_id>/change/",
    }
    assert nomination_pages <= seen["reviewer"]
    assert nomination_pages <= seen["superuser"]
    # The reviewer's personal-data pages are the nomination admin's and nothing else.
    assert all(p.startswith("admin/training/nomination/") for p in seen["reviewer"]), seen
    assert Nomination.objects.filter(pk=nomination.pk).exists()
