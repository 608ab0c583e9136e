"""Read-only queries of the news app used by other parts of the portal."""

from news.models import NewsItem

HOME_BLOCK_SIZE = 5


def home_block():
    """Context for templates/news/_home_block.html: the latest published items, pinned first.

    One query, whatever the number of items.
    """
    items = (
        NewsItem.objects.published()
        .for_listing()
        .only("title", "slug", "category", "published_at", "pinned", "language")[:HOME_BLOCK_SIZE]
    )
    return {"items": list(items)}
