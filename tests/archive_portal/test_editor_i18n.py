"""The admin's body editor speaks the admin's language through Django's JavaScript catalogue
(/admin/jsi18n/, a script file under the strict CSP): its Korean words are in
locale/ko/LC_MESSAGES/djangojs.po, not in a script of their own."""

import pytest

from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


def test_the_admin_catalogue_has_the_editor_words_in_korean(editor_client):
    korean = editor_client.get("/admin/jsi18n/", headers={"accept-language": "ko"}).content.decode()
    english = editor_client.get(
        "/admin/jsi18n/", headers={"accept-language": "en"}
    ).content.decode()
    assert '"Alternative Text": "\\ub300\\uccb4 \\ud14d\\uc2a4\\ud2b8' in korean  # 대체 텍스트
    assert '"Bold": "\\uad75\\uac8c"' in korean  # 굵게
    assert '"Include header row": "\\uba38\\ub9ac\\uae00 \\ud589 \\ud3ec\\ud568"' in korean
    assert '"Bold"' not in english
    assert '"Alternative Text"' not in english


def test_the_change_form_loads_the_catalogue_before_the_editor(editor_client):
    item = NewsItemFactory(title="행사 안내")
    html = editor_client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert html.count('<script src="/admin/jsi18n/"></script>') == 1
    assert html.index('src="/admin/jsi18n/"') < html.index("js/admin_editor.")
    assert "admin_editor_i18n" not in html
