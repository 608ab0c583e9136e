"""JSON-LD of a publication (see archive_portal/lib/structured_data.py): a Report for research
reports, a VideoObject for videos, a CreativeWork for the other kinds (publications, e-books,
brochures, policy cases)."""

from archive_portal.lib import structured_data as sd
from archive_portal.lib.bilingual import shown_language
from publications.models import Kind

SCHEMA_TYPES = {Kind.RESEARCH_REPORT: "Report", Kind.VIDEO: "VideoObject"}


def creative_work(publication, request):
    """Reads the sectors and attachments the detail view prefetched."""
    url = request.build_absolute_uri(publication.get_absolute_url())
    schema_type = SCHEMA_TYPES.get(publication.kind, "CreativeWork")
    image = sd.image(request, publication.cover_image)
    data = {
        "@context": sd.SCHEMA_ORG,
        "@type": schema_type,
        "name": publication.title,
        "headline": publication.title,
        "genre": publication.get_kind_display(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": shown_language(publication, "title"),
        "dateModified": sd.iso(publication.updated_at),
        "publisher": (
            {"@type": "Organization", "name": publication.publisher}
            if publication.publisher
            else sd.seoul_metropolitan_government()
        ),
        "image": [image],
        "isAccessibleForFree": True,
    }
    sd.add_license(data, publication.licence, request)
    if publication.summary:
        data["description"] = publication.summary
    if publication.published_on:
        data["datePublished"] = sd.iso(publication.published_on)
    keywords = [sector.name for sector in publication.sectors.all()]
    if keywords:
        data["keywords"] = keywords
    attachments = publication.attachments.all()
    if attachments:
        data["associatedMedia"] = [
            {
                "@type": "MediaObject",
                "name": attachment.title,
                "contentUrl": request.build_absolute_uri(attachment.get_absolute_url()),
                "encodingFormat": attachment.content_type,
            }
            for attachment in attachments
        ]
    if schema_type == "VideoObject":
        # Required by the VideoObject rich result: a description, a thumbnail, a date.
        data["description"] = publication.summary or publication.title
        data["thumbnailUrl"] = [image]
        data["uploadDate"] = sd.iso(publication.published_on or publication.created_at)
        if publication.embed_url:
            data["embedUrl"] = publication.embed_url
    return data
