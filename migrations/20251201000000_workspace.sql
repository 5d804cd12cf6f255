-- Why: the first schema of a Claimtrail workspace. It covers the whole domain
-- model of PRODUCT.md so later features add behaviour, not reshaped tables.
-- Conventions: ids are UUIDv7 text; times are RFC 3339 text with the offset
-- the source gave (or floating, without offset, when it gave none), and every
-- time that lists sort on has a *_ts integer (Unix ms) beside it.

CREATE TABLE users (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    initials    TEXT NOT NULL,
    color       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Key/value facts about the workspace itself (active user, organisation).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);

CREATE TABLE outlets (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- wire | newspaper | broadcaster | website | social | unknown
    kind                TEXT NOT NULL DEFAULT 'unknown',
    homepage            TEXT,
    -- credible | mixed | not_credible | unknown
    credibility         TEXT NOT NULL DEFAULT 'unknown',
    credibility_note    TEXT,
    created_at          TEXT NOT NULL
);

CREATE TABLE articles (
    id                  TEXT PRIMARY KEY NOT NULL,
    outlet_id           TEXT REFERENCES outlets(id),
    canonical_url       TEXT UNIQUE,
    -- Denormalised from the current revision for the library list.
    current_revision_id TEXT,
    imported_at         TEXT NOT NULL,
    imported_ts         INTEGER NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet_id);

-- Every distinct text an article has had. Metadata lives here because a
-- re-import can change the title, byline or times as well as the text.
CREATE TABLE revisions (
    id              TEXT PRIMARY KEY NOT NULL,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    number          INTEGER NOT NULL,
    title           TEXT NOT NULL,
    byline          TEXT,
    wire_credit     TEXT,
    url             TEXT,
    published_at    TEXT,
    published_ts    INTEGER,
    updated_at      TEXT,
    dateline        TEXT,
    language        TEXT,
    body            TEXT NOT NULL,
    -- JSON array of strings kept out of the body (teasers, disclaimers).
    boilerplate     TEXT NOT NULL DEFAULT '[]',
    -- SHA-256 of the body with whitespace and case folded: duplicate test.
    text_hash       TEXT NOT NULL,
    word_count      INTEGER NOT NULL,
    source_format   TEXT NOT NULL,
    source          TEXT NOT NULL,
    encoding        TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    UNIQUE (article_id, number)
);
CREATE INDEX revisions_text_hash ON revisions(text_hash);
CREATE INDEX revisions_published ON revisions(published_ts);

-- Outlets an article says it relays from ("Al Jazeera reported").
CREATE TABLE relay_candidates (
    revision_id  TEXT NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    outlet       TEXT NOT NULL,
    cue          TEXT NOT NULL,
    PRIMARY KEY (revision_id, position)
);

CREATE TABLE persons (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    -- Set when this person was merged into another; rows are kept for audit.
    merged_into TEXT REFERENCES persons(id),
    created_at  TEXT NOT NULL
);

CREATE TABLE person_aliases (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    alias       TEXT NOT NULL,
    -- name | spelling | role ("the Ukrainian president")
    kind        TEXT NOT NULL DEFAULT 'name',
    UNIQUE (person_id, alias)
);
CREATE INDEX person_aliases_alias ON person_aliases(alias COLLATE NOCASE);

CREATE TABLE claims (
    id              TEXT PRIMARY KEY NOT NULL,
    statement       TEXT NOT NULL,
    claimant_id     TEXT REFERENCES persons(id),
    condition       TEXT,
    note            TEXT,
    -- unreviewed | in_review | proposed | approved | reopened
    review_state    TEXT NOT NULL DEFAULT 'unreviewed',
    assignee_id     TEXT REFERENCES users(id),
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX claims_claimant ON claims(claimant_id);

CREATE TABLE claim_tags (
    claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);

-- Where a claim appears in one article revision. Offsets count Unicode code
-- points in revisions.body (W3C TextPositionSelector); exact/prefix/suffix
-- form the TextQuoteSelector used to re-anchor on a new revision.
CREATE TABLE appearances (
    id                  TEXT PRIMARY KEY NOT NULL,
    claim_id            TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    revision_id         TEXT NOT NULL REFERENCES revisions(id),
    start               INTEGER NOT NULL,
    end                 INTEGER NOT NULL,
    exact               TEXT NOT NULL,
    prefix              TEXT NOT NULL,
    suffix              TEXT NOT NULL,
    -- direct_quote | paraphrase | headline | summary
    kind                TEXT NOT NULL,
    speaker_id          TEXT REFERENCES persons(id),
    stated_at           TEXT,
    stated_ts           INTEGER,
    venue               TEXT,
    -- anchored | needs_review | orphaned
    anchor_state        TEXT NOT NULL DEFAULT 'anchored',
    anchor_confidence   REAL NOT NULL DEFAULT 1.0,
    created_by          TEXT NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX appearances_claim ON appearances(claim_id);
CREATE INDEX appearances_revision ON appearances(revision_id);
CREATE INDEX appearances_stated ON appearances(stated_ts);

-- The attribution chain of an appearance, speaker first: Zelenskyy →
-- Al Jazeera → ANI. Each step names a person or an outlet.
CREATE TABLE attribution_steps (
    appearance_id  TEXT NOT NULL REFERENCES appearances(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      TEXT REFERENCES persons(id),
    outlet_id      TEXT REFERENCES outlets(id),
    -- speaker | reporter | relay
    role           TEXT NOT NULL,
    cue            TEXT,
    PRIMARY KEY (appearance_id, position),
    CHECK ((person_id IS NULL) <> (outlet_id IS NULL))
);

CREATE TABLE claim_links (
    id              TEXT PRIMARY KEY NOT NULL,
    from_claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    to_claim_id     TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    -- same_as | supports | contradicts | updates | retracts | clarifies | responds_to
    relation        TEXT NOT NULL,
    note            TEXT,
    -- When the relation arose (e.g. the date of the retraction).
    related_at      TEXT,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    CHECK (from_claim_id <> to_claim_id)
);
CREATE INDEX claim_links_from ON claim_links(from_claim_id);
CREATE INDEX claim_links_to ON claim_links(to_claim_id);

CREATE TABLE storylines (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE storyline_claims (
    storyline_id  TEXT NOT NULL REFERENCES storylines(id) ON DELETE CASCADE,
    claim_id      TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (storyline_id, claim_id)
);

-- One row per proposed rating; the claim's review_state says where it is.
CREATE TABLE verdicts (
    id            TEXT PRIMARY KEY NOT NULL,
    claim_id      TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    -- true | mostly_true | mixed | misleading | mostly_false | false
    -- | unsubstantiated | not_checkable
    rating        TEXT NOT NULL,
    rationale     TEXT NOT NULL,
    proposed_by   TEXT NOT NULL REFERENCES users(id),
    proposed_at   TEXT NOT NULL,
    approved_by   TEXT REFERENCES users(id),
    approved_at   TEXT,
    CHECK (approved_by IS NULL OR approved_by <> proposed_by)
);
CREATE INDEX verdicts_claim ON verdicts(claim_id);

CREATE TABLE evidence (
    id              TEXT PRIMARY KEY NOT NULL,
    claim_id        TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    -- article | appearance | url | file | note
    kind            TEXT NOT NULL,
    article_id      TEXT REFERENCES articles(id),
    appearance_id   TEXT REFERENCES appearances(id),
    url             TEXT,
    path            TEXT,
    note            TEXT,
    added_by        TEXT NOT NULL REFERENCES users(id),
    added_at        TEXT NOT NULL
);
CREATE INDEX evidence_claim ON evidence(claim_id);

CREATE TABLE comments (
    id          TEXT PRIMARY KEY NOT NULL,
    claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES comments(id),
    author_id   TEXT NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    edited_at   TEXT
);
CREATE INDEX comments_claim ON comments(claim_id);

-- Append-only record of every change. `seq` gives the order events were
-- written; `before`/`after` are JSON snapshots of the entity (NULL on create
-- or delete). The triggers below refuse updates and deletes.
CREATE TABLE audit_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    actor_id    TEXT NOT NULL REFERENCES users(id),
    at          TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_events_entity ON audit_events(entity, entity_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
