from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for Korean substring matching and similarity (trusted extension since PG 13)."""

    dependencies = [("archive_portal", "0001_initial")]

    operations = [TrigramExtension()]
