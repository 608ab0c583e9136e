"""Read-only queries of the training app used by other parts of the portal."""


def home_block():
    """Context for templates/training/_home_block.html on the home page."""
    return {"items": []}
