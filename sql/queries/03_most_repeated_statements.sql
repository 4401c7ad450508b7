-- The most repeated statements: quotes carried by more than one article (syndicated copies, partial
-- quotes of the same words), with the outlets that carried them. An outlet is the folder the article
-- file was dropped in (inbox/<outlet>/<file>).
SELECT left(statement, 80) AS statement, speakers, articles, outlets, outlet_names, first_day, last_day
FROM repeated_statements
ORDER BY articles DESC, claims DESC, first_day
LIMIT 10;
