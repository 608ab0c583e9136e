from archive_portal.lib.richtext import (
    flat_to_html,
    render_body,
    render_body_for_page,
    sanitize_html,
)


def test_scripts_event_handlers_and_javascript_links_never_survive():
    html = render_body(
        '<script>alert(1)</script><p onclick="steal()">Hi</p>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)">'
        "[y](javascript:alert(2))"
    )
    assert "<script" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<p>Hi</p>" in html


def test_markdown_becomes_html():
    assert str(render_body("**굵게** and [link](https://seoul.go.kr)")) == (
        '<p><strong>굵게</strong> and <a href="https://seoul.go.kr" rel="noopener noreferrer">link</a></p>'
    )


def test_sanitize_keeps_tables_and_lists():
    assert sanitize_html("<table><tr><td>1</td></tr></table>") == (
        "<table><tbody><tr><td>1</td></tr></tbody></table>"
    )


def test_flat_text_becomes_paragraphs_and_lists():
    text = "도입 문장입니다. □ 첫째 문단 ○ 하위 항목 하나 ○ 하위 항목 둘 ※ 참고 사항 ① 첫째 ② 둘째"
    assert flat_to_html(text) == (
        "<p>도입 문장입니다.</p>\n<p>첫째 문단</p>\n<ul>\n<li>하위 항목 하나</li>\n"
        '<li>하위 항목 둘</li>\n</ul>\n<p class="note">※ 참고 사항</p>\n'
        '<ol class="circled">\n<li>① 첫째</li>\n<li>② 둘째</li>\n</ol>'
    )


def test_flat_text_is_escaped():
    assert flat_to_html("<b>굵게</b> □ a&b") == "<p>&lt;b&gt;굵게&lt;/b&gt;</p>\n<p>a&amp;b</p>"


def test_a_table_scrolls_in_a_labelled_region_the_keyboard_reaches():
    html = render_body_for_page(
        "<table><caption>연도별 <b>목표</b></caption><tr><td>1</td></tr></table>"
    )
    assert html == (
        '<div class="table-wrap" tabindex="0" role="region" aria-label="연도별 목표">'
        "<table><caption>연도별 <b>목표</b></caption><tbody><tr><td>1</td></tr></tbody></table>"
        "</div>"
    )
    untitled = render_body_for_page("| a | b |\n|---|---|\n| 1 | 2 |")
    # The editor gets the body without the wrapper (it would be saved into the body).
    assert "table-wrap" not in render_body("| a | b |\n|---|---|\n| 1 | 2 |")
    assert untitled.startswith('<div class="table-wrap" tabindex="0" role="region" aria-label="')
    assert untitled.endswith("</table></div>")
