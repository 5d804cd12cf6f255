-- Signed events (`store/signing.rs`): each user made on a desk has an
-- Ed25519 key, kept beside the workspace (never in it); a bundle's
-- manifest carries the public halves, each event the desk writes carries
-- its signature. `known_keys` are the colleagues' keys
-- this desk pinned the first time a bundle brought them (trust on first
-- use), with the time of the first signed event it saw from them: later
-- events in their name must be signed with that key. `adopted_events`
-- records how each merged event's signature was found.
ALTER TABLE audit_events ADD COLUMN signature TEXT;
ALTER TABLE adopted_events ADD COLUMN signature TEXT;

CREATE TABLE known_keys (
    user_id      TEXT PRIMARY KEY NOT NULL,
    public_key   TEXT NOT NULL,
    signed_since TEXT NOT NULL,
    pinned_at    TEXT NOT NULL,
    origin       TEXT NOT NULL
);
