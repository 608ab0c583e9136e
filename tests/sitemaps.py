"""Reading /sitemap.xml the way a crawler does: the index, then every sitemap it names."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None  # as written: YYYY-MM-DD
    alternates: dict  # hreflang → href


def sitemap_documents(client):
    """[(url, text)] of the index and of each sitemap it names, every one answered 200 as XML."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    index = ET.fromstring(response.content)
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    documents = [("http://testserver/sitemap.xml", response.content.decode())]
    for loc in index.findall("s:sitemap/s:loc", NS):
        url = urlsplit(loc.text)
        assert (url.scheme, url.netloc) == ("http", "testserver"), loc.text
        section = client.get(f"{url.path}?{url.query}" if url.query else url.path)
        assert section.status_code == 200, loc.text
        assert section["Content-Type"] == "application/xml", loc.text
        documents.append((loc.text, section.content.decode()))
    return documents


def sitemap_entries(client):
    """Every <url> of every sitemap the index names, in order."""
    entries = []
    for _url, text in sitemap_documents(client)[1:]:
        urlset = ET.fromstring(text.encode())
        assert urlset.tag == f"{{{NS['s']}}}urlset"
        for node in urlset.findall("s:url", NS):
            lastmod = node.find("s:lastmod", NS)
            entries.append(
                SitemapEntry(
                    loc=node.find("s:loc", NS).text,
                    lastmod=lastmod.text if lastmod is not None else None,
                    alternates={
                        link.get("hreflang"): link.get("href")
                        for link in node.findall("x:link", NS)
                    },
                )
            )
    return entries


def sitemap_locations(client):
    return [entry.loc for entry in sitemap_entries(client)]
