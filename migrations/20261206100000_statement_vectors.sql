-- Issue 21: matching by meaning. Each statement of an article's current
-- revision (a sentence the suggestions would offer: quoted or attributed
-- speech, numbers, claims) gets the sentence-embedding model's vector,
-- computed on each desk in the background after import. Derived data:
-- not audited, not sent to colleagues, rebuilt from the text. No foreign
-- key: a revision that is no longer current leaves rows that searches
-- skip and the next embedding pass removes.

CREATE TABLE statement_vectors (
    id           INTEGER PRIMARY KEY,
    revision_id  TEXT NOT NULL,
    -- Code point offsets into the revision's body, [start, end).
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    -- The unit vector as one little-endian f32 scale and one signed byte
    -- per dimension: value = byte × scale.
    vector       BLOB NOT NULL
);
CREATE INDEX statement_vectors_revision ON statement_vectors (revision_id);

-- Which revisions were embedded, by which model, and how many statements
-- they hold (0 is a revision with none, not one still waiting).
CREATE TABLE embedded_revisions (
    revision_id  TEXT PRIMARY KEY NOT NULL,
    model        TEXT NOT NULL,
    statements   INTEGER NOT NULL
);
