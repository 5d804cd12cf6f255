-- Saved searches (issue 18, the first entity added through the typed
-- change model): a desk keeps the searches it runs every day ("Peskov,
-- contradicted, last week") by name. `query` is the search's JSON
-- (`SearchQuery`), so a filter added later needs no new column. Saving
-- under a name kept already replaces that search, but the name is not a
-- unique key: two desks may each save "Peskov", and a bundle, or Undo
-- putting back a deleted search, must not fail on that.
CREATE TABLE saved_searches (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL
);

CREATE INDEX saved_searches_name ON saved_searches (name COLLATE NOCASE);
