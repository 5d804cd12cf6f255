-- Review, issue 5: the hash chain over the audit log, writes grouped for
-- undo, the claims each event concerns (for a claim's History), and the
-- indexes the review queues read.

-- Every event of one `store::Write` shares its write_id; a write that undoes
-- another names it in `undoes`. `hash` is SHA-256 over `prev_hash` and the
-- event's own columns (see src/store/audit.rs), so editing or deleting an
-- event breaks the chain at that point. Events written before this migration
-- are sealed, in order, by the same open that applies it (src/store/audit.rs).
ALTER TABLE audit_events ADD COLUMN write_id TEXT;
ALTER TABLE audit_events ADD COLUMN undoes TEXT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE INDEX audit_events_write ON audit_events(write_id);
CREATE INDEX audit_events_actor ON audit_events(actor_id, seq);
CREATE INDEX audit_events_undoes ON audit_events(undoes) WHERE undoes IS NOT NULL;
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_actor_at ON audit_events(actor_id, at);
CREATE INDEX audit_events_kind ON audit_events(entity, seq);

-- Still append-only; the one update allowed is sealing an unsealed event,
-- which changes nothing but its two hash columns.
DROP TRIGGER audit_events_no_update;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (
    OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
    AND NEW.seq IS OLD.seq AND NEW.id IS OLD.id AND NEW.actor_id IS OLD.actor_id
    AND NEW.at IS OLD.at AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id
    AND NEW.action IS OLD.action AND NEW.before IS OLD.before AND NEW.after IS OLD.after
    AND NEW.write_id IS OLD.write_id AND NEW.undoes IS OLD.undoes
)
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

-- Which claims an event concerns: the claim itself, an appearance's,
-- verdict's, evidence item's or comment's claim, both ends of a link, the
-- claims a storyline change added or removed. Written with the event.
CREATE TABLE audit_claims (
    claim_id  TEXT NOT NULL,
    seq       INTEGER NOT NULL REFERENCES audit_events(seq),
    PRIMARY KEY (claim_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER audit_claims_no_update BEFORE UPDATE ON audit_claims
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_claims_no_delete BEFORE DELETE ON audit_claims
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

INSERT OR IGNORE INTO audit_claims (claim_id, seq)
SELECT entity_id, seq FROM audit_events WHERE entity = 'claim';
INSERT OR IGNORE INTO audit_claims (claim_id, seq)
SELECT json_extract(coalesce(after, before), '$.claim_id'), seq FROM audit_events
WHERE entity = 'appearance' AND json_extract(coalesce(after, before), '$.claim_id') IS NOT NULL;
INSERT OR IGNORE INTO audit_claims (claim_id, seq)
SELECT json_extract(coalesce(after, before), '$.from_claim_id'), seq FROM audit_events
WHERE entity = 'claim_link' AND json_extract(coalesce(after, before), '$.from_claim_id') IS NOT NULL;
INSERT OR IGNORE INTO audit_claims (claim_id, seq)
SELECT json_extract(coalesce(after, before), '$.to_claim_id'), seq FROM audit_events
WHERE entity = 'claim_link' AND json_extract(coalesce(after, before), '$.to_claim_id') IS NOT NULL;

-- Why the claim was last reopened, shown until it is approved again.
ALTER TABLE claims ADD COLUMN reopen_reason TEXT;

CREATE INDEX claims_review ON claims(review_state, assignee_id);
CREATE INDEX appearances_unanchored ON appearances(claim_id)
    WHERE anchor_state IN ('needs_review', 'orphaned');
CREATE INDEX evidence_appearance ON evidence(appearance_id) WHERE appearance_id IS NOT NULL;
CREATE INDEX evidence_article ON evidence(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX users_name ON users(name COLLATE NOCASE);
