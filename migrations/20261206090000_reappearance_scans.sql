-- Issue 21: which revisions were already searched for tracked claims, so
-- articles that arrive from a colleague (a bundle, the team hub) are
-- searched once on this desk too. Bookkeeping of each desk, like the
-- candidates; no foreign key (a revision joined to its twin leaves a stale
-- row that matters to nothing). The articles already here when this
-- arrived count as searched: only new arrivals are looked at.

CREATE TABLE reappearance_scans (
    revision_id  TEXT PRIMARY KEY NOT NULL,
    scanned_at   TEXT NOT NULL
);

INSERT INTO reappearance_scans (revision_id, scanned_at)
    SELECT current_revision_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM articles WHERE current_revision_id IS NOT NULL;
