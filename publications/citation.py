"""The citable record of a publication or policy case (archive_portal.lib.citation): what its
RIS, BibTeX and CSL-JSON exports and its Google Scholar meta tags say."""

from django.conf import settings
from django.utils import translation

from archive_portal.lib import citation
from archive_portal.lib.timezone import seoul_today
from archive_portal.licences import citation_licence
from publications.models import Kind

KINDS = {
    Kind.RESEARCH_REPORT: citation.REPORT,
    Kind.POLICY_CASE: citation.REPORT,
    Kind.PUBLICATION: citation.BOOK,
    Kind.EBOOK: citation.BOOK,
    Kind.BROCHURE: citation.BOOK,
    Kind.VIDEO: citation.VIDEO,
}


def record(publication, absolute_url):
    """`absolute_url(path)` makes the permanent address absolute (request.build_absolute_uri).
    Reads the sectors the detail view prefetched."""
    with translation.override(publication.language):
        keywords = tuple(sector.name for sector in publication.sectors.all())
        archive = str(settings.SITE_NAME)
    licence, licence_url = citation_licence(publication.licence)  # the item's own licence
    return citation.Record(
        key=f"seoul-policy-archive-publication-{publication.pk}",
        kind=KINDS.get(publication.kind, citation.REPORT),
        title=publication.title,
        # The organisation is the author (글쓴이 names an account or desk, not an author).
        authors=(publication.publisher,),
        publisher=publication.publisher,
        issued=publication.published_on,
        url=absolute_url(publication.get_permalink()),
        language=publication.language,
        licence=licence,
        licence_url=licence_url,
        archive=archive,
        abstract=publication.summary,
        keywords=keywords,
        accessed=seoul_today(),
    )
