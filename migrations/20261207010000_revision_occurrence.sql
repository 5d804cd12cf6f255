-- Which same version of its article's text a revision is: how many
-- earlier revisions of its article had the same title and body, byte for
-- byte, when it was made, on the desk that made it (0 for the first). A
-- page that changed and changed back (X, Y, X) has X at 0 and X at 1. It
-- never changes afterwards, and travels with the revision.
--
-- Two desks' revisions of twin articles are one version when they have
-- the same title, body and occurrence: the first X of each copy is one,
-- and a second X of one copy is a version of its own. Read from the rows
-- themselves, this comes out the same on every desk whichever order the
-- rows arrive in (`merge/twins.rs`, which looks for the same version of
-- every revision that arrives).
ALTER TABLE revisions ADD COLUMN occurrence INTEGER NOT NULL DEFAULT 0;

-- `text_hash` (whitespace and case folded) narrows; the body decides.
UPDATE revisions SET occurrence = (
    SELECT count(*) FROM revisions e
     WHERE e.article_id = revisions.article_id AND e.text_hash = revisions.text_hash
       AND e.title = revisions.title AND e.body = revisions.body AND e.id < revisions.id
);
