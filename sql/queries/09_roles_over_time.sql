-- The roles a speaker was given, with the first and last day each was used: roles over time survive
-- merges because they are read from the claims, not from the single speakers.role column.
SELECT speaker, left(role, 70) AS role, first_day, last_day, articles
FROM speaker_roles
ORDER BY speaker, first_day, role
LIMIT 20;
