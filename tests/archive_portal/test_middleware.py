"""archive_portal.middleware: malformed input answered at the door; staff sessions expire."""

import time

import pytest
from django.contrib.auth.models import Group

from archive_portal.groups import EDITORS, sync_staff_groups
from archive_portal.middleware import SESSION_SEEN, SESSION_STARTED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/ko/news/a%00b/",
        "/ko/training/nominations/%00/",
        "/ko/publications/%1b%5b31m/",
        "/ko/training/x%0ay/",
        "/admin/training/nomination/1%00/change/",
    ],
)
def test_a_control_character_in_the_path_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.content == b"Bad request: a control character in the address.\n"


@pytest.mark.parametrize("charset", ["utf-16", "utf-7", "cp037", "latin-1", "x-unknown"])
def test_a_body_in_another_charset_than_utf8_is_a_400(client, charset):
    response = client.generic(
        "POST",
        "/ko/search/",
        b"q=%EC%84%9C%EC%9A%B8",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert response.content == b"Bad request: the body must be UTF-8.\n"


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", "UTF_8"])
def test_utf8_bodies_go_through(client, charset):
    response = client.generic(
        "POST",
        "/ko/search/",
        b"q=x",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 405  # the search page only answers GET: the body was read


def test_control_characters_in_parameters_become_spaces(client):
    response = client.get("/ko/search/", {"q": "서울\x00\x1b정책", "type\x00": "x"})
    assert response.status_code == 200
    assert response.context["query"] == "서울 정책"
    assert response.wsgi_request.GET.getlist("q") == ["서울  정책"]
    assert list(response.wsgi_request.GET) == ["q", "type "]


def test_admin_changelist_filters_with_nul_are_no_500(client, superuser):
    client.force_login(superuser)
    for query in ({"q": "a\x00b"}, {"status": "\x00"}, {"programme__id__exact": "1\x00"}):
        response = client.get("/admin/training/nomination/", query)
        assert response.status_code in (200, 302), query


def staff(django_user_model):
    sync_staff_groups()
    user = django_user_model.objects.create_user(
        username="ed", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_staff_sessions_end_after_idle_time(client, django_user_model, settings):
    client.force_login(staff(django_user_model))
    assert client.get("/admin/").status_code == 200
    session = client.session
    assert session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS
    session[SESSION_SEEN] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_staff_sessions_end_after_their_maximum_age(client, django_user_model, settings):
    client.force_login(staff(django_user_model))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.STAFF_SESSION_MAX_SECONDS - 1
    session.save()
    assert client.get("/admin/").status_code == 302
