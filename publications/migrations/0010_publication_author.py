# One name for 글쓴이 across the apps: `author`, as on news items. A rename: the values are kept.

import archive_portal.lib.slugs
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publications', '0009_facets_version'),
    ]

    operations = [
        migrations.RenameField(
            model_name='publication',
            old_name='posted_by',
            new_name='author',
        ),
        migrations.AlterField(
            model_name='publication',
            name='author',
            field=models.CharField(blank=True, help_text='Shown as 글쓴이: the department or account that wrote the item.', max_length=100, verbose_name='author (글쓴이)'),
        ),
        migrations.AlterField(
            model_name='publication',
            name='slug',
            field=models.SlugField(allow_unicode=True, help_text='The last part of the address. Changing it breaks links to the old address.', max_length=120, validators=[archive_portal.lib.slugs.ReservedSlugValidator(['feed', 'p', 'policy-cases'])], verbose_name='slug'),
        ),
    ]
