-- Claims versus distinct statements per speaker, and how many outlets carried them: a speaker whose
-- claims far outnumber their statements is being repeated, not saying more.
SELECT speaker,
       count(*)                     AS claims,
       count(DISTINCT statement_id) AS statements,
       count(DISTINCT outlet)       AS outlets
FROM claim_facts
WHERE speaker IS NOT NULL
GROUP BY speaker_id, speaker
ORDER BY claims DESC, speaker
LIMIT 15;
