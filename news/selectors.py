"""Read-only queries of the news app used by other parts of the portal."""


def home_block():
    """Context for templates/news/_home_block.html on the home page."""
    return {"items": []}
