-- Issue 20: a journalist corrects what extraction got wrong (outlet,
-- byline, published time, dateline, title). Revisions stay as they were
-- imported; a correction is one row per article, laid over every revision
-- when read, so it survives a re-import and a new revision and can be
-- undone. NULL in a field: not corrected; '' : corrected to "none".

CREATE TABLE article_corrections (
    id           TEXT PRIMARY KEY NOT NULL,
    article_id   TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    title        TEXT,
    byline       TEXT,
    published_at TEXT,
    -- Sort key of published_at (NULL when it is '' or not corrected).
    published_ts INTEGER,
    dateline     TEXT,
    outlet_id    TEXT REFERENCES outlets(id),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX article_corrections_outlet ON article_corrections(outlet_id);

-- The library's order (`listed_ts`) follows a corrected published time.
DROP TRIGGER articles_listed_insert;
DROP TRIGGER articles_listed_current;
DROP TRIGGER articles_listed_revision;
DROP TRIGGER articles_listed_revision_time;

CREATE TRIGGER articles_listed_insert AFTER INSERT ON articles
WHEN new.listed_ts IS NULL
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN r.published_ts ELSE f.published_ts END
         FROM revisions r LEFT JOIN article_corrections f ON f.article_id = r.article_id
         WHERE r.id = articles.current_revision_id),
        imported_ts)
    WHERE id = new.id;
END;

CREATE TRIGGER articles_listed_current AFTER UPDATE OF current_revision_id, imported_ts ON articles
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN r.published_ts ELSE f.published_ts END
         FROM revisions r LEFT JOIN article_corrections f ON f.article_id = r.article_id
         WHERE r.id = articles.current_revision_id),
        imported_ts)
    WHERE id = new.id;
END;

CREATE TRIGGER articles_listed_revision AFTER INSERT ON revisions
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN new.published_ts ELSE f.published_ts END
         FROM (SELECT 1) LEFT JOIN article_corrections f ON f.article_id = new.article_id),
        imported_ts)
    WHERE id = new.article_id AND current_revision_id = new.id;
END;

CREATE TRIGGER articles_listed_revision_time AFTER UPDATE OF published_ts ON revisions
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN new.published_ts ELSE f.published_ts END
         FROM (SELECT 1) LEFT JOIN article_corrections f ON f.article_id = new.article_id),
        imported_ts)
    WHERE id = new.article_id AND current_revision_id = new.id;
END;

CREATE TRIGGER article_corrections_listed_insert AFTER INSERT ON article_corrections
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        CASE WHEN new.published_at IS NULL
             THEN (SELECT r.published_ts FROM revisions r WHERE r.id = articles.current_revision_id)
             ELSE new.published_ts END,
        imported_ts)
    WHERE id = new.article_id;
END;

CREATE TRIGGER article_corrections_listed_update AFTER UPDATE ON article_corrections
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        CASE WHEN new.published_at IS NULL
             THEN (SELECT r.published_ts FROM revisions r WHERE r.id = articles.current_revision_id)
             ELSE new.published_ts END,
        imported_ts)
    WHERE id = new.article_id;
END;

CREATE TRIGGER article_corrections_listed_delete AFTER DELETE ON article_corrections
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT r.published_ts FROM revisions r WHERE r.id = articles.current_revision_id),
        imported_ts)
    WHERE id = old.article_id;
END;
