from django.db import migrations


class Migration(migrations.Migration):
    """The version of the finder's cached facet counts (publications.signals.facets_version):
    a sequence, read and advanced outside transactions, the same for every process."""

    dependencies = [("publications", "0008_sector_ids")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE publications_facets_version",
            "DROP SEQUENCE publications_facets_version",
        )
    ]
