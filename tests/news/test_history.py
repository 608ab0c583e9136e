"""Who changed a news item, what and when, and a restore of an earlier version (simple_history)."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsItem

pytestmark = pytest.mark.django_db


def form(title, body, published_at):
    return {
        "title_ko": title,
        "slug": "행사-안내",
        "category": "event",
        "language": "ko",
        "author": "seoulsolution",
        "summary_ko": "행사 요약",
        "body_ko": body,
        "status": "published",
        "published_at_0": published_at.strftime("%Y-%m-%d"),
        "published_at_1": published_at.strftime("%H:%M:%S"),
        "source_name_ko": "",
        "source_url": "",
        "licence": "kogl-1",
        "cover_image_alt_ko": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }


def test_the_history_shows_who_changed_what_and_restores_an_earlier_version(client, superuser):
    client.force_login(superuser)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    when = timezone.localtime() - datetime.timedelta(days=1)
    client.post("/admin/news/newsitem/add/", form("행사 안내", "<p>첫 본문</p>", when))
    item = NewsItem.objects.get(slug="행사-안내")
    response = client.post(
        f"/admin/news/newsitem/{item.pk}/change/",
        form("행사 안내 (수정)", "<p>둘째 본문</p>", when),
    )
    assert response.status_code == 302

    page = client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    history = page.split('id="change-history"')[1].split("</table>")[0]
    assert history.count(">admin<") == 2  # both versions by the signed-in staff member
    assert "<strong>Title:</strong>\n                    행사 안내\n" in history
    assert "&nbsp;&rarr;&nbsp;&nbsp;행사 안내 (수정)" in history

    first = item.history.earliest()
    restore_url = f"/admin/news/newsitem/{item.pk}/history/{first.history_id}/"
    page = client.get(restore_url).content.decode()
    assert 'value="행사 안내"' in page  # the form shows the earlier version to restore
    response = client.post(restore_url, form("행사 안내", "<p>첫 본문</p>", when))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.body) == ("행사 안내", "<p>첫 본문</p>")
    assert [h.history_type for h in item.history.all()] == ["~", "~", "+"]
