-- Twins: the same thing made separately on two desks (one canonical URL
-- imported on both, one outlet name typed on both, one revision's text),
-- joined into the row with the smaller id by a merge (`merge/twins.rs`).
-- `twin` is the joined row as it was (JSON; null when it never reached
-- this workspace), `write_id` the merge that joined it. Rows arriving
-- later that name `twin_id` are read as naming `kept_id`.
CREATE TABLE twins (
    table_name TEXT NOT NULL,
    twin_id    TEXT NOT NULL,
    kept_id    TEXT NOT NULL,
    twin       TEXT,
    write_id   TEXT NOT NULL,
    PRIMARY KEY (table_name, twin_id)
);

-- The article search index holds the current revision of every article
-- whose current revision exists, whatever order the rows come in. A merge
-- (or an Undo of one) adds an article before its revision and removes a
-- revision before its article; the triggers used to index an article only
-- when it was added after its revision, and never took a removed
-- revision's words out, so a colleague's article could not be found by
-- its words and an undone one left words behind.
DROP TRIGGER article_fts_insert;
CREATE TRIGGER article_fts_insert AFTER INSERT ON articles
WHEN new.current_revision_id IS NOT NULL
 AND EXISTS (SELECT 1 FROM revisions r WHERE r.id = new.current_revision_id)
BEGIN
    INSERT INTO article_fts_keys (revision_id) VALUES (new.current_revision_id);
    INSERT INTO article_fts (rowid, title, body)
        SELECT k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = new.current_revision_id;
END;

DROP TRIGGER article_fts_current;
CREATE TRIGGER article_fts_current AFTER UPDATE OF current_revision_id ON articles
WHEN new.current_revision_id IS NOT old.current_revision_id
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, body)
        SELECT 'delete', k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = old.current_revision_id;
    DELETE FROM article_fts_keys WHERE revision_id = old.current_revision_id;
    INSERT INTO article_fts_keys (revision_id)
        SELECT new.current_revision_id
        WHERE EXISTS (SELECT 1 FROM revisions r WHERE r.id = new.current_revision_id);
    INSERT INTO article_fts (rowid, title, body)
        SELECT k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = new.current_revision_id;
END;

-- A revision arriving after the article that names it as current.
CREATE TRIGGER article_fts_revision_insert AFTER INSERT ON revisions
WHEN EXISTS (SELECT 1 FROM articles a WHERE a.current_revision_id = new.id)
BEGIN
    INSERT OR IGNORE INTO article_fts_keys (revision_id) VALUES (new.id);
    INSERT INTO article_fts (rowid, title, body)
        SELECT k.key, new.title, new.body FROM article_fts_keys k WHERE k.revision_id = new.id;
END;

-- A current revision removed before its article: its words go with it.
CREATE TRIGGER article_fts_revision_delete BEFORE DELETE ON revisions
WHEN EXISTS (SELECT 1 FROM article_fts_keys k WHERE k.revision_id = old.id)
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, body)
        SELECT 'delete', k.key, old.title, old.body FROM article_fts_keys k WHERE k.revision_id = old.id;
    DELETE FROM article_fts_keys WHERE revision_id = old.id;
END;

-- What earlier merges left out of the index (keys without their words,
-- keys of revisions that are gone) is indexed again.
DELETE FROM article_fts_keys
 WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.id = article_fts_keys.revision_id)
    OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.current_revision_id = article_fts_keys.revision_id);
INSERT INTO article_fts (article_fts) VALUES ('rebuild');
