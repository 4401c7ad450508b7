-- Everything said by or for one person or body: its own claims, and those of unnamed spokesmen,
-- aides and officials speaking for it (claims.speaker_affiliation). Replace the name, e.g.
--   WHERE 'Some Name' IN (speaker, speaker_affiliation)
SELECT coalesce(speaker, '(unnamed)') AS speaker, left(speaker_role, 40) AS role, speaker_affiliation,
       left(claim, 60) AS claim
FROM claims_readable
WHERE speaker_affiliation IS NOT NULL
ORDER BY speaker_affiliation, speaker NULLS FIRST
LIMIT 20;
