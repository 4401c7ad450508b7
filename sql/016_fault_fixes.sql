-- What the fault suite (tests/faults/) needed from the schema.

-- Files a run skipped because another live run was loading them at the time (not extracted twice).
ALTER TABLE ingest_runs ADD COLUMN files_busy integer NOT NULL DEFAULT 0;

-- Bytes of the file that were not valid UTF-8 and were replaced by U+FFFD when it was decoded as UTF-8
-- (a file that is almost all valid UTF-8 is repaired, not decoded as a guessed code page). 0: none.
ALTER TABLE articles ADD COLUMN invalid_bytes integer NOT NULL DEFAULT 0 CHECK (invalid_bytes >= 0);

-- find_speakers honours p_limit (it was ignored) and returns the best matches first, as documented. The
-- matching itself is unchanged: the old function, renamed, does it.
ALTER FUNCTION find_speakers(text, integer) RENAME TO find_speakers_unlimited;
COMMENT ON FUNCTION find_speakers_unlimited(text, integer) IS 'every match of find_speakers: its p_limit is ignored';

CREATE FUNCTION find_speakers(p_query text, p_limit integer DEFAULT 20)
RETURNS TABLE (speaker_id bigint, canonical_name text, kind text, matched_alias text, score real)
LANGUAGE sql STABLE AS $$
    SELECT f.speaker_id, f.canonical_name, f.kind, f.matched_alias, f.score
      FROM find_speakers_unlimited(p_query, NULL) f
     ORDER BY f.score DESC, f.canonical_name, f.speaker_id
     LIMIT p_limit
$$;
