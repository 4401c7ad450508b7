-- Full-text search over claims (English stemming, GIN index claims_text_tsv_idx): websearch syntax,
-- so "quoted phrases", OR and -exclusions work. Ranked by ts_rank.
SELECT f.speaker, left(f.claim, 90) AS claim, round(ts_rank(c.text_tsv, q)::numeric, 3) AS rank
FROM claims c
JOIN claim_facts f ON f.claim_id = c.claim_id,
     websearch_to_tsquery('english', 'relations OR negotiations') AS q
WHERE c.text_tsv @@ q
ORDER BY rank DESC, f.claim_id
LIMIT 10;
