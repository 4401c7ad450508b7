-- What the corpus teaches about page furniture: how many loaded files of a site carry each short line
-- (normalised). Lines seen in many files of one site are junk ("Leave a Reply", share bars, footers)
-- and are removed from later files of that site. A site is the folder a file was found in.
CREATE TABLE site_lines (
    site          text        NOT NULL,
    line_key      text        NOT NULL CHECK (line_key <> ''),
    files         integer     NOT NULL CHECK (files > 0),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, line_key)
);
CREATE INDEX site_lines_frequent_idx ON site_lines (site, files DESC);

-- Files loaded per site: a line is furniture only if it is in a real share of the site's files, so a
-- quote repeated in a handful of one outlet's many articles is never taken for furniture.
CREATE TABLE site_files (
    site  text    PRIMARY KEY,
    files integer NOT NULL CHECK (files > 0)
);
