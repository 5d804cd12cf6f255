-- What each bundle merge did to each row, so that it can be reviewed and
-- undone (`unmerge.rs`), and what undoing or redoing one did in turn.
-- `write_id` is the write that made the change (its bundle event's);
-- `seq` the order it was made in. For a child table without ids (a
-- claim's tags) `row_id` is the parent's id and the change is its whole
-- list. `before` / `after` are JSON: for `update` the changed fields' old
-- and new values, for `remove` the row as it was, for `children` the list
-- before and after. An `add` keeps only the SHA-256 of the row as added
-- (the row itself is in its table), enough to tell it was changed since.
CREATE TABLE merge_rows (
    write_id     TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('add', 'update', 'remove', 'children')),
    before       TEXT,
    after        TEXT,
    after_sha256 TEXT,
    PRIMARY KEY (write_id, seq)
);
