-- Claims per speaker and month.
-- `claims` counts every claim; `statements` counts distinct things said (a quote carried by three
-- outlets is one statement). Months come from the article's published date, or its ingest date when
-- the article has none (claim_facts.day_is_published tells which).
SELECT speaker, month, claims, statements, articles
FROM claims_per_speaker_month
ORDER BY month, claims DESC, speaker
LIMIT 20;
