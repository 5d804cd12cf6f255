-- Issue 20: an article's place in the library (`listed_ts`) is derived:
-- its corrected published time, else its current revision's, else its
-- import time. A merge copies `listed_ts` with a colleague's article row,
-- which may have been written before this desk's correction arrived; the
-- derived value is put back whenever `listed_ts` is written otherwise.
-- (Recursive triggers are off: the update below does not fire this again.)

CREATE TRIGGER articles_listed_kept AFTER UPDATE OF listed_ts ON articles
BEGIN
    UPDATE articles SET listed_ts = COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN r.published_ts ELSE f.published_ts END
         FROM revisions r LEFT JOIN article_corrections f ON f.article_id = r.article_id
         WHERE r.id = new.current_revision_id),
        new.imported_ts)
    WHERE id = new.id AND listed_ts IS NOT COALESCE(
        (SELECT CASE WHEN f.published_at IS NULL THEN r.published_ts ELSE f.published_ts END
         FROM revisions r LEFT JOIN article_corrections f ON f.article_id = r.article_id
         WHERE r.id = new.current_revision_id),
        new.imported_ts);
END;
