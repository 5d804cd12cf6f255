-- Newsroom scale, issue 7: audit events are now written with `hash` as its
-- 32 bytes (a BLOB in the TEXT column) and no `prev_hash`, since the hash
-- an event chains to is the previous event's (src/store/audit.rs). Events
-- written before keep both as hex text; `verify` reads both forms. Nothing
-- to change in the schema: this migration marks the format, so that an
-- older Claimtrail, which reads hashes as text, refuses the workspace as
-- "made by a newer Claimtrail" instead of failing at its first change.
SELECT 1;
