"""The admin's body editor speaks the admin's language through Django's JavaScript catalogue
(/admin/jsi18n/, a script file under the strict CSP): its Korean words are in
locale/ko/LC_MESSAGES/djangojs.po, not in a script of their own."""

import pytest
from django.contrib.auth.models import Group

from archive_portal.groups import EDITORS, sync_staff_groups
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    sync_staff_groups()
    user = django_user_model.objects.create_user(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def test_the_admin_catalogue_has_the_editor_words_in_korean(editor):
    korean = editor.get("/admin/jsi18n/", headers={"accept-language": "ko"}).content.decode()
    english = editor.get("/admin/jsi18n/", headers={"accept-language": "en"}).content.decode()
    assert '"Alternative Text": "\\ub300\\uccb4 \\ud14d\\uc2a4\\ud2b8' in korean  # 대체 텍스트
    assert '"Bold": "\\uad75\\uac8c"' in korean  # 굵게
    assert '"Include header row": "\\uba38\\ub9ac\\uae00 \\ud589 \\ud3ec\\ud568"' in korean
    assert '"Bold"' not in english
    assert '"Alternative Text"' not in english


def test_the_change_form_loads_the_catalogue_before_the_editor(editor):
    item = NewsItemFactory(title="행사 안내")
    html = editor.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert html.count('<script src="/admin/jsi18n/"></script>') == 1
    assert html.index('src="/admin/jsi18n/"') < html.index("js/admin_editor.")
    assert "admin_editor_i18n" not in html
