-- Whom a claim's speaker speaks for or belongs to: the canonical name of a spokesman's principal, an
-- official's ministry, an analyst's centre ("a spokesman for Mr. X" -> X). NULL when the article does
-- not say. So a query can ask for everything said by or for someone:
--   WHERE speaker = 'X' OR speaker_affiliation = 'X'
ALTER TABLE claims ADD COLUMN speaker_affiliation text;

-- claims_readable gains the column at the end (CREATE OR REPLACE VIEW may only append columns).
CREATE OR REPLACE VIEW claims_readable AS
SELECT c.claim_id,
       a.article_id,
       s.path            AS source_path,
       a.title,
       a.published,
       sp.canonical_name AS speaker,
       c.speaker_kind,
       c.speaker_role,
       c.mention_text,
       c.kind,
       c.cue_lemma,
       c.text            AS claim,
       c.confidence,
       c.extractor_version,
       c.speaker_affiliation
FROM claims c
JOIN articles a ON a.article_id = c.article_id
JOIN sources s ON s.source_id = a.source_id
LEFT JOIN speakers sp ON sp.speaker_id = c.speaker_id;
