from django.db import migrations


class Migration(migrations.Migration):
    """The site's content generation (archive_portal.pagecache): a sequence, advanced outside
    transactions and read by every process, whatever the cache backend."""

    dependencies = [("archive_portal", "0006_partner_history")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE archive_portal_content_generation",
            "DROP SEQUENCE archive_portal_content_generation",
        )
    ]
