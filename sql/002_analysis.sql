-- Analysis layer (issue 7): cross-article speaker identity, statement clusters, entity mentions,
-- full-text and name search, views for analysts, and the read-only role `claims_reader`.
--
-- The loader (tasks/load.py) keeps owning `speakers` rows keyed by (name_key, kind). Identity merges
-- never delete or rename those rows: a merge is a row in `speaker_merges` that redirects one speakers
-- row (or its occurrences in one article) to another, and `claims.speaker_id` always holds the
-- resolved speaker while `claims.source_speaker_id` keeps what the loader assigned. That makes every
-- merge explainable (the merge row) and reversible (undo it and re-resolve), and it survives reloads:
-- a trigger resolves newly loaded claims through the active merges. See docs/identity.md.

-- pg_trgm is optional: the embedded pgserver build ships no contrib modules. Without it the name
-- search falls back to ILIKE (find_speakers) and the trigram index is simply absent.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ELSE
        RAISE NOTICE 'pg_trgm is not available on this server: name search falls back to ILIKE';
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'no privilege to create pg_trgm: name search falls back to ILIKE';
END
$$;

-- --- speaker identity -----------------------------------------------------------------------------

CREATE TABLE speaker_merges (
    merge_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_speaker_id  bigint      NOT NULL REFERENCES speakers (speaker_id) ON DELETE CASCADE,
    into_speaker_id  bigint      NOT NULL REFERENCES speakers (speaker_id) ON DELETE CASCADE,
    -- NULL: the whole speakers row, in every article. Set: only its claims in that article (used for
    -- surname-only rows such as "Mr. X", which the loader shares between every article that says "X").
    article_id       bigint      REFERENCES articles (article_id) ON DELETE CASCADE,
    method           text        NOT NULL CHECK (method IN ('auto', 'operator')),
    rule             text        NOT NULL CHECK (rule <> ''),
    score            real,
    evidence         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    reason           text        NOT NULL CHECK (reason <> ''),
    merged_by        text        NOT NULL DEFAULT current_user,
    merged_at        timestamptz NOT NULL DEFAULT now(),
    undone_at        timestamptz,
    undone_by        text,
    undo_reason      text,
    CHECK (from_speaker_id <> into_speaker_id),
    CHECK ((undone_at IS NULL) = (undone_by IS NULL)),
    CHECK (undone_at IS NULL OR undone_at >= merged_at)
);
-- At most one active redirect per speakers row, and per (row, article).
CREATE UNIQUE INDEX speaker_merges_active_row_uq ON speaker_merges (from_speaker_id)
    WHERE article_id IS NULL AND undone_at IS NULL;
CREATE UNIQUE INDEX speaker_merges_active_article_uq ON speaker_merges (from_speaker_id, article_id)
    WHERE article_id IS NOT NULL AND undone_at IS NULL;
CREATE INDEX speaker_merges_into_idx ON speaker_merges (into_speaker_id);
CREATE INDEX speaker_merges_article_idx ON speaker_merges (article_id) WHERE article_id IS NOT NULL;

-- The speaker a claim belongs to: the article-scoped redirect of its loader row if any, then the chain
-- of whole-row redirects up to the root. Merges refuse cycles; the depth guard is belt and braces.
CREATE FUNCTION speaker_resolve(p_speaker_id bigint, p_article_id bigint) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    cur bigint := p_speaker_id;
    nxt bigint;
BEGIN
    IF cur IS NULL THEN
        RETURN NULL;
    END IF;
    IF p_article_id IS NOT NULL THEN
        SELECT m.into_speaker_id INTO nxt FROM speaker_merges m
         WHERE m.from_speaker_id = cur AND m.article_id = p_article_id AND m.undone_at IS NULL;
        IF FOUND THEN
            cur := nxt;
        END IF;
    END IF;
    FOR depth IN 1..64 LOOP
        SELECT m.into_speaker_id INTO nxt FROM speaker_merges m
         WHERE m.from_speaker_id = cur AND m.article_id IS NULL AND m.undone_at IS NULL;
        EXIT WHEN NOT FOUND;
        cur := nxt;
    END LOOP;
    RETURN cur;
END
$$;

CREATE FUNCTION speaker_root(p_speaker_id bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT speaker_resolve(p_speaker_id, NULL) $$;

-- What the loader assigned, kept so that an unmerge can restore it.
ALTER TABLE claims ADD COLUMN source_speaker_id bigint REFERENCES speakers (speaker_id) ON DELETE SET NULL;
UPDATE claims SET source_speaker_id = speaker_id;
CREATE INDEX claims_source_speaker_id_idx ON claims (source_speaker_id);

CREATE FUNCTION claims_resolve_speaker() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.source_speaker_id := NEW.speaker_id;
    NEW.speaker_id := speaker_resolve(NEW.speaker_id, NEW.article_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER claims_resolve_speaker BEFORE INSERT ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_resolve_speaker();

-- Re-resolve the claims that may have changed owner: those now on `p_speaker_ids` or loaded for them.
CREATE FUNCTION speakers_reresolve_claims(p_speaker_ids bigint[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    WITH affected AS (
        SELECT c.claim_id, speaker_resolve(c.source_speaker_id, c.article_id) AS resolved
          FROM claims c
         WHERE c.speaker_id = ANY (p_speaker_ids) OR c.source_speaker_id = ANY (p_speaker_ids)
    )
    UPDATE claims c SET speaker_id = a.resolved
      FROM affected a
     WHERE c.claim_id = a.claim_id AND c.speaker_id IS DISTINCT FROM a.resolved;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;

-- Merge `p_from` (the row, or only its claims in `p_article_id`) into the speaker `p_into` resolves to.
CREATE FUNCTION merge_speakers(
    p_from bigint, p_into bigint, p_reason text,
    p_article_id bigint DEFAULT NULL, p_method text DEFAULT 'operator', p_rule text DEFAULT 'operator',
    p_score real DEFAULT NULL, p_evidence jsonb DEFAULT '{}'::jsonb
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    target bigint := speaker_root(p_into);
    from_root bigint;
    v_merge bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM speakers WHERE speaker_id = p_from) OR target IS NULL
       OR NOT EXISTS (SELECT 1 FROM speakers WHERE speaker_id = target) THEN
        RAISE EXCEPTION 'no such speaker: % or %', p_from, p_into USING ERRCODE = 'no_data_found';
    END IF;
    IF p_article_id IS NULL THEN
        from_root := speaker_root(p_from);
        IF from_root <> p_from THEN
            RAISE EXCEPTION 'speaker % is already merged into %', p_from, from_root USING ERRCODE = 'check_violation';
        END IF;
        IF target = p_from THEN
            RAISE EXCEPTION 'speakers % and % are already the same speaker', p_from, p_into
                USING ERRCODE = 'check_violation';
        END IF;
    ELSIF speaker_resolve(p_from, p_article_id) = target THEN
        RAISE EXCEPTION 'speaker % in article % is already speaker %', p_from, p_article_id, target
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO speaker_merges (from_speaker_id, into_speaker_id, article_id, method, rule, score, evidence, reason)
    VALUES (p_from, target, p_article_id, p_method, p_rule, p_score, coalesce(p_evidence, '{}'::jsonb), p_reason)
    RETURNING merge_id INTO v_merge;
    PERFORM speakers_reresolve_claims(ARRAY[p_from, target]);
    RETURN v_merge;
END
$$;

-- Undo one merge; auto-resolution never redoes an undone merge (the operator's decision wins).
CREATE FUNCTION unmerge_speakers(p_merge_id bigint, p_reason text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    m speaker_merges%ROWTYPE;
    root bigint;
BEGIN
    SELECT * INTO m FROM speaker_merges WHERE merge_id = p_merge_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such merge: %', p_merge_id USING ERRCODE = 'no_data_found';
    END IF;
    IF m.undone_at IS NOT NULL THEN
        RAISE EXCEPTION 'merge % was already undone at %', p_merge_id, m.undone_at USING ERRCODE = 'check_violation';
    END IF;
    root := speaker_root(m.into_speaker_id);
    UPDATE speaker_merges SET undone_at = now(), undone_by = current_user, undo_reason = p_reason
     WHERE merge_id = p_merge_id;
    RETURN speakers_reresolve_claims(ARRAY[m.from_speaker_id, m.into_speaker_id, root]);
END
$$;

REVOKE EXECUTE ON FUNCTION merge_speakers(bigint, bigint, text, bigint, text, text, real, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION unmerge_speakers(bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION speakers_reresolve_claims(bigint[]) FROM PUBLIC;

-- --- claims as data ----------------------------------------------------------------------------------

-- Full-text search over claim text (English stemming: the product reads English news).
ALTER TABLE claims ADD COLUMN text_tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
CREATE INDEX claims_text_tsv_idx ON claims USING gin (text_tsv);

-- A statement is one thing said, however many articles carried it (syndicated copies, partial quotes).
CREATE TABLE statements (
    statement_id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    representative_claim_id bigint      REFERENCES claims (claim_id) ON DELETE SET NULL,
    claim_count             integer     NOT NULL CHECK (claim_count >= 1),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

-- One row per analysed claim. A claim without a row is pending (new since the last refresh).
CREATE TABLE claim_analysis (
    claim_id      bigint      PRIMARY KEY REFERENCES claims (claim_id) ON DELETE CASCADE,
    -- Deleting a statement sends its members back to pending (they are re-clustered next refresh).
    statement_id  bigint      NOT NULL REFERENCES statements (statement_id) ON DELETE CASCADE,
    norm_text     text        NOT NULL,
    shingle_count integer     NOT NULL CHECK (shingle_count >= 1),
    analysed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_analysis_statement_id_idx ON claim_analysis (statement_id);

-- Hashed word 3-grams of each claim's normalised text: the candidate index for near-duplicates.
CREATE TABLE claim_shingles (
    shingle  bigint NOT NULL,
    claim_id bigint NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
    PRIMARY KEY (shingle, claim_id)
);
CREATE INDEX claim_shingles_claim_id_idx ON claim_shingles (claim_id);

-- What claims are about: people, organisations, places and groups named in the claim text.
CREATE TABLE entities (
    entity_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('person', 'organization', 'government', 'place', 'group', 'other')),
    name_key    text        NOT NULL CHECK (name_key <> ''),
    name        text        NOT NULL CHECK (name <> ''),
    -- The speakers row this entity was matched to; views resolve it to the current speaker.
    speaker_id  bigint      REFERENCES speakers (speaker_id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name_key, kind)
);
CREATE INDEX entities_speaker_id_idx ON entities (speaker_id) WHERE speaker_id IS NOT NULL;

CREATE TABLE claim_mentions (
    claim_id     bigint  NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
    start_offset integer NOT NULL CHECK (start_offset >= 0),  -- within the claim text
    end_offset   integer NOT NULL,
    entity_id    bigint  NOT NULL REFERENCES entities (entity_id) ON DELETE CASCADE,
    text         text    NOT NULL CHECK (text <> ''),
    PRIMARY KEY (claim_id, start_offset),
    CHECK (end_offset > start_offset)
);
CREATE INDEX claim_mentions_entity_id_idx ON claim_mentions (entity_id);

-- The outlet of an article: the folder its file was dropped in (inbox/<outlet>/<file>), see docs/queries.md.
CREATE FUNCTION source_outlet(p_path text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(substring(p_path FROM '([^/\\]+)[/\\][^/\\]+$'), '(none)')
$$;

-- --- name search --------------------------------------------------------------------------------------

-- Trigram index on the name forms, only where pg_trgm exists (created inside EXECUTE so that this
-- migration applies on servers without it).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX speaker_aliases_alias_trgm_idx ON speaker_aliases USING gin (alias gin_trgm_ops)';
        EXECUTE 'CREATE INDEX entities_name_trgm_idx ON entities USING gin (name gin_trgm_ops)';
    END IF;
END
$$;

-- Speakers whose names look like `p_query`, best first: trigram similarity when pg_trgm is installed,
-- else case-insensitive substring match. Returns resolved speakers (merged rows point to their root).
CREATE FUNCTION find_speakers(p_query text, p_limit integer DEFAULT 20)
RETURNS TABLE (speaker_id bigint, canonical_name text, kind text, matched_alias text, score real)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        RETURN QUERY EXECUTE
            'SELECT DISTINCT ON (r.root) r.root, s.canonical_name, s.kind, r.alias, r.score
               FROM (SELECT speaker_root(a.speaker_id) AS root, a.alias,
                            greatest(similarity(a.alias, $1), word_similarity($1, a.alias))::real AS score
                       FROM speaker_aliases a
                      WHERE a.alias % $1 OR $1 <% a.alias) r
               JOIN speakers s ON s.speaker_id = r.root
              ORDER BY r.root, r.score DESC'
        USING p_query;
    ELSE
        RETURN QUERY
            SELECT DISTINCT ON (r.root) r.root, s.canonical_name, s.kind, r.alias, r.score
              FROM (SELECT speaker_root(a.speaker_id) AS root, a.alias,
                           (length(p_query)::real / greatest(length(a.alias), 1))::real AS score
                      FROM speaker_aliases a
                     WHERE a.alias ILIKE '%' || p_query || '%') r
              JOIN speakers s ON s.speaker_id = r.root
             ORDER BY r.root, r.score DESC;
    END IF;
END
$$;

-- --- views for analysts ---------------------------------------------------------------------------------

-- One row per claim with its resolved speaker, statement, outlet and date. `day` is the published date,
-- or the ingest date when the article has none (`day_is_published` tells which).
CREATE VIEW claim_facts AS
SELECT c.claim_id,
       c.article_id,
       a.title,
       src.path                                   AS source_path,
       source_outlet(src.path)                    AS outlet,
       a.published,
       coalesce(a.published, a.ingested_at::date) AS day,
       a.published IS NOT NULL                    AS day_is_published,
       a.run_id,
       c.speaker_id,
       sp.canonical_name                          AS speaker,
       coalesce(sp.kind, c.speaker_kind)          AS speaker_kind,
       c.speaker_role,
       c.mention_text,
       c.kind,
       c.text                                     AS claim,
       ca.statement_id,
       c.confidence
FROM claims c
JOIN articles a ON a.article_id = c.article_id
JOIN sources src ON src.source_id = a.source_id
LEFT JOIN speakers sp ON sp.speaker_id = c.speaker_id
LEFT JOIN claim_analysis ca ON ca.claim_id = c.claim_id;

-- Speakers as analysts see them: one row per resolved speaker (merged rows fold into their root),
-- with every name form seen and claim counts.
CREATE VIEW speaker_directory AS
WITH tree AS (
    SELECT s.speaker_id, speaker_root(s.speaker_id) AS root FROM speakers s
), names AS (
    SELECT t.root, array_agg(DISTINCT al.alias ORDER BY al.alias) AS name_forms
      FROM tree t JOIN speaker_aliases al ON al.speaker_id = t.speaker_id
     GROUP BY t.root
), firsts AS (
    SELECT t.root, min(x.created_at) AS first_seen_at
      FROM tree t JOIN speakers x ON x.speaker_id = t.speaker_id
     GROUP BY t.root
), counts AS (
    SELECT f.speaker_id, count(*) AS claims, count(DISTINCT f.article_id) AS articles,
           count(DISTINCT f.statement_id) AS statements, min(f.day) AS first_day, max(f.day) AS last_day
      FROM claim_facts f WHERE f.speaker_id IS NOT NULL
     GROUP BY f.speaker_id
)
SELECT s.speaker_id, s.canonical_name, s.kind, s.role,
       coalesce(n.name_forms, ARRAY[]::text[]) AS name_forms,
       coalesce(k.claims, 0) AS claims, coalesce(k.articles, 0) AS articles,
       coalesce(k.statements, 0) AS statements, k.first_day, k.last_day, fs.first_seen_at
FROM speakers s
LEFT JOIN names n ON n.root = s.speaker_id
LEFT JOIN counts k ON k.speaker_id = s.speaker_id
LEFT JOIN firsts fs ON fs.root = s.speaker_id
WHERE NOT EXISTS (SELECT 1 FROM speaker_merges m
                   WHERE m.from_speaker_id = s.speaker_id AND m.article_id IS NULL AND m.undone_at IS NULL);

-- Roles over time, as the articles gave them.
CREATE VIEW speaker_roles AS
SELECT f.speaker_id, f.speaker, f.speaker_role AS role,
       min(f.day) AS first_day, max(f.day) AS last_day, count(DISTINCT f.article_id) AS articles
FROM claim_facts f
WHERE f.speaker_id IS NOT NULL AND f.speaker_role IS NOT NULL
GROUP BY f.speaker_id, f.speaker, f.speaker_role;

-- Every merge with its explanation, active or undone.
CREATE VIEW speaker_merge_log AS
SELECT m.merge_id, m.from_speaker_id, fs.canonical_name AS from_name, fs.kind AS from_kind,
       m.into_speaker_id, ts.canonical_name AS into_name, ts.kind AS into_kind,
       m.article_id, m.method, m.rule, m.score, m.reason, m.evidence,
       m.merged_by, m.merged_at, m.undone_at IS NULL AS active, m.undone_at, m.undone_by, m.undo_reason
FROM speaker_merges m
JOIN speakers fs ON fs.speaker_id = m.from_speaker_id
JOIN speakers ts ON ts.speaker_id = m.into_speaker_id;

CREATE VIEW claims_per_speaker_month AS
SELECT f.speaker_id, f.speaker, date_trunc('month', f.day)::date AS month,
       count(*) AS claims, count(DISTINCT f.statement_id) AS statements, count(DISTINCT f.article_id) AS articles
FROM claim_facts f
WHERE f.speaker_id IS NOT NULL
GROUP BY f.speaker_id, f.speaker, date_trunc('month', f.day);

-- What each claim is about. A mention matched to a speaker is reported as that (resolved) speaker, so
-- "X" and "Mr. X" in different claims count as one subject.
CREATE VIEW claim_subjects AS
SELECT cm.claim_id, cm.entity_id, cm.text AS mention_text,
       speaker_root(e.speaker_id)                      AS subject_speaker_id,
       coalesce(sp.canonical_name, e.name)              AS subject,
       CASE WHEN sp.speaker_id IS NOT NULL AND e.kind NOT IN ('place', 'group') THEN sp.kind ELSE e.kind END
                                                        AS subject_kind
FROM claim_mentions cm
JOIN entities e ON e.entity_id = cm.entity_id
LEFT JOIN speakers sp ON sp.speaker_id = speaker_root(e.speaker_id);

-- A speaker's claims about an entity: filter on speaker and subject.
CREATE VIEW speaker_claims_about AS
SELECT f.speaker_id, f.speaker, cs.subject, cs.subject_kind, cs.subject_speaker_id, cs.entity_id,
       f.claim_id, f.day, f.outlet, f.claim
FROM claim_facts f
JOIN claim_subjects cs ON cs.claim_id = f.claim_id
WHERE f.speaker_id IS NOT NULL
  AND cs.subject_speaker_id IS DISTINCT FROM f.speaker_id;

-- Statements carried by more than one article, most repeated first.
CREATE VIEW repeated_statements AS
SELECT st.statement_id,
       rep.text                                        AS statement,
       (array_agg(DISTINCT f.speaker) FILTER (WHERE f.speaker IS NOT NULL)) AS speakers,
       count(*)                                        AS claims,
       count(DISTINCT f.article_id)                    AS articles,
       count(DISTINCT f.outlet)                        AS outlets,
       array_agg(DISTINCT f.outlet ORDER BY f.outlet)  AS outlet_names,
       min(f.day)                                      AS first_day,
       max(f.day)                                      AS last_day
FROM statements st
JOIN claim_facts f ON f.statement_id = st.statement_id
LEFT JOIN claims rep ON rep.claim_id = st.representative_claim_id
GROUP BY st.statement_id, rep.text
HAVING count(DISTINCT f.article_id) > 1;

-- Speakers first seen (first loaded under any of their names) in the last 7 days.
CREATE VIEW new_speakers_this_week AS
SELECT d.speaker_id, d.canonical_name, d.kind, d.role, d.first_seen_at, d.claims, d.first_day
FROM speaker_directory d
WHERE d.first_seen_at >= now() - interval '7 days' AND d.claims > 0;

-- --- the read-only role for analysts -----------------------------------------------------------------

-- Roles are cluster-wide: create it once (NOLOGIN: analysts' own login roles are granted it), grant
-- per database. A server where the migrating user may not create roles skips this with a notice.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claims_reader') THEN
        BEGIN
            CREATE ROLE claims_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- created concurrently by a migration of another database
        END;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO claims_reader', current_database());
    GRANT USAGE ON SCHEMA public TO claims_reader;
    -- Data and analysis tables and views. Not: ingest_runs, ingest_failures, schema_migrations, and the
    -- internal clustering index claim_shingles.
    GRANT SELECT ON sources, articles, speakers, speaker_aliases, claims, claims_readable,
                    speaker_merges, statements, claim_analysis, entities, claim_mentions,
                    claim_facts, speaker_directory, speaker_roles, speaker_merge_log, claims_per_speaker_month,
                    claim_subjects, speaker_claims_about, repeated_statements, new_speakers_this_week
          TO claims_reader;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'cannot create or grant role claims_reader here: create it as a superuser (docs/queries.md)';
END
$$;
