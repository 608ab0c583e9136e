"""The nomination form's details a first visit found: the country list in each language's order
with corrected Korean names, no silent cut of long answers (a character count instead), the
private link on the confirmation page and out of the logs, and the link to the privacy policy."""

import re

import pytest
from django.utils import translation

from tests.training.factories import form_data
from training.forms import country_choices
from training.models import Nomination

pytestmark = pytest.mark.django_db

APPLY = "/ko/training/open-call/apply/"
CHECK = "/ko/training/open-call/apply/check/"
DONE = "/ko/training/open-call/apply/confirmation/"


def test_korean_country_names_in_korean_order_with_current_names():
    with translation.override("ko"):
        names = [str(name) for _code, name in country_choices()]
        codes = [code for code, _name in country_choices()]
    assert names[:4] == ["가나", "가봉", "가이아나", "감비아"]
    assert names == sorted(names)  # Hangul syllables: code point order is 가나다 order
    assert "KR" not in codes and len(codes) == 248
    with translation.override("ko"):
        named = {code: str(name) for code, name in country_choices()}
    assert (named["TH"], named["TR"], named["KY"]) == ("태국", "튀르키예", "케이맨 제도")
    assert "케이맨 섬1" not in names and "타이" not in names and "터키" not in names


def test_english_country_names_in_english_order_accents_folded():
    with translation.override("en"):
        names = [str(name) for _code, name in country_choices()]
    assert names[:3] == ["Afghanistan", "Åland Islands", "Albania"]
    assert names[-1] == "Zimbabwe"
    ivory_coast = next(name for name in names if name.startswith("Côte"))
    assert names.index("Costa Rica") < names.index(ivory_coast) < names.index("Croatia")


def test_the_form_page_lists_the_countries_in_that_order(client, programme):
    html = client.get(APPLY).content.decode()
    select = html[html.index('<select name="country"') : html.index("</select>")]
    options = re.findall(r'<option value="([A-Z]{2})"', select)
    assert options[:3] == ["GH", "GA", "GY"]  # 가나, 가봉, 가이아나


def test_no_field_cuts_what_is_typed_text_areas_count_characters(client, programme):
    html = client.get(APPLY).content.decode()
    assert "maxlength" not in html
    assert (
        '<span class="hint character-count" id="id_city_overview-count" '
        'data-count-for="id_city_overview" data-limit="5000"' in html
    )
    assert "5000자까지 입력할 수 있습니다</span>" in html
    textarea = re.search(r'<textarea name="city_overview"[^>]*>', html).group(0)
    assert 'aria-describedby="id_city_overview-hint id_city_overview-count"' in textarea


def test_a_too_long_answer_is_kept_and_refused_next_to_the_field(client, programme):
    long_position = "가" * 1000
    response = client.post(APPLY, form_data(**{"trainees-0-position": long_position}))
    assert response.status_code == 200
    html = response.content.decode()
    message = "200자 이내로 입력하십시오. 지금 1000자입니다."
    assert html.count(message) == 2  # in the error summary and by the field
    assert f'value="{long_position}"' in html  # nothing typed was cut
    assert not Nomination.objects.exists()


def test_the_confirmation_page_shows_the_private_link(client, programme):
    client.post(APPLY, form_data())
    response = client.post(CHECK)
    # The token is never in an address the browser requests (so never in an access log).
    assert response["Location"].startswith(DONE + "?c=")
    assert "nominations" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    link = re.search(r'<a class="private-link__url" href="([^"]+)"', html).group(1)
    assert link.startswith("http://testserver/ko/training/nominations/")
    assert "이 링크를 지금 복사하거나 즐겨찾기에 저장해 두십시오." in html
    nomination = Nomination.objects.get()
    page = client.get(link.removeprefix("http://testserver")).content.decode()
    assert nomination.reference in page


def test_the_form_links_the_privacy_policy(client, programme):
    html = client.get(APPLY).content.decode()
    consent = html[html.index('id="consent"') :]
    assert '<a href="/ko/privacy/">개인정보처리방침</a>' in consent[: consent.index("</section>")]
