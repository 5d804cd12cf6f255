-- The team hub: one shared, append-only log of every desk's changes, in
-- the order the hub received them. A desk pushes the audit events it wrote
-- (with the rows they left behind) through claimtrail_push, which runs as
-- the hub's owner, stamps each event with the author and time of the
-- session that sent it, and refuses what the review rules forbid; desks
-- read the log back by sequence number. Login roles may read the team's
-- log and members and call the push function, nothing else: no role but
-- the owner can write a table, and no one can change or delete a change.

-- Login roles of this hub are members of one group role, named after the
-- database so two hubs on one server keep their teams apart.
CREATE FUNCTION claimtrail_team_role() RETURNS name
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('claimtrail_' || current_database())::name $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = claimtrail_team_role()) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', claimtrail_team_role());
    END IF;
END
$$;

-- The team: one row per journalist, keyed by their login role.
CREATE TABLE members (
    login       name PRIMARY KEY,
    -- The user id their changes carry on every desk (UUIDv7).
    user_id     text NOT NULL UNIQUE,
    name        text NOT NULL,
    initials    text NOT NULL,
    color       text NOT NULL,
    role        text NOT NULL CHECK (role IN ('reporter', 'editor', 'admin')),
    added_at    timestamptz NOT NULL DEFAULT now(),
    removed_at  timestamptz
);

-- Every change any desk made, in the order the hub received it.
CREATE TABLE changes (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The audit event's id (UUIDv7, made on the desk): a change is kept once.
    event_id     text NOT NULL UNIQUE,
    -- The desk (workspace) that sent it.
    desk         text NOT NULL,
    -- Stamped by the hub from the session, never taken from the desk.
    login        name NOT NULL,
    actor_id     text NOT NULL,
    received_at  timestamptz NOT NULL,
    -- The audit event as the desk wrote it.
    at           text NOT NULL,
    entity       text NOT NULL,
    entity_id    text NOT NULL,
    action       text NOT NULL,
    before       jsonb,
    after        jsonb,
    write_id     text,
    undoes       text,
    -- The rows the change left, by table ({"claims": [{…}], "claim_tags":
    -- […]}); an empty list for a row that is gone. Only the last change
    -- of a push to touch a row carries it.
    rows         jsonb
);
CREATE INDEX changes_entity ON changes (entity, entity_id, seq);

-- Nobody changes the log, not even its owner.
CREATE FUNCTION claimtrail_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'the team log is append-only: changes are never updated or deleted';
END
$$;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes
    FOR EACH ROW EXECUTE FUNCTION claimtrail_append_only();
CREATE TRIGGER changes_no_truncate BEFORE TRUNCATE ON changes
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrail_append_only();

-- Row-level security: members read the whole team log; no policy lets
-- anyone insert, update or delete through the table (the owner, which the
-- push function runs as, is not subject to it).
ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY team_reads ON changes FOR SELECT TO %I USING (true)', claimtrail_team_role());
    EXECUTE format('CREATE POLICY team_reads ON members FOR SELECT TO %I USING (true)', claimtrail_team_role());
END
$$;

-- Appends a desk's events: p_events is a JSON array of audit events in the
-- desk's order ({id, at, entity, entity_id, action, before, after,
-- write_id, undoes, rows}). Returns {"stale": true} when another desk
-- changed one of the same things since p_base (the last change this desk
-- has read): the desk reads those first and sends again. Otherwise every
-- write (the events sharing a write_id) is accepted whole or refused whole,
-- and the answer lists the refused ones with the reason.
CREATE FUNCTION claimtrail_push(p_desk text, p_base bigint, p_events jsonb)
    RETURNS jsonb
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
DECLARE
    me          members%ROWTYPE;
    w           record;
    e           jsonb;
    reason      text;
    refused     jsonb := '[]'::jsonb;
    accepted    integer := 0;
    duplicates  integer := 0;
    verdict     text;
    proposer    text;
    approver    text;
    r           jsonb;
    now_        timestamptz := clock_timestamp();
    last_seq    bigint;
    -- What refused writes touched: a later write on it builds on a change
    -- the hub does not have, and is refused too.
    refused_keys text[] := '{}';
BEGIN
    SELECT * INTO me FROM members WHERE login = session_user AND removed_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % is not a member of this team', session_user
            USING ERRCODE = '42501';
    END IF;
    -- One push at a time: the staleness check and the append are atomic.
    PERFORM pg_advisory_xact_lock(hashtext('claimtrail_push'));
    IF EXISTS (
        SELECT 1 FROM changes c, jsonb_array_elements(p_events) x
        WHERE c.seq > p_base AND c.desk <> p_desk
          AND c.entity = x->>'entity' AND c.entity_id = x->>'entity_id'
    ) THEN
        RETURN jsonb_build_object('stale', true);
    END IF;
    FOR w IN
        SELECT x->>'write_id' AS write_id, jsonb_agg(x ORDER BY n) AS events
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, n)
        GROUP BY x->>'write_id'
        ORDER BY min(n)
    LOOP
        reason := NULL;
        IF EXISTS (
            SELECT 1 FROM jsonb_array_elements(w.events) y
            WHERE (y->>'entity') || ':' || (y->>'entity_id') = ANY (refused_keys)) THEN
            reason := 'It changes something a refused change of this desk changed first.';
        END IF;
        FOR e IN SELECT * FROM jsonb_array_elements(w.events) LOOP
            EXIT WHEN reason IS NOT NULL;
            IF e->>'action' IN ('approve', 'redo_approve')
               AND e->>'entity' IN ('claim', 'verdict') THEN
                IF me.role NOT IN ('editor', 'admin') THEN
                    reason := format('Only editors and admins approve verdicts; %s is a reporter on this team.', me.name);
                ELSIF e->>'entity' = 'verdict' THEN
                    SELECT actor_id INTO proposer FROM changes
                    WHERE entity = 'verdict' AND entity_id = e->>'entity_id' AND action = 'create'
                    ORDER BY seq LIMIT 1;
                    IF proposer IS NULL AND EXISTS (
                        SELECT 1 FROM jsonb_array_elements(w.events) y
                        WHERE y->>'entity' = 'verdict' AND y->>'entity_id' = e->>'entity_id'
                          AND y->>'action' = 'create') THEN
                        proposer := me.user_id;
                    END IF;
                    IF proposer = me.user_id THEN
                        reason := 'A verdict is approved by someone other than the person who proposed it; ask another editor to approve it.';
                    END IF;
                END IF;
            END IF;
            -- A verdict row says who proposed and approved it: it must say
            -- what the hub recorded, not what a desk claims.
            IF reason IS NULL AND e->'rows' ? 'verdicts' THEN
                FOR r IN SELECT * FROM jsonb_array_elements(e->'rows'->'verdicts') LOOP
                    verdict := r->>'id';
                    SELECT actor_id INTO proposer FROM changes
                    WHERE entity = 'verdict' AND entity_id = verdict AND action = 'create'
                    ORDER BY seq LIMIT 1;
                    IF proposer IS NULL THEN
                        proposer := me.user_id;
                    END IF;
                    IF EXISTS (
                        SELECT 1 FROM jsonb_array_elements(w.events) y
                        WHERE y->>'entity' = 'verdict' AND y->>'entity_id' = verdict
                          AND y->>'action' IN ('approve', 'redo_approve')) THEN
                        approver := me.user_id;
                    ELSE
                        SELECT CASE WHEN action = 'undo_approve' THEN NULL ELSE actor_id END
                        INTO approver FROM changes
                        WHERE entity = 'verdict' AND entity_id = verdict
                          AND action IN ('approve', 'redo_approve', 'undo_approve')
                        ORDER BY seq DESC LIMIT 1;
                    END IF;
                    IF r->>'proposed_by' IS DISTINCT FROM proposer
                       OR (r->>'approved_by' IS NOT NULL AND r->>'approved_by' IS DISTINCT FROM approver) THEN
                        reason := 'The verdict names a proposer or approver the team log does not show; it was not accepted.';
                    END IF;
                END LOOP;
            END IF;
        END LOOP;
        IF reason IS NOT NULL THEN
            refused := refused || jsonb_build_object('write', w.write_id, 'reason', reason);
            refused_keys := refused_keys || ARRAY(
                SELECT (y->>'entity') || ':' || (y->>'entity_id')
                FROM jsonb_array_elements(w.events) y);
            CONTINUE;
        END IF;
        FOR e IN SELECT * FROM jsonb_array_elements(w.events) LOOP
            INSERT INTO changes (event_id, desk, login, actor_id, received_at, at, entity,
                                 entity_id, action, before, after, write_id, undoes, rows)
            VALUES (e->>'id', p_desk, session_user, me.user_id, now_, e->>'at', e->>'entity',
                    e->>'entity_id', e->>'action', e->'before', e->'after', e->>'write_id',
                    e->>'undoes', e->'rows')
            ON CONFLICT (event_id) DO NOTHING;
            IF FOUND THEN
                accepted := accepted + 1;
            ELSE
                duplicates := duplicates + 1;
            END IF;
        END LOOP;
    END LOOP;
    SELECT max(seq) INTO last_seq FROM changes;
    IF accepted > 0 THEN
        PERFORM pg_notify('claimtrail_changes', last_seq::text);
    END IF;
    RETURN jsonb_build_object('stale', false, 'accepted', accepted, 'duplicates', duplicates,
                              'refused', refused, 'seq', coalesce(last_seq, 0));
END
$$;

REVOKE ALL ON FUNCTION claimtrail_push(text, bigint, jsonb) FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT SELECT ON changes, members TO %I', claimtrail_team_role());
    EXECUTE format('GRANT EXECUTE ON FUNCTION claimtrail_push(text, bigint, jsonb) TO %I', claimtrail_team_role());
END
$$;
