-- Core schema: files seen, articles, speakers, claims, run records and failures.
-- Keys are identity bigints; natural keys are guarded by unique constraints so that
-- re-running an ingest can never double a row.

CREATE TABLE ingest_runs (
    run_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mode             text        NOT NULL CHECK (mode IN ('manual', 'nightly', 'backfill', 'retry')),
    status           text        NOT NULL DEFAULT 'running'
                                 CHECK (status IN ('running', 'succeeded', 'failed')),
    flow_run_id      uuid,
    params           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    files_seen       integer     NOT NULL DEFAULT 0 CHECK (files_seen >= 0),
    files_new        integer     NOT NULL DEFAULT 0 CHECK (files_new >= 0),
    files_changed    integer     NOT NULL DEFAULT 0 CHECK (files_changed >= 0),
    files_unchanged  integer     NOT NULL DEFAULT 0 CHECK (files_unchanged >= 0),
    files_failed     integer     NOT NULL DEFAULT 0 CHECK (files_failed >= 0),
    -- skipped because the same bytes already failed with a terminal error (see ingest_failures)
    files_quarantined integer    NOT NULL DEFAULT 0 CHECK (files_quarantined >= 0),
    articles_loaded  integer     NOT NULL DEFAULT 0 CHECK (articles_loaded >= 0),
    claims_loaded    integer     NOT NULL DEFAULT 0 CHECK (claims_loaded >= 0),
    -- backfills: claims that re-extraction added / removed (compared by kind, speaker and text)
    claims_added     integer     NOT NULL DEFAULT 0 CHECK (claims_added >= 0),
    claims_removed   integer     NOT NULL DEFAULT 0 CHECK (claims_removed >= 0),
    seconds_read     double precision NOT NULL DEFAULT 0,
    seconds_extract  double precision NOT NULL DEFAULT 0,
    seconds_load     double precision NOT NULL DEFAULT 0,
    seconds_analyse  double precision NOT NULL DEFAULT 0,
    error            text,
    CHECK (finished_at IS NULL OR finished_at >= started_at),
    CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX ingest_runs_started_at_idx ON ingest_runs (started_at DESC);

-- One row per input path. sha256 is of the raw bytes last loaded (or last seen failing).
CREATE TABLE sources (
    source_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path             text        NOT NULL UNIQUE,
    sha256           text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes       bigint      NOT NULL CHECK (size_bytes >= 0),
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    last_changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_sha256_idx ON sources (sha256);

CREATE TABLE articles (
    article_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id         bigint      NOT NULL UNIQUE REFERENCES sources (source_id) ON DELETE CASCADE,
    source_sha256     text        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    title             text,
    author            text,
    published         date,
    language          text        NOT NULL,
    body              text        NOT NULL,
    body_sha256       text        NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
    extractor_version text        NOT NULL,
    run_id            bigint      REFERENCES ingest_runs (run_id) ON DELETE SET NULL,
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    extracted_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published_idx ON articles (published);
CREATE INDEX articles_body_sha256_idx ON articles (body_sha256);
CREATE INDEX articles_extractor_version_idx ON articles (extractor_version);

-- A speaker is identified by its normalised name and kind; cross-article merging of name
-- variants is the analysis layer's job (it may re-point claims and aliases).
CREATE TABLE speakers (
    speaker_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_key        text        NOT NULL CHECK (name_key <> ''),
    canonical_name  text        NOT NULL CHECK (canonical_name <> ''),
    kind            text        NOT NULL
                                CHECK (kind IN ('person', 'organization', 'government', 'group', 'unknown')),
    role            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name_key, kind)
);

CREATE TABLE speaker_aliases (
    speaker_id   bigint      NOT NULL REFERENCES speakers (speaker_id) ON DELETE CASCADE,
    alias        text        NOT NULL CHECK (alias <> ''),
    alias_key    text        NOT NULL CHECK (alias_key <> ''),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (speaker_id, alias_key)
);
CREATE INDEX speaker_aliases_alias_key_idx ON speaker_aliases (alias_key);

CREATE TABLE claims (
    claim_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id        bigint   NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    ordinal           integer  NOT NULL CHECK (ordinal >= 0),
    speaker_id        bigint   REFERENCES speakers (speaker_id) ON DELETE SET NULL,
    speaker_kind      text     NOT NULL
                               CHECK (speaker_kind IN ('person', 'organization', 'government', 'group', 'unknown')),
    speaker_role      text,
    mention_text      text,
    mention_start     integer,
    mention_end       integer,
    kind              text     NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed', 'authorial')),
    cue_text          text,
    cue_lemma         text,
    cue_start         integer,
    cue_end           integer,
    text              text     NOT NULL,
    start_offset      integer  NOT NULL CHECK (start_offset >= 0),
    end_offset        integer  NOT NULL,
    confidence        real     NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    nested_in         integer,
    extractor_version text     NOT NULL,
    UNIQUE (article_id, ordinal),
    CHECK (end_offset >= start_offset),
    CHECK ((mention_start IS NULL) = (mention_text IS NULL)),
    CHECK ((cue_start IS NULL) = (cue_text IS NULL)),
    CHECK (nested_in IS NULL OR nested_in < ordinal)
);
CREATE INDEX claims_speaker_id_idx ON claims (speaker_id);
CREATE INDEX claims_kind_idx ON claims (kind);

-- Files that could not be loaded. One open row per (path, sha256): a file that keeps failing
-- does not add rows; it counts attempts. A later successful load resolves it.
CREATE TABLE ingest_failures (
    failure_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path            text        NOT NULL,
    sha256          text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    error_class     text        NOT NULL,
    message         text        NOT NULL,
    transient       boolean     NOT NULL DEFAULT false,
    attempts        integer     NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    first_run_id    bigint      REFERENCES ingest_runs (run_id) ON DELETE SET NULL,
    last_run_id     bigint      REFERENCES ingest_runs (run_id) ON DELETE SET NULL,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz
);
CREATE UNIQUE INDEX ingest_failures_open_uq ON ingest_failures (path, sha256) NULLS NOT DISTINCT
    WHERE resolved_at IS NULL;

CREATE VIEW claims_readable AS
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
       c.extractor_version
FROM claims c
JOIN articles a ON a.article_id = c.article_id
JOIN sources s ON s.source_id = a.source_id
LEFT JOIN speakers sp ON sp.speaker_id = c.speaker_id;
