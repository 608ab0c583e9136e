"""An editor writes a formatted news item without typing markup, previews the unsaved change in
the page design in both languages, publishes it, and restores an earlier version; text pasted
from Word loses its styling; an image without a text alternative is refused."""

import re

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from archive_portal.groups import EDITORS
from news.models import NewsItem, Status
from tests.browser.conftest import log_in, screenshot, serious_axe_violations
from tests.news.factories import NewsItemFactory

WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    '<p class="MsoNormal" style="mso-margin-top-alt:auto;font-family:&quot;맑은 고딕&quot;">'
    '<span style="font-size:14pt;mso-bidi-font-family:Arial">붙여 넣은 <b>굵은</b> 문단</span>'
    "<o:p></o:p></p>"
    '<table class="MsoTableGrid" style="border-collapse:collapse"><tr>'
    '<td style="border:solid windowtext 1.0pt"><p class="MsoNormal">칸</p></td></tr></table>'
    "</body></html>"
)


def editor(django_user_model=User):
    user = User.objects.create_user("writer", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def open_item(page, live_server, item):
    """The item's change form, its editor ready; anything the CSP refuses is collected."""
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    log_in(page, live_server, editor())
    page.goto(f"/admin/news/newsitem/{item.pk}/change/")
    area = page.get_by_role("textbox", name="본문 [ko]")
    expect(area).to_be_visible()
    return area


def test_an_editor_writes_previews_publishes_and_restores(page, live_server):
    item = NewsItemFactory(title="행사 안내", status=Status.DRAFT, body="<p>예전 본문</p>")
    area = open_item(page, live_server, item)
    assert page.csp_errors == []
    assert serious_axe_violations(page) == []
    page.csp_errors.clear()  # axe's own injected script trips the CSP, not the page
    response = page.request.get(f"/admin/news/newsitem/{item.pk}/change/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    area.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("서울시 누리집")
    expect(area).to_have_text("서울시 누리집")  # typed in full before the selection is made
    page.keyboard.press("Shift+Home")  # select the words, then link them
    link_button = page.get_by_role("button", name="링크 넣기")
    expect(link_button).not_to_have_class(re.compile(r"\bdisabled\b"))  # a selection to link
    link_button.click()
    expect(page.locator("dialog[open]")).to_be_visible()
    page.locator("dialog").get_by_label("주소").fill("https://www.seoul.go.kr/")
    page.locator("dialog").get_by_role("button", name="고치기").click()
    expect(area.locator('a[href="https://www.seoul.go.kr/"]')).to_have_text("서울시 누리집")
    # Back from the dialog: put the caret at the end of the linked words, as a person would.
    area.locator('a[href="https://www.seoul.go.kr/"]').click()
    page.keyboard.press("Control+End")
    # ProseMirror takes the moved caret from the browser's next selectionchange event: a
    # person never presses the next key within the same millisecond.
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.keyboard.type("## 행사 개요")  # "## " starts a heading, as in a word processor
    page.keyboard.press("Enter")
    page.keyboard.type("- 일시: 11월 5일")  # "- " starts a bulleted list
    page.keyboard.press("Enter")
    page.keyboard.type("장소: 서울시청")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="표 넣기").click()
    page.locator("dialog").get_by_role("button", name="표 넣기").click()
    page.keyboard.type("첫 칸")
    expect(area.locator("h2")).to_have_text("행사 개요")
    expect(area.locator("ul li")).to_have_count(2)
    expect(area.locator("table")).to_have_count(1)
    expect(area.locator('a[href="https://www.seoul.go.kr/"]')).to_have_text("서울시 누리집")
    screenshot(page, "admin-news-editor-1280")

    with page.expect_popup() as popup:
        page.get_by_role("button", name="영어로 미리보기").click()
    preview = popup.value
    expect(preview.locator("html")).to_have_attribute("lang", "en")
    expect(preview.get_by_role("heading", level=2, name="행사 개요")).to_be_visible()
    expect(preview.locator(".news-preview")).to_contain_text("Preview for staff")
    screenshot(preview, "admin-news-preview-en-1280")
    preview.close()
    with page.expect_popup() as popup:
        page.get_by_role("button", name="한국어로 미리보기").click()
    expect(popup.value.locator("html")).to_have_attribute("lang", "ko")
    expect(popup.value.get_by_role("cell", name="첫 칸")).to_be_visible()
    popup.value.close()
    item.refresh_from_db()
    assert item.body == "<p>예전 본문</p>"  # previewing saved nothing

    page.get_by_label("상태").select_option("published")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    item.refresh_from_db()
    assert item.body.startswith(
        '<p><a href="https://www.seoul.go.kr/" title="" rel="noopener noreferrer">서울시 누리집</a></p>'
        "<h2>행사 개요</h2><ul><li><p>일시: 11월 5일</p></li>"
    ), item.body
    assert "<table>" in item.body and "<td><p>첫 칸</p></td>" in item.body

    assert page.csp_errors == [], "\n".join(page.csp_errors)  # a strict CSP holds

    page.goto(item.get_absolute_url())
    expect(page.get_by_role("heading", level=2, name="행사 개요")).to_be_visible()

    page.goto(f"/admin/news/newsitem/{item.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("writer")
    assert serious_axe_violations(page) == []
    page.locator("#change-history tbody tr").last.get_by_role("link").click()  # the oldest
    page.locator("input[name=_save]").click()  # simple_history's "Revert"
    expect(page.locator(".messagelist .success")).to_be_visible()
    item.refresh_from_db()
    assert (item.body, item.status) == ("<p>예전 본문</p>", Status.DRAFT)


def test_text_pasted_from_word_loses_its_styling(page, live_server):
    item = NewsItemFactory(title="붙여넣기", body="<p>x</p>")
    area = open_item(page, live_server, item)
    area.click()
    page.keyboard.press("Control+A")
    area.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "붙여 넣은 굵은 문단");
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                              cancelable: true}));
        }""",
        WORD_HTML,
    )
    expect(area.locator("strong")).to_have_text("굵은")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    body = NewsItem.objects.get(pk=item.pk).body
    assert "붙여 넣은 <strong>굵은</strong> 문단" in body
    assert "<td><p>칸</p></td>" in body
    for styling in ("style=", "class=", "mso", "o:p", "<span"):
        assert styling not in body


def test_an_image_without_a_text_alternative_is_refused(page, live_server):
    item = NewsItemFactory(title="사진", body="<p>사진 설명</p>")
    area = open_item(page, live_server, item)
    area.click()
    page.get_by_role("button", name="이미지 넣기").click()
    page.get_by_label("이미지 주소").fill(f"{live_server.url}/static/img/share.png")
    page.locator("dialog").get_by_role("button", name="넣기", exact=True).click()
    expect(area.locator("img")).to_have_count(1)
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text(
        "모든 이미지에는 대체 텍스트가 있어야 합니다"
    )
    assert NewsItem.objects.get(pk=item.pk).body == "<p>사진 설명</p>"
    assert serious_axe_violations(page) == []

    area = page.get_by_role("textbox", name="본문 [ko]")
    area.locator("img").click()
    page.get_by_role("button", name="이미지 넣기").click()
    page.get_by_label("대체 텍스트").fill("서울광장의 시민들")
    page.locator("dialog").get_by_role("button", name="고치기", exact=True).click()
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert 'alt="서울광장의 시민들"' in NewsItem.objects.get(pk=item.pk).body


def test_the_editor_speaks_the_admin_language(page, browser, live_server):
    """Its toolbar and dialogs in Korean in the Korean admin, in English in the English one: the
    words come from Django's JavaScript catalogue (djangojs.po), under the strict CSP."""
    item = NewsItemFactory(title="표", body="<p>x</p>")
    area = open_item(page, live_server, item)
    toolbar = page.locator(".prose-menubar")
    for name in ("굵게", "기울임", "글머리 기호 목록", "링크 넣기", "실행 취소"):
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()
    area.click()
    toolbar.get_by_role("button", name="표 넣기", exact=True).click()
    dialog = page.locator("dialog[open]")
    for label in ("행 수", "열 수", "머리글 행 포함"):
        expect(dialog.get_by_label(label, exact=True)).to_be_visible()
    expect(dialog.get_by_role("button", name="취소")).to_be_visible()
    header_row = dialog.get_by_label("머리글 행 포함", exact=True)
    assert header_row.locator("option").all_text_contents() == ["예", "아니요"]
    header_row.select_option(label="예")  # the bundle still reads the value it compares
    screenshot(page, "admin-editor-table-dialog-ko-1280")
    dialog.get_by_role("button", name="표 넣기", exact=True).click()
    expect(page.locator(".ProseMirror table th")).to_have_count(3)
    assert page.csp_errors == [], "\n".join(page.csp_errors)

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    english = context.new_page()
    english.csp_errors = []
    log_in(english, live_server, User.objects.get(username="writer"))
    english.goto(f"/admin/news/newsitem/{item.pk}/change/")
    toolbar = english.locator(".prose-menubar")
    expect(toolbar.get_by_role("button", name="Bold", exact=True)).to_be_visible()
    expect(toolbar.get_by_role("button", name="굵게")).to_have_count(0)
    english.get_by_role("textbox", name="Body [ko]").click()
    toolbar.get_by_role("button", name="Insert table", exact=True).click()
    expect(english.locator("dialog[open]").get_by_label("Rows", exact=True)).to_be_visible()
    context.close()
