-- Name search that tolerates spelling and transliteration differences: trigram similarity over every
-- name form (pg_trgm, GIN index) when the server has pg_trgm, else a case-insensitive substring match.
-- Merged name forms resolve to their speaker.
SELECT speaker_id, canonical_name, kind, matched_alias, round(score::numeric, 2) AS score
FROM find_speakers('Jon Smyth')
ORDER BY score DESC
LIMIT 10;
