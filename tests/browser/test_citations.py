"""A researcher imports a publication into a reference manager: the page's RIS and BibTeX
links download files that the formats' parsers read back."""

from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rispy

from publications.models import Kind
from tests.browser.conftest import screenshot
from tests.publications.factories import PublicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_download_a_record_for_a_reference_manager(page, lang):
    case = PublicationFactory(
        title="청계천 복원 사업",
        slug="cheonggyecheon",
        kind=Kind.POLICY_CASE,
        published_on=date(2024, 6, 1),
    )
    page.goto(f"/{lang}/publications/cheonggyecheon/")
    screenshot(page, f"citation-exports-{lang}")

    with page.expect_download() as ris_download:
        page.locator(".cite-exports a", has_text="RIS").click()
    download = ris_download.value
    assert download.suggested_filename == f"seoul-policy-archive-publication-{case.pk}.ris"
    (entry,) = rispy.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert entry["title"] == "청계천 복원 사업"
    assert entry["urls"] == [f"{page.url.split(f'/{lang}/')[0]}/{lang}/publications/p/{case.pk}/"]

    with page.expect_download() as bib_download:
        page.locator(".cite-exports a", has_text="BibTeX").click()
    library = bibtexparser.parse_string(Path(bib_download.value.path()).read_text(encoding="utf-8"))
    assert [e.fields_dict["year"].value for e in library.entries] == ["2024"]
