"""Read-only queries of the publications app used by other parts of the portal."""


def home_block():
    """Context for templates/publications/_home_block.html on the home page."""
    return {"items": []}
