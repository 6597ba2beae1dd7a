-- 009_case_visibility.sql: which cases each user may see as a USER (they created it, are assigned to it, or are
-- in a team it is assigned to; the rule is written here once, and CASE_VISIBLE in src/db/statements.def reads
-- its rows), as rows kept by triggers, with a count
-- per user. A USER's list then reads their rows newest first and stops at the page, and its total is a sum of
-- eight rows; before, each request collected and de-duplicated every visible id (a growing share of the
-- organization's cases) and tested the newest cases against hashed sets of them. Idempotent.
CREATE TABLE IF NOT EXISTS case_visibility (
    org_id      uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    case_id     uuid NOT NULL,
    created_on  timestamptz NOT NULL,         -- the case's, which never changes
    PRIMARY KEY (case_id, user_id),
    FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS case_visibility_user ON case_visibility (user_id, org_id, created_on DESC, case_id DESC);

CREATE TABLE IF NOT EXISTS case_visibility_counts (
    org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    slot     smallint NOT NULL,               -- 0..7 from the case id (case_count_slot)
    n        bigint NOT NULL,
    PRIMARY KEY (org_id, user_id, slot)
);

-- Recomputes the visibility of the pairs (us[i], cs[i]) from the tables it is defined by: rows of pairs no longer
-- visible are deleted, rows of pairs now visible inserted. Each trigger below finds the pairs a change may
-- affect; recomputing rather than counting keeps the rows right whatever the order in which cascades delete a
-- team's members and its case links (whichever goes first still finds the other's rows).
CREATE OR REPLACE FUNCTION case_visibility_recompute(us uuid[], cs uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(us) = 0 THEN
        RETURN;
    END IF;
    -- The rule, once: whether each pair is visible now (a case already deleted is not).
    WITH p AS (SELECT DISTINCT user_id, case_id FROM unnest(us, cs) AS x(user_id, case_id)),
    vis AS (
        SELECT p.user_id, p.case_id, c.org_id, c.created_on,
               c.id IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id)
               AND (c.created_by = p.user_id
                    OR EXISTS (SELECT 1 FROM case_assignees a WHERE a.case_id = p.case_id AND a.user_id = p.user_id)
                    OR EXISTS (SELECT 1 FROM case_teams ct JOIN team_members tm ON tm.team_id = ct.team_id
                               WHERE ct.case_id = p.case_id AND tm.user_id = p.user_id)) AS visible
        FROM p LEFT JOIN cases c ON c.id = p.case_id),
    gone AS (
        DELETE FROM case_visibility v USING vis
        WHERE v.case_id = vis.case_id AND v.user_id = vis.user_id AND NOT vis.visible)
    INSERT INTO case_visibility (org_id, user_id, case_id, created_on)
    SELECT org_id, user_id, case_id, created_on FROM vis WHERE visible
    ORDER BY case_id, user_id
    ON CONFLICT DO NOTHING;
END $$;

-- Statement-level INSERT on cases, INSERT or DELETE on case_assignees, case_teams or team_members (transition
-- table "changed"): the pairs the change may affect, recomputed. (A deleted case's rows go by cascade.)
CREATE OR REPLACE FUNCTION case_visibility_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    us uuid[];
    cs uuid[];
BEGIN
    IF TG_TABLE_NAME = 'cases' AND TG_OP = 'INSERT' THEN
        -- A new case is visible to its creator, and to no one else until links are added: no recompute.
        INSERT INTO case_visibility (org_id, user_id, case_id, created_on)
        SELECT org_id, created_by, id, created_on FROM changed WHERE created_by IS NOT NULL
        ORDER BY id, created_by
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    ELSIF TG_TABLE_NAME = 'case_assignees' THEN
        SELECT array_agg(user_id), array_agg(case_id) INTO us, cs FROM changed;
    ELSIF TG_TABLE_NAME = 'case_teams' THEN
        SELECT array_agg(tm.user_id), array_agg(ch.case_id) INTO us, cs
        FROM changed ch JOIN team_members tm ON tm.team_id = ch.team_id;
    ELSE
        SELECT array_agg(ch.user_id), array_agg(ct.case_id) INTO us, cs
        FROM changed ch JOIN case_teams ct ON ct.team_id = ch.team_id;
    END IF;
    PERFORM case_visibility_recompute(COALESCE(us, '{}'), COALESCE(cs, '{}'));
    RETURN NULL;
END $$;

-- A case whose creator changes (set to NULL when the user is deleted): recompute that pair.
CREATE OR REPLACE FUNCTION case_visibility_creator() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM case_visibility_recompute(ARRAY[OLD.created_by], ARRAY[OLD.id]);
    RETURN NULL;
END $$;

-- A team being deleted: its case links go first, while its members are still there to be found. Left to the
-- cascades, both would be gone by the time either statement's trigger ran, and the team's cases would stay
-- visible to its former members.
CREATE OR REPLACE FUNCTION case_visibility_team_gone() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM case_teams WHERE team_id = OLD.id;
    RETURN OLD;
END $$;

-- Statement-level INSERT or DELETE on case_visibility: the count per user, like case_assignee_counts (sql/007).
CREATE OR REPLACE FUNCTION case_visibility_counts_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_visibility_counts AS k (org_id, user_id, slot, n)
        SELECT org_id, user_id, case_count_slot(case_id), count(*) FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (org_id, user_id, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSE
        UPDATE case_visibility_counts k SET n = k.n - d.n
        FROM (SELECT org_id, user_id, case_count_slot(case_id) AS slot, count(*) AS n FROM changed GROUP BY 1, 2, 3) d
        WHERE k.org_id = d.org_id AND k.user_id = d.user_id AND k.slot = d.slot;
    END IF;
    RETURN NULL;
END $$;

-- No write may slip between the triggers appearing and the rows being rebuilt.
LOCK TABLE cases, case_assignees, case_teams, team_members IN SHARE ROW EXCLUSIVE MODE;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cases', 'case_assignees', 'case_teams', 'team_members'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION case_visibility_sync()', t || '_visibility_insert', t);
        CONTINUE WHEN t = 'cases';
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION case_visibility_sync()', t || '_visibility_delete', t);
    END LOOP;
END $$;
CREATE OR REPLACE TRIGGER cases_visibility_creator AFTER UPDATE OF created_by ON cases
    FOR EACH ROW WHEN (OLD.created_by IS DISTINCT FROM NEW.created_by AND OLD.created_by IS NOT NULL)
    EXECUTE FUNCTION case_visibility_creator();
CREATE OR REPLACE TRIGGER teams_visibility_delete BEFORE DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION case_visibility_team_gone();
-- team_members rows are inserted and deleted, never moved (as the case links, sql/006).
CREATE OR REPLACE TRIGGER team_members_no_update BEFORE UPDATE OF org_id, team_id, user_id ON team_members
    FOR EACH ROW EXECUTE FUNCTION case_links_no_update();
CREATE OR REPLACE TRIGGER case_visibility_counts_insert AFTER INSERT ON case_visibility
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_visibility_counts_apply();
CREATE OR REPLACE TRIGGER case_visibility_counts_delete AFTER DELETE ON case_visibility
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_visibility_counts_apply();

-- The rows and counts of the cases already stored: every pair one of the three routes may make visible.
DELETE FROM case_visibility;
DELETE FROM case_visibility_counts;
SELECT case_visibility_recompute(COALESCE(array_agg(user_id), '{}'), COALESCE(array_agg(case_id), '{}'))
FROM (SELECT created_by AS user_id, id AS case_id FROM cases WHERE created_by IS NOT NULL
      UNION ALL SELECT user_id, case_id FROM case_assignees
      UNION ALL SELECT tm.user_id, ct.case_id FROM case_teams ct JOIN team_members tm ON tm.team_id = ct.team_id) v;
