-- Issue 7: the library lists 100,000 articles a page at a time, newest
-- first (published, else imported). Ordering by an expression over two
-- tables sorted every article for every page; `listed_ts` keeps the
-- library's order on the article itself, kept up to date by triggers, so
-- a page is a walk along an index.

ALTER TABLE articles ADD COLUMN listed_ts INTEGER;

UPDATE articles SET listed_ts = COALESCE(
    (SELECT r.published_ts FROM revisions r WHERE r.id = articles.current_revision_id),
    imported_ts);

CREATE INDEX articles_listed ON articles(listed_ts DESC, id DESC);
CREATE INDEX articles_imported ON articles(imported_ts DESC, id DESC);

CREATE TRIGGER articles_listed_insert AFTER INSERT ON articles
WHEN new.listed_ts IS NULL
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT r.published_ts FROM revisions r WHERE r.id = new.current_revision_id),
        new.imported_ts)
    WHERE id = new.id;
END;

CREATE TRIGGER articles_listed_current AFTER UPDATE OF current_revision_id, imported_ts ON articles
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT r.published_ts FROM revisions r WHERE r.id = new.current_revision_id),
        new.imported_ts)
    WHERE id = new.id;
END;

-- A revision may be stored after the article names it (bundles, the
-- benchmark corpus), or get its time later.
CREATE TRIGGER articles_listed_revision AFTER INSERT ON revisions
BEGIN
    UPDATE articles SET listed_ts = COALESCE(new.published_ts, imported_ts)
    WHERE id = new.article_id AND current_revision_id = new.id;
END;

CREATE TRIGGER articles_listed_revision_time AFTER UPDATE OF published_ts ON revisions
BEGIN
    UPDATE articles SET listed_ts = COALESCE(new.published_ts, imported_ts)
    WHERE id = new.article_id AND current_revision_id = new.id;
END;
