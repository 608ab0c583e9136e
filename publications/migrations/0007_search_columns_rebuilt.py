import archive_portal.lib.search_document
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    """Rebuild the generated search columns (PostgreSQL cannot alter a generated column's
    expression: drop and add):

    - only real HTML tags are taken out of the body (`<` then a letter, `/` or `!`): plain-text
      bodies use angle brackets as quotation marks (`<서울시, 「2025 달라지는 서울생활」 발간>`),
      and those words were lost to search;
    - the Hangul bigrams are computed with portal_bigrams() as archive_portal 0004 left it (pairs
      either side of a space as well);
    - the English vectors read slashes as spaces (`디스플레이/Head` gave `/head`, never `head`).

    The title's bigrams and English vector are dropped and added again for the same reasons. Instant for the
    real archive's few hundred rows, minutes for a benchmark database of 100,000.
    """

    dependencies = [
        ("archive_portal", "0004_portal_bigrams_across_spaces"),
        ("publications", "0006_title_search_columns"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='publication',
            name='publication_search_trgm',
        ),
        migrations.RemoveIndex(
            model_name='publication',
            name='publication_search_bigrams',
        ),
        migrations.RemoveIndex(
            model_name='publication',
            name='publication_search_en',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='search_text',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='search_bigrams',
        ),
        migrations.RemoveField(
            model_name='publication',
            name='search_en',
        ),
        migrations.AddField(
            model_name='publication',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.text.Lower(django.db.models.functions.text.Concat(models.F('title'), models.Value(' '), models.F('summary'), models.Value(' '), models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.F('body'), models.Value('<[A-Za-z/!][^<>]*>'), models.Value(' '), models.Value('g'), function='regexp_replace', output_field=models.TextField()), models.Value('&nbsp;'), models.Value(' '), function='replace', output_field=models.TextField()), models.Value('&lt;'), models.Value('<'), function='replace', output_field=models.TextField()), models.Value('&gt;'), models.Value('>'), function='replace', output_field=models.TextField()), models.Value('&quot;'), models.Value('"'), function='replace', output_field=models.TextField()), models.Value('&#39;'), models.Value("'"), function='replace', output_field=models.TextField()), models.Value('&amp;'), models.Value('&'), function='replace', output_field=models.TextField()), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='publication',
            name='search_bigrams',
            field=models.GeneratedField(db_persist=True, expression=archive_portal.lib.search_document._Bigrams(django.db.models.functions.text.Concat(models.F('title'), models.Value(' '), models.F('summary'), models.Value(' '), models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.F('body'), models.Value('<[A-Za-z/!][^<>]*>'), models.Value(' '), models.Value('g'), function='regexp_replace', output_field=models.TextField()), models.Value('&nbsp;'), models.Value(' '), function='replace', output_field=models.TextField()), models.Value('&lt;'), models.Value('<'), function='replace', output_field=models.TextField()), models.Value('&gt;'), models.Value('>'), function='replace', output_field=models.TextField()), models.Value('&quot;'), models.Value('"'), function='replace', output_field=models.TextField()), models.Value('&#39;'), models.Value("'"), function='replace', output_field=models.TextField()), models.Value('&amp;'), models.Value('&'), function='replace', output_field=models.TextField()), output_field=models.TextField())), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='publication',
            name='search_en',
            field=models.GeneratedField(db_persist=True, expression=archive_portal.lib.search_document._ToTsvector(django.db.models.functions.text.Concat(models.F('title'), models.Value(' '), models.F('summary'), models.Value(' '), models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.Func(models.F('body'), models.Value('<[A-Za-z/!][^<>]*>'), models.Value(' '), models.Value('g'), function='regexp_replace', output_field=models.TextField()), models.Value('&nbsp;'), models.Value(' '), function='replace', output_field=models.TextField()), models.Value('&lt;'), models.Value('<'), function='replace', output_field=models.TextField()), models.Value('&gt;'), models.Value('>'), function='replace', output_field=models.TextField()), models.Value('&quot;'), models.Value('"'), function='replace', output_field=models.TextField()), models.Value('&#39;'), models.Value("'"), function='replace', output_field=models.TextField()), models.Value('&amp;'), models.Value('&'), function='replace', output_field=models.TextField()), output_field=models.TextField())), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass('search_text', name='gin_trgm_ops'), name='publication_search_trgm'),
        ),
        migrations.AddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_bigrams'], name='publication_search_bigrams'),
        ),
        migrations.AddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_en'], name='publication_search_en'),
        ),
        # The title's Hangul bigrams and English vector: the same expressions, computed anew.
        migrations.RemoveIndex(model_name="publication", name="publication_title_en"),
        migrations.RemoveField(model_name="publication", name="title_en"),
        migrations.AddField(
            model_name="publication",
            name="title_en",
            field=models.GeneratedField(
                db_persist=True,
                expression=archive_portal.lib.search_document._ToTsvector(models.F("title")),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="publication",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title_en"], name="publication_title_en"
            ),
        ),
        migrations.RemoveIndex(model_name="publication", name="publication_title_bigrams"),
        migrations.RemoveField(model_name="publication", name="title_bigrams"),
        migrations.AddField(
            model_name="publication",
            name="title_bigrams",
            field=models.GeneratedField(
                db_persist=True,
                expression=archive_portal.lib.search_document._Bigrams(models.F("title")),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="publication",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["title_bigrams"], name="publication_title_bigrams"
            ),
        ),
    ]
