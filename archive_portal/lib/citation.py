"""Citable records: one `Record` per item (a publication, a policy case, an SDG indicator, the
SDG open data), exported as RIS, BibTeX and CSL-JSON for reference managers (Zotero, EndNote,
Mendeley, JabRef…), and as Google Scholar `citation_*` meta tags.

The formats are written by well-kept libraries where one exists: `rispy` (RIS) and
`bibtexparser` 2 (BibTeX, which also escapes what LaTeX would misread); CSL-JSON is plain JSON in
the CSL 1.0.2 schema. Each record carries its permanent address, language, publisher and licence.
"""

import json
from dataclasses import dataclass, field
from datetime import date

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from django.http import Http404, HttpResponse
from rispy.writer import RisWriter


@dataclass(frozen=True)
class Kind:
    """How one kind of record is typed in each format."""

    ris: str  # RIS TY
    bibtex: str  # BibTeX entry type
    csl: str  # CSL type


REPORT = Kind("RPRT", "techreport", "report")
BOOK = Kind("BOOK", "book", "book")
VIDEO = Kind("VIDEO", "misc", "motion_picture")
DATASET = Kind("DATA", "misc", "dataset")
WEBPAGE = Kind("ELEC", "misc", "webpage")


@dataclass(frozen=True)
class Record:
    key: str  # stable and unique: "seoul-policy-archive-publication-12"
    kind: Kind
    title: str
    authors: tuple  # corporate or personal names, as written
    publisher: str
    issued: date | None
    url: str  # the permanent address
    language: str  # "ko" or "en"
    licence: str  # the licence's name
    licence_url: str
    archive: str  # the site: "Seoul Policy Archive"
    abstract: str = ""
    keywords: tuple = ()
    accessed: date | None = None
    extra: dict = field(default_factory=dict)  # e.g. {"number": "12"} for an indicator


class _RisWriter(RisWriter):
    """rispy's writer without its "1." line before each reference: EndNote and Zotero read a
    file that starts with TY."""

    def set_header(self, count):
        return ""


def as_ris(record):
    entry = {
        "type_of_reference": record.kind.ris,
        "id": record.key,
        "title": record.title,
        "authors": list(record.authors),
        "publisher": record.publisher,
        "urls": [record.url],
        "language": record.language,
        "name_of_database": record.archive,
        "notes": [f"Licence: {record.licence} {record.licence_url}".strip()],
    }
    if record.issued:
        entry["year"] = str(record.issued.year)
        entry["date"] = record.issued.strftime("%Y/%m/%d")
    if record.accessed:
        entry["access_date"] = record.accessed.strftime("%Y/%m/%d")
    if record.abstract:
        entry["abstract"] = record.abstract
    if record.keywords:
        entry["keywords"] = list(record.keywords)
    return rispy.dumps([entry], implementation=_RisWriter)


def _braced(name):
    """A corporate author kept whole: {Seoul Metropolitan Government}, not "Government, S. M."."""
    return "{" + name + "}"


def as_bibtex(record):
    fields = [
        ("title", "{" + record.title + "}"),
        ("author", " and ".join(_braced(name) for name in record.authors)),
        ("publisher" if record.kind.bibtex != "techreport" else "institution", record.publisher),
        ("url", record.url),
        ("language", record.language),
        ("howpublished", record.archive),
        ("note", f"Licence: {record.licence} {record.licence_url}".strip()),
    ]
    if record.issued:
        fields += [("year", str(record.issued.year)), ("date", record.issued.isoformat())]
    if record.accessed:
        fields.append(("urldate", record.accessed.isoformat()))
    if record.abstract:
        fields.append(("abstract", record.abstract))
    if record.keywords:
        fields.append(("keywords", ", ".join(record.keywords)))
    library = bibtexparser.Library()
    library.add(Entry(record.kind.bibtex, record.key, [Field(k, v) for k, v in fields if v]))
    return bibtexparser.write_string(library)


def _date_parts(value):
    return {"date-parts": [[value.year, value.month, value.day]]}


def as_csl(record):
    """The CSL-JSON item (a dict)."""
    item = {
        "id": record.key,
        "type": record.kind.csl,
        "title": record.title,
        "author": [{"literal": name} for name in record.authors],
        "publisher": record.publisher,
        "URL": record.url,
        "language": record.language,
        "archive": record.archive,
        "license": f"{record.licence} {record.licence_url}".strip(),
    }
    if record.issued:
        item["issued"] = _date_parts(record.issued)
    if record.accessed:
        item["accessed"] = _date_parts(record.accessed)
    if record.abstract:
        item["abstract"] = record.abstract
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    item.update(record.extra)
    return item


def as_csl_json(record):
    return json.dumps([as_csl(record)], ensure_ascii=False, indent=1)


# format (the URL's extension) -> (writer, content type, file extension)
FORMATS = {
    "ris": (as_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "bib": (as_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "json": (as_csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def citation_response(record, fmt):
    """The record in `fmt` ("ris", "bib", "json") as a download named after its key."""
    if fmt not in FORMATS:
        raise Http404("No such citation format.")
    write, content_type, extension = FORMATS[fmt]
    response = HttpResponse(write(record), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{record.key}.{extension}"'
    return response


def scholar_meta(record, *, pdf_url=""):
    """[(name, content)] of the Google Scholar `citation_*` meta tags (Highwire Press tags, as
    Scholar's inclusion guidelines list them)."""
    tags = [("citation_title", record.title)]
    tags += [("citation_author", name) for name in record.authors]
    if record.issued:
        tags.append(("citation_publication_date", record.issued.strftime("%Y/%m/%d")))
    tags.append(("citation_publisher", record.publisher))
    if record.kind is REPORT:
        tags.append(("citation_technical_report_institution", record.publisher))
    tags.append(("citation_language", record.language))
    tags.append(("citation_abstract_html_url", record.url))
    if record.keywords:
        tags.append(("citation_keywords", "; ".join(record.keywords)))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags
