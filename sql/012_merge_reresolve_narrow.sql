-- A merge re-resolves only the claims whose owner it can change.
--
-- 002 re-resolved every claim of both speakers. Merging into a much-quoted speaker (a president, a
-- ministry) then walked all of that speaker's claims on every merge, although a claim already resolved
-- to the merge target keeps it. Which claims can change:
--   * a whole-row merge of p_from (p_from is a root): the claims resolved to p_from, and those loaded
--     for it;
--   * a merge of p_from's claims in one article: the claims of that article loaded for p_from
--     (speaker_resolve applies an article's merge to the loaded speaker only).
CREATE OR REPLACE FUNCTION merge_speakers(
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
    IF p_article_id IS NULL THEN
        PERFORM speakers_reresolve_claims(ARRAY[p_from]);
    ELSE
        UPDATE claims c SET speaker_id = speaker_resolve(c.source_speaker_id, c.article_id)
         WHERE c.article_id = p_article_id AND c.source_speaker_id = p_from
           AND c.speaker_id IS DISTINCT FROM speaker_resolve(c.source_speaker_id, c.article_id);
    END IF;
    RETURN v_merge;
END
$$;
