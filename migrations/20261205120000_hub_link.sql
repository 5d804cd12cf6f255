-- A workspace joined to a team hub (see src/hub/): where the hub is, who
-- this desk is there, and how far the two logs have been exchanged. This is
-- the desk's own bookkeeping, never exchanged; the password is not here
-- (it is kept in the system keyring or a private file, see src/hub/secrets.rs).
CREATE TABLE hub_link (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    -- The hub's address without the password.
    url          TEXT NOT NULL,
    login        TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users(id),
    role         TEXT NOT NULL,
    -- This workspace's name in the hub's log (a UUIDv7).
    desk_id      TEXT NOT NULL,
    joined_at    TEXT NOT NULL,
    -- The hub's last change read into this workspace.
    pulled_seq   INTEGER NOT NULL DEFAULT 0,
    -- Every local event up to this audit seq is in the hub (sent, read from
    -- it, or set back after a refusal).
    pushed_seq   INTEGER NOT NULL DEFAULT 0,
    last_push    TEXT,
    last_pull    TEXT
);

-- Local events read from the hub while this desk had changes not yet sent:
-- they are in the hub already, so they are never sent back.
CREATE TABLE hub_pulled (
    first_seq  INTEGER NOT NULL,
    last_seq   INTEGER NOT NULL
);

-- Changes the hub refused: the desk's copy was set back by the write
-- `set_back`, whose events stay on this desk only.
CREATE TABLE hub_refusals (
    write_id    TEXT PRIMARY KEY NOT NULL,
    reason      TEXT NOT NULL,
    refused_at  TEXT NOT NULL,
    set_back    TEXT NOT NULL
);
CREATE INDEX hub_refusals_set_back ON hub_refusals(set_back);
