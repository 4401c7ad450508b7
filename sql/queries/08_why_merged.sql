-- Why speakers were merged: rule, evidence and who decided (auto or an operator), including undone
-- merges. `article_id` set means the merge covers that article only (a bare surname attributed there).
-- Undo one with: claims-etl speakers unmerge --merge <merge_id> --reason '...'
SELECT merge_id, from_name, into_name, article_id, method, rule, score,
       evidence -> 'evidence' AS evidence, active
FROM speaker_merge_log
ORDER BY merge_id;
