from django.db import migrations


class Migration(migrations.Migration):
    """The finder's facet counts are cached fragments under the site's content generation
    (archive_portal.fragments): the sequence 0009 made for their own version is read by nothing.
    Reversed, it is made again (as 0009 made it: from 1)."""

    dependencies = [("publications", "0018_bench_volume_indexes")]

    operations = [
        migrations.RunSQL(
            "DROP SEQUENCE IF EXISTS publications_facets_version",
            "CREATE SEQUENCE publications_facets_version",
        )
    ]
