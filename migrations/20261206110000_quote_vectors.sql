-- Issue 21: the vectors of the tracked claims' quotes, kept so that each
-- embedding run's search for tracked claims (and the first search of a
-- process) does not run the model on every quote again. Derived, like
-- the statements' vectors: each desk's own, rebuilt from the text.

CREATE TABLE quote_vectors (
    text    TEXT PRIMARY KEY NOT NULL,
    model   TEXT NOT NULL,
    -- The unit vector as little-endian f32s.
    vector  BLOB NOT NULL
);
