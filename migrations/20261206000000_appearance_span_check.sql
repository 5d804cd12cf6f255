-- An appearance covers at least one character from a position that exists.
-- SQLite cannot add a CHECK to a table that has one already, so triggers
-- refuse what a bundle, a hub or an annotation file would otherwise store:
-- a negative start, or an end at or before its start.
CREATE TRIGGER appearances_span_insert BEFORE INSERT ON appearances
WHEN NEW.start < 0 OR NEW.end <= NEW.start
BEGIN
    SELECT RAISE(ABORT, 'an appearance must cover at least one character (start >= 0 and end > start)');
END;

CREATE TRIGGER appearances_span_update BEFORE UPDATE OF start, end ON appearances
WHEN NEW.start < 0 OR NEW.end <= NEW.start
BEGIN
    SELECT RAISE(ABORT, 'an appearance must cover at least one character (start >= 0 and end > start)');
END;
