-- Speakers first loaded (under any of their name forms) in the last seven days, most quoted first.
SELECT canonical_name, kind, role, claims, first_seen_at::date AS first_seen, first_day
FROM new_speakers_this_week
ORDER BY claims DESC, canonical_name
LIMIT 20;
