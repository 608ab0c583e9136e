"""Read-only queries of the publications app used by other parts of the portal."""

from publications.models import Publication

HOME_BLOCK_SIZE = 4


def home_block():
    """Context for templates/publications/_home_block.html on the home page: one query."""
    items = list(
        Publication.objects.published()
        .newest_first()
        .only("title", "slug", "kind", "published_on", "language")[:HOME_BLOCK_SIZE]
    )
    return {"items": items}
