-- The whole sourced statement of a claim (extract contract "statement"): the sentences holding the
-- attribution and the content, plus those after it that go on with no source or cue of their own.
-- Offsets into articles.body, like start_offset/end_offset. NULL for claims extracted before 0.9.0
-- (`claims-etl backfill --before-version 0.9.0` fills them).
ALTER TABLE claims ADD COLUMN statement_start integer CHECK (statement_start >= 0);
ALTER TABLE claims ADD COLUMN statement_end integer;
ALTER TABLE claims ADD CONSTRAINT claims_statement_span_check
    CHECK ((statement_start IS NULL) = (statement_end IS NULL) AND statement_end >= statement_start);

-- claims_readable gains the statement's text at the end (CREATE OR REPLACE VIEW may only append columns).
CREATE OR REPLACE VIEW claims_readable AS
SELECT c.claim_id,
       a.article_id,
       s.path                            AS source_path,
       a.title,
       a.published,
       sp.canonical_name                 AS speaker,
       coalesce(sp.kind, c.speaker_kind) AS speaker_kind,
       c.speaker_role,
       c.mention_text,
       c.kind,
       c.cue_lemma,
       c.text                            AS claim,
       c.confidence,
       c.extractor_version,
       c.speaker_affiliation,
       substr(a.body, c.statement_start + 1, c.statement_end - c.statement_start) AS statement
FROM claims c
JOIN articles a ON a.article_id = c.article_id
JOIN sources s ON s.source_id = a.source_id
LEFT JOIN speakers sp ON sp.speaker_id = c.speaker_id;
