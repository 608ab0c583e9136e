import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded attachments go to a temporary directory, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
