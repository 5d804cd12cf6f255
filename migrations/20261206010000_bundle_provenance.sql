-- Where an event came from, and who works at this desk, so that a bundle
-- cannot write in a local user's name or pass off its events as this
-- desk's. `adopted_events` names the bundle (its id) or the hub each merged
-- event came from; events without a row were written here. `desk_users`
-- are the profiles made on this desk or switched to on it; a bundle's
-- events by one of them are refused. Before this migration nothing told
-- the two apart, so only the active user is known to be local.
CREATE TABLE adopted_events (
    event_id   TEXT PRIMARY KEY NOT NULL,
    origin     TEXT NOT NULL,
    adopted_at TEXT NOT NULL
);

CREATE TABLE desk_users (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE
);

INSERT INTO desk_users (user_id)
SELECT value FROM settings WHERE key = 'active_user_id' AND value IN (SELECT id FROM users);
