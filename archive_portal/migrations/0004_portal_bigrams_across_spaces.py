from django.db import migrations

# Spacing tolerance. Korean writers space compounds differently (초청연수, 초청 연수): besides the
# bigrams inside each Hangul run, portal_bigrams() now also records each pair of syllables that
# stands either side of whitespace, as one lexeme with a space in it ("초청 연수" gives 초청, 연수
# and "청 연"). A query word of three syllables or more may then match with its bigrams written
# together or apart (archive_portal.lib.search.document_q); two-syllable words still match only
# written together, so 시민 does not find "서울시 민간".
#
# Tokens are the text split at whitespace; `lag` pairs each token with the one before it (a
# regular expression with the global flag cannot find overlapping pairs: "할 수 있다").
CREATE = r"""
CREATE OR REPLACE FUNCTION portal_bigrams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector) FROM (
    SELECT substr(w, i, 2) AS pair
    FROM regexp_split_to_table(coalesce(doc, ''), '[^가-힣]+') AS w,
         generate_series(1, char_length(w) - 1) AS i
    UNION ALL
    SELECT right(previous, 1) || ' ' || left(token, 1)
    FROM (
      SELECT token, lag(token) OVER (ORDER BY n) AS previous
      FROM regexp_split_to_table(coalesce(doc, ''), '\s+') WITH ORDINALITY AS t(token, n)
    ) AS tokens
    WHERE right(previous, 1) ~ '^[가-힣]$' AND left(token, 1) ~ '^[가-힣]$'
  ) AS pairs
$$;
"""

PREVIOUS = r"""
CREATE OR REPLACE FUNCTION portal_bigrams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(w, i, 2))), ''::tsvector)
  FROM regexp_split_to_table(coalesce(doc, ''), '[^가-힣]+') AS w,
       generate_series(1, char_length(w) - 1) AS i
$$;
"""


class Migration(migrations.Migration):
    """The stored columns computed with the function are recomputed by the news and
    publications migrations that depend on this one."""

    dependencies = [("archive_portal", "0003_portal_bigrams")]

    operations = [migrations.RunSQL(CREATE, PREVIOUS)]
