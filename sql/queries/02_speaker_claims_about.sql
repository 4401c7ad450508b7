-- What each speaker says about whom: the people, organisations and places their claims mention.
-- A mention matched to a known speaker ("Mr. X" in a claim) is reported as that speaker, so subjects
-- fold the same way speakers do. For one speaker and subject, add e.g.
--   WHERE speaker = 'Some Name' AND subject = 'Some Place'
-- and select `claim` to read the claims themselves.
SELECT speaker, subject, string_agg(DISTINCT subject_kind, '/') AS subject_kind, count(*) AS claims
FROM speaker_claims_about
GROUP BY speaker, subject
ORDER BY claims DESC, speaker, subject
LIMIT 20;
