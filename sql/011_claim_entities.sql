-- The names each claim mentions, as the extractor's NER found them in its one parse of the article:
-- [{"text": ..., "label": "PERSON"|"ORG"|"GPE"|"LOC"|"FAC"|"NORP", "start": n, "end": n}, ...] with
-- offsets into claims.text. NULL = not known (claims loaded before this column, or text that was not
-- parsed); the analysis layer parses those itself. The analysis reads this instead of parsing claims again.
ALTER TABLE claims ADD COLUMN entities jsonb;
