"""JSON-LD of a news item (see archive_portal/lib/structured_data.py)."""

from archive_portal.lib import structured_data as sd
from archive_portal.lib.bilingual import shown_language


def news_article(item, request):
    url = request.build_absolute_uri(item.get_absolute_url())
    author = item.author or item.source_name
    data = {
        "@context": sd.SCHEMA_ORG,
        "@type": "NewsArticle",
        "headline": item.title,
        "datePublished": sd.iso(item.published_at),
        # A scheduled item changes (appears) at published_at, possibly after its last edit.
        "dateModified": sd.iso(max(item.updated_at, item.published_at)),
        "author": (
            {"@type": "Organization", "name": author}
            if author
            else sd.seoul_metropolitan_government()
        ),
        "publisher": sd.seoul_metropolitan_government(),
        "inLanguage": shown_language(item, "title"),
        "url": url,
        "mainEntityOfPage": url,
        "image": [sd.image(request, item.cover_image)],
    }
    lines = item.summary_lines
    if lines:
        data["description"] = " ".join(lines)
    if item.source_url:
        data["isBasedOn"] = item.source_url
    sd.add_license(data, item.licence, request)
    return data
