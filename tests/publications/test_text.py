from publications.text import first_paragraph, flat_text_to_html, plain_summary


def test_headings_bullets_and_paragraphs():
    text = (
        "Why Create the Project\n\n"
        "  • First, sharing helps.\n"
        "  • Second, it creates jobs.\n\n"
        "<Laying the groundwork>\n\n"
        "A paragraph that ends like a sentence.\n"
    )
    assert flat_text_to_html(text) == (
        "<h2>Why Create the Project</h2>\n"
        "<ul><li>First, sharing helps.</li><li>Second, it creates jobs.</li></ul>\n"
        "<h2>Laying the groundwork</h2>\n"
        "<p>A paragraph that ends like a sentence.</p>"
    )


def test_inline_markers_and_runs_of_spaces():
    text = "□ 서울시는 발간했습니다.     ○ 전자책은 열람할 수 있습니다.        - 전자책(eBook) 주소"
    assert flat_text_to_html(text) == (
        "<p>서울시는 발간했습니다.</p>\n"
        "<ul>\n<li>전자책은 열람할 수 있습니다.</li>\n<li>전자책(eBook) 주소</li>\n</ul>"
    )


def test_circled_heading_and_numbered_run():
    assert flat_text_to_html("① 성미산 마을\n마을 설명입니다.") == (
        "<h3>① 성미산 마을</h3>\n<p>마을 설명입니다.</p>"
    )
    assert flat_text_to_html("01 Urban Planning 02 Transportation Planning 03 Economy") == (
        "<ol><li>Urban Planning</li><li>Transportation Planning</li><li>Economy</li></ol>"
    )


def test_text_is_escaped():
    assert flat_text_to_html("<script>alert(1)</script> 이 문장은 길게 이어지는 문장입니다.") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; 이 문장은 길게 이어지는 문장입니다.</p>"
    )


def test_summary_helpers():
    assert first_paragraph("제목\n\n첫 문단입니다.   둘째 문단입니다.") == "첫 문단입니다."
    assert plain_summary("□ " + "가나다 " * 100, length=20) == "가나다 가나다 가나다 가나다 가나다…"


def test_fragments_of_a_numbered_list_stay_one_list_and_addresses_become_links():
    text = "- 전자책 https://ebook.seoul.go.kr/Viewer/2E08LF73HJBR     ① 규제철폐 ② 시민 지원     ③ 시민 생활"
    assert flat_text_to_html(text) == (
        "<ul>\n<li>전자책 "
        '<a href="https://ebook.seoul.go.kr/Viewer/2E08LF73HJBR" rel="noopener noreferrer">'
        "https://ebook.seoul.go.kr/Viewer/2E08LF73HJBR</a></li>\n</ul>\n"
        '<ol class="circled">\n<li>① 규제철폐</li>\n<li>② 시민 지원</li>\n<li>③ 시민 생활</li>\n</ol>'
    )


def test_a_headline_followed_by_a_lone_line_makes_it_a_sub_heading():
    text = "장애인 정책 패러다임 전환\n\n주거 및 일자리 자립 지원\n\n서울시는 지원한다."
    assert flat_text_to_html(text) == (
        "<h2>장애인 정책 패러다임 전환</h2>\n<h3>주거 및 일자리 자립 지원</h3>\n<p>서울시는 지원한다.</p>"
    )
