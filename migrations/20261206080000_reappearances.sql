-- Issue 21: tracked claims reappearing in imported articles. Candidates
-- are found on each desk at import (derived, like relay candidates: not
-- audited, not sent to colleagues); a person's "Not the same" is kept in
-- dismissed_reappearances, audited on the article and carried like a
-- dismissed suggestion.

CREATE TABLE reappearances (
    id                    TEXT PRIMARY KEY NOT NULL,
    claim_id              TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id            TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    revision_id           TEXT NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    start                 INTEGER NOT NULL,
    end                   INTEGER NOT NULL,
    exact                 TEXT NOT NULL,
    -- How it matched: verbatim, near, partial (paraphrase, translation).
    match                 TEXT NOT NULL,
    similarity            REAL NOT NULL,
    -- The whole hit as `matches --json` prints it (hints, partial part).
    hit                   TEXT NOT NULL,
    found_at              TEXT NOT NULL,
    UNIQUE (revision_id, claim_id, start, end)
);
CREATE INDEX reappearances_article ON reappearances(article_id);
CREATE INDEX reappearances_claim ON reappearances(claim_id);

CREATE TABLE dismissed_reappearances (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id      TEXT NOT NULL,
    exact         TEXT NOT NULL,
    dismissed_by  TEXT NOT NULL,
    dismissed_at  TEXT NOT NULL,
    PRIMARY KEY (article_id, claim_id, exact)
);
