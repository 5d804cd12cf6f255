-- Bundles, issue 6: the conflicts found when a bundle from a colleague is
-- merged in. When both sides changed the same field of the same row, the
-- newer change (by its audit event's UUIDv7 id) is kept in the row and the
-- other value is kept here for a person to settle.

CREATE TABLE merge_conflicts (
    id          TEXT PRIMARY KEY NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    -- JSON values: the one now in the row, and the one set aside.
    kept        TEXT,
    other       TEXT,
    -- Which side the kept value came from: local | bundle.
    kept_from   TEXT NOT NULL,
    bundle_id   TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    settled_by  TEXT REFERENCES users(id),
    settled_at  TEXT
);
CREATE INDEX merge_conflicts_open ON merge_conflicts(table_name, row_id) WHERE settled_at IS NULL;
