"""Citable records (issue 17): RIS, BibTeX and CSL-JSON exports of publications, policy cases,
SDG indicators and the SDG open data, each read back by a parser of its format (rispy,
bibtexparser, citeproc-py); Google Scholar meta tags; a dataset citation on the open data page."""

import json
import warnings
from datetime import date

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from publications.models import Kind
from sdg_plan.models import Indicator
from tests.goals import make_goal
from tests.publications.factories import AttachmentFactory, PublicationFactory

pytestmark = pytest.mark.django_db

KOGL = "KOGL Type 1: Attribution (공공누리 제1유형 출처표시) https://www.kogl.or.kr/info/licenseType1.do"
CC_BY_ND = "CC BY-ND 3.0 (저작자표시-변경금지) https://creativecommons.org/licenses/by-nd/3.0/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case():
    return PublicationFactory(
        slug="bus-reform",
        title="서울 버스 체계 개편 {2004}",  # braces: BibTeX must escape them
        kind=Kind.POLICY_CASE,
        publisher="서울특별시",
        summary="준공영제와 환승 할인으로 버스를 바꾼 정책사례.",
        published_on=date(2024, 2, 1),
        language="ko",
        sectors=["transportation"],
    )


def export(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    return response


def test_ris_reads_back(client, case):
    response = export(
        client, f"/en/publications/p/{case.pk}/cite.ris",
        "application/x-research-info-systems; charset=utf-8",
    )  # fmt: skip
    assert response["Content-Disposition"] == (
        f'attachment; filename="seoul-policy-archive-publication-{case.pk}.ris"'
    )
    assert response.text.startswith("TY  - RPRT\n")
    (entry,) = rispy.loads(response.text)
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == "서울 버스 체계 개편 {2004}"
    assert entry["authors"] == ["서울특별시"]
    assert entry["publisher"] == "서울특별시"
    assert entry["year"] == "2024"
    assert entry["date"] == "2024/02/01"
    assert entry["language"] == "ko"
    assert entry["urls"] == [f"http://testserver/en/publications/p/{case.pk}/"]
    assert entry["notes"] == [f"Licence: {KOGL}"]
    assert entry["keywords"] == ["교통"]  # sectors in the language of the item
    assert entry["abstract"] == "준공영제와 환승 할인으로 버스를 바꾼 정책사례."


def test_bibtex_reads_back(client, case):
    response = export(
        client, f"/ko/publications/p/{case.pk}/cite.bib", "application/x-bibtex; charset=utf-8"
    )
    library = bibtexparser.parse_string(response.text)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry.key == f"seoul-policy-archive-publication-{case.pk}"
    fields = entry.fields_dict
    assert fields["title"].value == "{서울 버스 체계 개편 {2004}}"
    assert fields["author"].value == "{서울특별시}"
    assert fields["institution"].value == "서울특별시"
    assert fields["year"].value == "2024"
    assert fields["date"].value == "2024-02-01"
    assert fields["language"].value == "ko"
    assert fields["url"].value == f"http://testserver/ko/publications/p/{case.pk}/"
    assert fields["note"].value == f"Licence: {KOGL}"


def csl_bibliography(items):
    """The items through a CSL processor (citeproc-py, its bundled Harvard style)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # CSL 1.0.2 variables it does not know
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return [str(entry) for entry in bibliography.bibliography()]


def test_csl_json_reads_back(client, case):
    response = export(
        client, f"/ko/publications/p/{case.pk}/cite.json",
        "application/vnd.citationstyles.csl+json; charset=utf-8",
    )  # fmt: skip
    (item,) = json.loads(response.text)
    assert item["type"] == "report"
    assert item["title"] == "서울 버스 체계 개편 {2004}"
    assert item["author"] == [{"literal": "서울특별시"}]
    assert item["publisher"] == "서울특별시"
    assert item["issued"] == {"date-parts": [[2024, 2, 1]]}
    assert item["URL"] == f"http://testserver/ko/publications/p/{case.pk}/"
    assert item["language"] == "ko"
    assert item["license"] == KOGL
    (reference,) = csl_bibliography([item])
    assert "서울특별시" in reference and "2024" in reference
    assert "서울 버스 체계 개편 {2004}" in reference


def test_drafts_and_unknown_formats_have_no_record(client, case):
    draft = PublicationFactory(status="draft")
    assert client.get(f"/ko/publications/p/{draft.pk}/cite.ris").status_code == 404
    assert client.get(f"/ko/publications/p/{case.pk}/cite.xml").status_code == 404


def test_publication_pages_carry_scholar_meta_tags_and_export_links(client, case):
    attachment = AttachmentFactory(publication=case)
    html = client.get("/ko/publications/bus-reform/").content.decode()
    for tag in (
        '<meta name="citation_title" content="서울 버스 체계 개편 {2004}">',
        '<meta name="citation_author" content="서울특별시">',
        '<meta name="citation_publication_date" content="2024/02/01">',
        '<meta name="citation_publisher" content="서울특별시">',
        '<meta name="citation_technical_report_institution" content="서울특별시">',
        '<meta name="citation_language" content="ko">',
        f'<meta name="citation_abstract_html_url" content="http://testserver/ko/publications/p/{case.pk}/">',
        f'<meta name="citation_pdf_url" content="http://testserver/ko/publications/bus-reform/files/{attachment.pk}/">',
    ):
        assert tag in html, tag
    assert f'<a href="/ko/publications/p/{case.pk}/cite.ris" download>RIS</a>' in html
    assert f'<a href="/ko/publications/p/{case.pk}/cite.bib" download>BibTeX</a>' in html
    assert f'<a href="/ko/publications/p/{case.pk}/cite.json" download>CSL-JSON</a>' in html


def test_an_indicator_exports_its_record(client):
    make_goal("3-3")
    indicator = Indicator.objects.get()
    (entry,) = rispy.loads(client.get(f"/ko/sdg/indicators/{indicator.number}/cite.ris").text)
    assert entry["type_of_reference"] == "DATA"
    assert entry["title"] == (
        f"제2차 서울특별시 지속가능발전 이행계획 (2020년~2024년) 성과지표 {indicator.number}: "
        f"{indicator.name}"
    )
    assert entry["urls"] == [f"http://testserver/ko/sdg/indicators/{indicator.number}/"]
    assert entry["date"] == "2020/12/29"
    assert entry["notes"] == [f"Licence: {CC_BY_ND}"]
    library = bibtexparser.parse_string(
        client.get(f"/ko/sdg/indicators/{indicator.number}/cite.bib").text
    )
    assert [e.key for e in library.entries] == [f"seoul-sdg-indicator-{indicator.number}"]
    (item,) = json.loads(client.get(f"/ko/sdg/indicators/{indicator.number}/cite.json").text)
    assert item["type"] == "dataset"
    assert item["number"] == str(indicator.number)
    assert client.get("/ko/sdg/indicators/999/cite.ris").status_code == 404
    html = client.get(f"/ko/sdg/indicators/{indicator.number}/").content.decode()
    assert f'<a href="/ko/sdg/indicators/{indicator.number}/cite.bib" download>BibTeX</a>' in html


def test_the_open_data_page_cites_the_dataset(client):
    html = client.get("/en/sdg/data/").content.decode()
    assert (
        '<p class="citation__text" id="citation-text" lang="ko">서울특별시 기획조정실 평가담당관 '
        "(2020). 제2차 서울특별시 지속가능발전 이행계획 (2020년~2024년): 성과지표와 목표치 "
        "[Data set]. 서울특별시. http://testserver/en/sdg/data/</p>"
    ) in html
    assert '<a href="/en/sdg/data/cite.ris" download>RIS</a>' in html
    (item,) = json.loads(client.get("/en/sdg/data/cite.json").text)
    assert item["type"] == "dataset"
    assert item["license"] == CC_BY_ND
    (reference,) = csl_bibliography([item])
    assert "성과지표와 목표치" in reference
    library = bibtexparser.parse_string(client.get("/en/sdg/data/cite.bib").text)
    assert library.entries[0].fields_dict["note"].value == f"Licence: {CC_BY_ND}"


def test_a_record_carries_the_items_own_licence(client, case):
    # Issue 15: staff set the licence per item; the citation says the same as the page.
    case.licence = "kogl-4"
    case.save()
    (entry,) = rispy.loads(client.get(f"/ko/publications/p/{case.pk}/cite.ris").text)
    assert entry["notes"] == [
        "Licence: KOGL Type 4: Attribution, No commercial use, No derivatives "
        "(공공누리 제4유형 출처표시+상업적 이용금지+변경금지) "
        "https://www.kogl.or.kr/info/licenseType4.do"
    ]
    case.licence = "rights-reserved"
    case.save()
    (entry,) = rispy.loads(client.get(f"/ko/publications/p/{case.pk}/cite.ris").text)
    assert entry["notes"] == ["Licence: All rights reserved (저작권 보호)"]
