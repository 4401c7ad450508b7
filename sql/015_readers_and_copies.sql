-- The applied migrations, readable by anyone who may connect (EXECUTE is granted to PUBLIC by default)
-- without exposing the operational table itself: reading commands run by claims_reader compare it
-- with the migrations they were built for and stop with one clear line when the schema is behind.
CREATE FUNCTION schema_versions() RETURNS TABLE (version integer, checksum text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT version, checksum FROM schema_migrations ORDER BY version
$$;

-- A file whose bytes are already loaded as an article under another path (the same folder reached by
-- a second spelling before paths were stored resolved, a file copied under a second name): recorded
-- here, never loaded twice. Linked to its article by the bytes' hash, so a copy whose article has since
-- changed is no longer one (the next run loads it as an article of its own).
CREATE TABLE source_copies (
    path          text        PRIMARY KEY,
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes    bigint      NOT NULL CHECK (size_bytes >= 0),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX source_copies_sha256_idx ON source_copies (sha256);
CREATE INDEX articles_source_sha256_idx ON articles (source_sha256);

ALTER TABLE ingest_runs ADD COLUMN files_copies integer NOT NULL DEFAULT 0 CHECK (files_copies >= 0);

-- Every path an article was read from: its own, and the copies recorded with the same bytes.
CREATE VIEW article_paths AS
SELECT a.article_id, s.path, false AS is_copy, s.last_seen_at
FROM articles a JOIN sources s USING (source_id)
UNION ALL
SELECT a.article_id, c.path, true AS is_copy, c.last_seen_at
FROM source_copies c JOIN articles a ON a.source_sha256 = c.sha256;

DO $$
BEGIN
    GRANT SELECT ON source_copies, article_paths TO claims_reader;
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
    RAISE NOTICE 'cannot grant to claims_reader here (docs/queries.md)';
END
$$;

-- One meaning of "speaker" everywhere: the resolved speaker, name and kind. claims_readable showed the
-- resolved name with the kind the loader gave the claim, so a claim merged into a speaker of another
-- kind ("X" the organisation into "X" the government) listed X twice when grouped by speaker and kind.
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
       c.speaker_affiliation
FROM claims c
JOIN articles a ON a.article_id = c.article_id
JOIN sources s ON s.source_id = a.source_id
LEFT JOIN speakers sp ON sp.speaker_id = c.speaker_id;
