-- Article metadata from every layout (docs/cleaning.md, "Metadata"): the subtitle (deck) a header block,
-- a labelled abstract or the HTML gives, the outlet (publisher) a header, the HTML or the file name
-- names, the dateline cut from the first paragraph, and where each field came from, e.g.
--   {"title": "first_line", "published": "file_name", "outlet": "file_name"}
-- Sources: header, html, page_text, first_line, abstract_label, dateline, folder_path, file_name.
-- metadata_source is NULL only for articles loaded before this migration: their files were never read
-- for these fields, so the next ingest of their path re-reads them once (tasks/load.py loaded_hashes).
ALTER TABLE articles
    ADD COLUMN subtitle        text,
    ADD COLUMN outlet          text,
    ADD COLUMN dateline        text,
    ADD COLUMN metadata_source jsonb CHECK (jsonb_typeof(metadata_source) = 'object');

CREATE INDEX articles_outlet_idx ON articles (outlet);
