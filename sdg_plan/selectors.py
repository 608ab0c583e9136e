"""Read-only queries of the sdg_plan app used by other parts of the portal."""


def home_block():
    """Context for templates/sdg_plan/_home_block.html on the home page."""
    return {"items": []}
