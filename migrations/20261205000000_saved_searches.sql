-- Saved searches (issue 18, the first entity added through the typed
-- change model): a desk keeps the searches it runs every day ("Peskov,
-- contradicted, last week") by name. `query` is the search's JSON
-- (`SearchQuery`), so a filter added later needs no new column. Names are
-- unique without case, like outlets.
CREATE TABLE saved_searches (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX saved_searches_name ON saved_searches (name COLLATE NOCASE);
