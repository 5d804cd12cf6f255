-- Who made each row that names its author: a comment's, a claim's, a
-- piece of evidence's, who proposed a verdict. The hub records the author of such a row the first
-- time the row reaches it, and claimtrail_push refuses a write whose rows
-- name a member as the author of something the log does not show that
-- member making (a modified desk writing in an editor's name), or give a
-- row another author than it had. A desk's own profile from before it
-- joined names no member, so work done before joining keeps its author.
CREATE TABLE authorship (
    tbl     text NOT NULL,
    row_id  text NOT NULL,
    author  text NOT NULL,
    PRIMARY KEY (tbl, row_id)
);
-- Only the push function (the owner) reads and writes it.
ALTER TABLE authorship ENABLE ROW LEVEL SECURITY;

-- What the log already holds: the first version of each row that reached it.
INSERT INTO authorship (tbl, row_id, author)
SELECT DISTINCT ON (t.key, r->>'id') t.key, r->>'id', r->>t.value
FROM changes c
CROSS JOIN LATERAL jsonb_each_text('{"claims": "created_by", "appearances": "created_by",
                                     "claim_links": "created_by", "evidence": "added_by",
                                     "comments": "author_id", "saved_searches": "created_by",
                                     "verdicts": "proposed_by"}'::jsonb) t
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(c.rows->t.key) = 'array' THEN c.rows->t.key ELSE '[]'::jsonb END) r
WHERE r->>'id' IS NOT NULL AND r->>t.value IS NOT NULL
ORDER BY t.key, r->>'id', c.seq;

-- The push function of the first migration, with the authorship check
-- (after the verdict checks) and the record of new rows' authors.
CREATE OR REPLACE FUNCTION claimtrail_push(p_desk text, p_base bigint, p_events jsonb)
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
    authored    jsonb := '{"claims": "created_by", "appearances": "created_by",
                           "claim_links": "created_by", "evidence": "added_by",
                           "comments": "author_id", "saved_searches": "created_by",
                           "verdicts": "proposed_by"}';
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
                    -- Who proposed it is checked with the other authors
                    -- below (a desk's profile from before it joined may
                    -- have); the approver is always the member who sent
                    -- the approval.
                    IF r->>'approved_by' IS NOT NULL AND r->>'approved_by' IS DISTINCT FROM approver THEN
                        reason := 'The verdict names a proposer or approver the team log does not show; it was not accepted.';
                    END IF;
                END LOOP;
            END IF;
            -- A row that names its author (a comment's, a claim's) names
            -- the member the hub saw make it: the one sending it when
            -- the row is new to the hub, else whoever made it first. A
            -- desk's own profile from before it joined is no member and
            -- impersonates nobody; a member's name needs the member.
            IF reason IS NULL AND jsonb_typeof(e->'rows') = 'object' THEN
                -- Each row's recorded author is looked up by its key (a
                -- subquery per row: a join could scan the whole record).
                SELECT CASE WHEN m.name IS NULL
                            THEN 'It gives something a colleague made another author; it was not accepted.'
                            ELSE format('It names %s as the author of %s the team log does not show %s making; it was not accepted.',
                                        m.name,
                                        CASE x.tbl WHEN 'comments' THEN 'a comment' WHEN 'claims' THEN 'a claim'
                                            WHEN 'appearances' THEN 'a marked appearance'
                                            WHEN 'claim_links' THEN 'a link between claims'
                                            WHEN 'evidence' THEN 'a piece of evidence'
                                            WHEN 'saved_searches' THEN 'a saved search'
                                            ELSE 'a verdict proposal' END,
                                        m.name) END
                INTO reason
                FROM (
                    SELECT t.key AS tbl, rw->>t.value AS author,
                           (SELECT s.author FROM authorship s
                            WHERE s.tbl = t.key AND s.row_id = rw->>'id') AS recorded
                    FROM jsonb_each(e->'rows') l
                    JOIN jsonb_each_text(authored) t ON t.key = l.key
                    CROSS JOIN LATERAL jsonb_array_elements(
                        CASE WHEN jsonb_typeof(l.value) = 'array' THEN l.value ELSE '[]'::jsonb END) rw
                ) x
                LEFT JOIN members m ON m.user_id = x.author
                WHERE CASE WHEN x.recorded IS NULL THEN m.user_id IS NOT NULL AND m.user_id <> me.user_id
                           ELSE x.author IS DISTINCT FROM x.recorded END
                LIMIT 1;
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
                IF jsonb_typeof(e->'rows') = 'object' THEN
                    INSERT INTO authorship (tbl, row_id, author)
                    SELECT t.key, rw->>'id', rw->>t.value
                    FROM jsonb_each(e->'rows') l
                    JOIN jsonb_each_text(authored) t ON t.key = l.key
                    CROSS JOIN LATERAL jsonb_array_elements(
                        CASE WHEN jsonb_typeof(l.value) = 'array' THEN l.value ELSE '[]'::jsonb END) rw
                    WHERE rw->>'id' IS NOT NULL AND rw->>t.value IS NOT NULL
                    ON CONFLICT DO NOTHING;
                END IF;
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

