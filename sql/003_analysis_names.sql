-- Analysis layer, follow-up to 002 (which is frozen: it was committed and may be applied somewhere).
--
-- speaker_directory.name_forms also lists the forms under which claims were attributed to a speaker
-- article by article (a surname-only "Mr. X" row attributed to "A X" in one article keeps its own
-- speakers row, so its aliases are not in A X's merge tree).
--
-- claim_subjects: a mention linked to a speaker takes that speaker's kind, so "X" tagged as a place in
-- one claim and as an organisation in another is one subject when X is a known speaker.

CREATE OR REPLACE VIEW speaker_directory AS
WITH tree AS (
    SELECT s.speaker_id, speaker_root(s.speaker_id) AS root FROM speakers s
), names AS (
    SELECT n.root, array_agg(DISTINCT n.alias ORDER BY n.alias) AS name_forms
      FROM (SELECT t.root, al.alias FROM tree t JOIN speaker_aliases al ON al.speaker_id = t.speaker_id
            UNION
            -- forms under which claims were attributed article by article ("Mr. X" in one article)
            SELECT c.speaker_id, c.mention_text FROM claims c
              JOIN speaker_aliases al ON al.speaker_id = c.source_speaker_id AND al.alias = c.mention_text
             WHERE c.speaker_id <> c.source_speaker_id) n
     GROUP BY n.root
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

CREATE OR REPLACE VIEW claim_subjects AS
SELECT cm.claim_id, cm.entity_id, cm.text AS mention_text,
       speaker_root(e.speaker_id)          AS subject_speaker_id,
       coalesce(sp.canonical_name, e.name) AS subject,
       coalesce(sp.kind, e.kind)           AS subject_kind
FROM claim_mentions cm
JOIN entities e ON e.entity_id = cm.entity_id
LEFT JOIN speakers sp ON sp.speaker_id = speaker_root(e.speaker_id);
