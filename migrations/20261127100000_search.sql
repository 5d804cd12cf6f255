-- Search, links and storylines, issue 4: full-text indexes over articles,
-- claims, appearances and persons, kept in step by triggers so every write
-- path (import, re-anchoring, edits, merges) updates them in its own
-- transaction.
--
-- The FTS5 tables of articles, claims and appearances index text that lives
-- in the tables themselves (external content, read back through a view for
-- snippets), so the text is not stored twice. Each indexed row gets a key
-- in a `*_fts_keys` table with an INTEGER PRIMARY KEY, because VACUUM may
-- renumber the implicit rowids of our UUID-keyed tables and the index must
-- never point at the wrong row. Tokens are stemmed (porter) and folded
-- (unicode61, diacritics removed).

-- Articles: the title and body of each article's current revision only.
CREATE TABLE article_fts_keys (
    key          INTEGER PRIMARY KEY,
    revision_id  TEXT NOT NULL UNIQUE
);
CREATE VIEW article_fts_content AS
    SELECT k.key AS key, r.title AS title, r.body AS body
    FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id;
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, body,
    content = 'article_fts_content', content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_fts_current AFTER UPDATE OF current_revision_id ON articles
WHEN new.current_revision_id IS NOT old.current_revision_id
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, body)
        SELECT 'delete', k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = old.current_revision_id;
    DELETE FROM article_fts_keys WHERE revision_id = old.current_revision_id;
    INSERT INTO article_fts_keys (revision_id)
        SELECT new.current_revision_id WHERE new.current_revision_id IS NOT NULL;
    INSERT INTO article_fts (rowid, title, body)
        SELECT k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = new.current_revision_id;
END;
CREATE TRIGGER article_fts_insert AFTER INSERT ON articles
WHEN new.current_revision_id IS NOT NULL
BEGIN
    INSERT INTO article_fts_keys (revision_id) VALUES (new.current_revision_id);
    INSERT INTO article_fts (rowid, title, body)
        SELECT k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = new.current_revision_id;
END;
CREATE TRIGGER article_fts_delete BEFORE DELETE ON articles
BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, body)
        SELECT 'delete', k.key, r.title, r.body
        FROM article_fts_keys k JOIN revisions r ON r.id = k.revision_id
        WHERE k.revision_id = old.current_revision_id;
    DELETE FROM article_fts_keys WHERE revision_id = old.current_revision_id;
END;

-- How many articles hold each term: "find everywhere" looks for a quote's
-- rarest words first.
CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row');

INSERT INTO article_fts_keys (revision_id)
    SELECT current_revision_id FROM articles WHERE current_revision_id IS NOT NULL;
INSERT INTO article_fts (rowid, title, body)
    SELECT key, title, body FROM article_fts_content;

-- Claims: statement, condition and note.
CREATE TABLE claim_fts_keys (
    key       INTEGER PRIMARY KEY,
    claim_id  TEXT NOT NULL UNIQUE
);
CREATE VIEW claim_fts_content AS
    SELECT k.key AS key, c.statement AS statement,
           coalesce(c.condition, '') AS condition, coalesce(c.note, '') AS note
    FROM claim_fts_keys k JOIN claims c ON c.id = k.claim_id;
CREATE VIRTUAL TABLE claim_fts USING fts5(
    statement, condition, note,
    content = 'claim_fts_content', content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER claim_fts_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO claim_fts_keys (claim_id) VALUES (new.id);
    INSERT INTO claim_fts (rowid, statement, condition, note)
        VALUES (last_insert_rowid(), new.statement,
                coalesce(new.condition, ''), coalesce(new.note, ''));
END;
CREATE TRIGGER claim_fts_update AFTER UPDATE OF statement, condition, note ON claims
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, statement, condition, note)
        SELECT 'delete', key, old.statement,
               coalesce(old.condition, ''), coalesce(old.note, '')
        FROM claim_fts_keys WHERE claim_id = old.id;
    INSERT INTO claim_fts (rowid, statement, condition, note)
        SELECT key, new.statement, coalesce(new.condition, ''), coalesce(new.note, '')
        FROM claim_fts_keys WHERE claim_id = new.id;
END;
CREATE TRIGGER claim_fts_delete AFTER DELETE ON claims
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, statement, condition, note)
        SELECT 'delete', key, old.statement,
               coalesce(old.condition, ''), coalesce(old.note, '')
        FROM claim_fts_keys WHERE claim_id = old.id;
    DELETE FROM claim_fts_keys WHERE claim_id = old.id;
END;

INSERT INTO claim_fts_keys (claim_id) SELECT id FROM claims;
INSERT INTO claim_fts (rowid, statement, condition, note)
    SELECT key, statement, condition, note FROM claim_fts_content;

-- Appearances: the quoted words.
CREATE TABLE appearance_fts_keys (
    key            INTEGER PRIMARY KEY,
    appearance_id  TEXT NOT NULL UNIQUE
);
CREATE VIEW appearance_fts_content AS
    SELECT k.key AS key, a.exact AS exact
    FROM appearance_fts_keys k JOIN appearances a ON a.id = k.appearance_id;
CREATE VIRTUAL TABLE appearance_fts USING fts5(
    exact,
    content = 'appearance_fts_content', content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER appearance_fts_insert AFTER INSERT ON appearances
BEGIN
    INSERT INTO appearance_fts_keys (appearance_id) VALUES (new.id);
    INSERT INTO appearance_fts (rowid, exact) VALUES (last_insert_rowid(), new.exact);
END;
CREATE TRIGGER appearance_fts_update AFTER UPDATE OF exact ON appearances
BEGIN
    INSERT INTO appearance_fts (appearance_fts, rowid, exact)
        SELECT 'delete', key, old.exact FROM appearance_fts_keys WHERE appearance_id = old.id;
    INSERT INTO appearance_fts (rowid, exact)
        SELECT key, new.exact FROM appearance_fts_keys WHERE appearance_id = new.id;
END;
CREATE TRIGGER appearance_fts_delete AFTER DELETE ON appearances
BEGIN
    INSERT INTO appearance_fts (appearance_fts, rowid, exact)
        SELECT 'delete', key, old.exact FROM appearance_fts_keys WHERE appearance_id = old.id;
    DELETE FROM appearance_fts_keys WHERE appearance_id = old.id;
END;

INSERT INTO appearance_fts_keys (appearance_id) SELECT id FROM appearances;
INSERT INTO appearance_fts (rowid, exact)
    SELECT key, exact FROM appearance_fts_content;

-- Persons: the name and every alias, one small document per person that
-- is rewritten whenever either changes (the index keeps its own copy).
CREATE TABLE person_fts_keys (
    key        INTEGER PRIMARY KEY,
    person_id  TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE person_fts USING fts5(
    names,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIEW person_fts_names AS
    SELECT k.key AS key, k.person_id AS person_id,
           p.name || coalesce((SELECT ' ' || group_concat(alias, ' ')
                               FROM person_aliases WHERE person_id = p.id), '') AS names
    FROM person_fts_keys k JOIN persons p ON p.id = k.person_id;

CREATE TRIGGER person_fts_insert AFTER INSERT ON persons
BEGIN
    INSERT INTO person_fts_keys (person_id) VALUES (new.id);
    INSERT INTO person_fts (rowid, names) VALUES (last_insert_rowid(), new.name);
END;
CREATE TRIGGER person_fts_rename AFTER UPDATE OF name ON persons
BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT key FROM person_fts_keys WHERE person_id = new.id);
    INSERT INTO person_fts (rowid, names) SELECT key, names FROM person_fts_names WHERE person_id = new.id;
END;
CREATE TRIGGER person_fts_delete AFTER DELETE ON persons
BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT key FROM person_fts_keys WHERE person_id = old.id);
    DELETE FROM person_fts_keys WHERE person_id = old.id;
END;
CREATE TRIGGER person_fts_alias_insert AFTER INSERT ON person_aliases
BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT key FROM person_fts_keys WHERE person_id = new.person_id);
    INSERT INTO person_fts (rowid, names) SELECT key, names FROM person_fts_names WHERE person_id = new.person_id;
END;
CREATE TRIGGER person_fts_alias_delete AFTER DELETE ON person_aliases
BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT key FROM person_fts_keys WHERE person_id = old.person_id);
    INSERT INTO person_fts (rowid, names) SELECT key, names FROM person_fts_names WHERE person_id = old.person_id;
END;
CREATE TRIGGER person_fts_alias_update AFTER UPDATE ON person_aliases
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT key FROM person_fts_keys WHERE person_id IN (old.person_id, new.person_id));
    INSERT INTO person_fts (rowid, names) SELECT key, names FROM person_fts_names WHERE person_id IN (old.person_id, new.person_id);
END;

INSERT INTO person_fts_keys (person_id) SELECT id FROM persons;
INSERT INTO person_fts (rowid, names) SELECT key, names FROM person_fts_names;

-- A link is made once: the same relation between the same two claims in
-- the same direction is refused (the core also refuses the reverse of a
-- symmetric one).
CREATE UNIQUE INDEX claim_links_unique ON claim_links(from_claim_id, to_claim_id, relation);
CREATE INDEX storyline_claims_claim ON storyline_claims(claim_id);
CREATE INDEX appearances_speaker ON appearances(speaker_id);
