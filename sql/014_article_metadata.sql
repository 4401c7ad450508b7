-- Article metadata from every layout (docs/cleaning.md, "Metadata"): the subtitle (deck) a header block
-- gives, the outlet (publisher) a header, the HTML or the file name names, the dateline cut from the
-- first paragraph, and where each field came from, e.g.
--   {"title": "first_line", "published": "file_name", "outlet": "file_name"}
-- Sources: header, html, page_text, first_line, abstract_label, dateline, file_name, folder_path.
ALTER TABLE articles
    ADD COLUMN subtitle        text,
    ADD COLUMN outlet          text,
    ADD COLUMN dateline        text,
    ADD COLUMN metadata_source jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(metadata_source) = 'object');

CREATE INDEX articles_outlet_idx ON articles (outlet);
