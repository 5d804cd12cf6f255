-- Claims, issue 3: where a re-anchored appearance could go, and the
-- suggestions a person dismissed.

-- For an appearance in `needs_review`: the best place found in a newer
-- revision, shown to the person who decides. Cleared when they do.
ALTER TABLE appearances ADD COLUMN candidate_revision_id TEXT REFERENCES revisions(id);
ALTER TABLE appearances ADD COLUMN candidate_start INTEGER;
ALTER TABLE appearances ADD COLUMN candidate_end INTEGER;
-- The quote as it read before re-anchoring moved the appearance onto
-- changed words ("could accept" → "would accept only"), so the reader can
-- show what changed. Cleared when a person places the appearance.
ALTER TABLE appearances ADD COLUMN previous_exact TEXT;

-- A suggested claim a person dismissed, by its words, so it stays dismissed
-- in later revisions of the article.
CREATE TABLE dismissed_suggestions (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    exact         TEXT NOT NULL,
    dismissed_by  TEXT NOT NULL REFERENCES users(id),
    dismissed_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, exact)
);

CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE INDEX persons_name ON persons(name COLLATE NOCASE);
