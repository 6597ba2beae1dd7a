-- 013_visibility_locking.sql: the visibility rows of sql/009 right under any interleaving of concurrent writers, in
-- one lock order so that they cannot deadlock. Before, each trigger recomputed in its own READ COMMITTED snapshot:
-- unassigning a user while another transaction removed them from the case's team left both triggers seeing the
-- other link, and the row stayed; a team member added while the team was linked to a case was found by neither
-- trigger. Idempotent.
--
-- Whether user U sees case C depends on the assignment (C, U), the links (C, T) and the memberships (T, U). Every
-- writer of one of them locks, before it reads what it recomputes, and until it commits:
--   the case rows it changes links of (FOR NO KEY UPDATE, by id; case writes already hold them: CASE_LOCK),
--   then the teams, by advisory lock: shared for a case link (C, T), exclusive for a membership (T, U),
--   then the users, by advisory lock: shared for an assignment or for the members of a team linked or unlinked,
--   exclusive for a membership;
-- so any two writers that could change the same pair hold one lock in common, and the later one recomputes after
-- the earlier one committed. Each class is taken in key order, classes in the order above, and all of them before
-- the rows of the link tables and of teams: a write takes its locks up front, in one statement (the
-- visibility_lock_* functions below, called from src/db/statements.def), so that the triggers only find them held.
-- Explicit row locks on parents are FOR NO KEY UPDATE, which foreign key checks (FOR KEY SHARE) do not wait for.
-- The router reruns the rare cycle left (the counter rows of one user, shared by two cases) on its deadlock error.

-- Advisory lock of the given kind (1301 teams, 1302 users) on each of ids, in key order; shared or exclusive.
CREATE OR REPLACE FUNCTION visibility_lock(kind integer, ids uuid[], exclusive boolean) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    k integer;
BEGIN
    FOR k IN SELECT DISTINCT uuid_hash(x) FROM unnest(ids) x WHERE x IS NOT NULL ORDER BY 1 LOOP
        IF exclusive THEN
            PERFORM pg_advisory_xact_lock(kind, k);
        ELSE
            PERFORM pg_advisory_xact_lock_shared(kind, k);
        END IF;
    END LOOP;
END $$;

-- The case rows ids, locked in id order (a case being deleted is waited for, then skipped).
CREATE OR REPLACE FUNCTION visibility_lock_cases(ids uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM cases WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
END $$;

-- Up front for a write of case c's links or its deletion (its row already locked; NULL: a case about to be
-- inserted): its teams and teams (those sent, may be NULL) shared, then its assignees, users (those sent and the
-- creator, may be NULL) and the members of those teams shared.
CREATE OR REPLACE FUNCTION visibility_lock_case_links(c uuid, teams uuid[], users uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    ts uuid[];
BEGIN
    PERFORM visibility_lock_cases(ARRAY[c]);
    ts := ARRAY(SELECT team_id FROM case_teams WHERE case_id = c UNION SELECT unnest(COALESCE(teams, '{}')));
    PERFORM visibility_lock(1301, ts, false);
    PERFORM visibility_lock(1302, ARRAY(SELECT user_id FROM case_assignees WHERE case_id = c
                                        UNION SELECT unnest(COALESCE(users, '{}'))
                                        UNION SELECT user_id FROM team_members WHERE team_id = ANY (ts)), false);
END $$;

-- Up front for a write of team t's members: the team exclusive, then its members and users (sent) exclusive.
CREATE OR REPLACE FUNCTION visibility_lock_team_members(t uuid, users uuid[]) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM visibility_lock(1301, ARRAY[t], true);
    PERFORM visibility_lock(1302, ARRAY(SELECT user_id FROM team_members WHERE team_id = t
                                        UNION SELECT unnest(COALESCE(users, '{}'))), true);
END $$;

-- Up front for the deletion of team t: the cases linked to it, then the team and its members as above.
CREATE OR REPLACE FUNCTION visibility_lock_team_gone(t uuid) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM visibility_lock_cases(ARRAY(SELECT case_id FROM case_teams WHERE team_id = t));
    PERFORM visibility_lock_team_members(t, NULL);
END $$;

-- Up front for the removal of user u from organization o: their teams there, then the user, exclusive.
CREATE OR REPLACE FUNCTION visibility_lock_member(o uuid, u uuid) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM visibility_lock(1301, ARRAY(SELECT team_id FROM team_members WHERE org_id = o AND user_id = u), true);
    PERFORM visibility_lock(1302, ARRAY[u], true);
END $$;

-- sql/009's trigger function, each branch locking as above before it finds the pairs and recomputes them (each
-- statement of a function reads a fresh snapshot, so it sees every writer that held a lock it waited for).
CREATE OR REPLACE FUNCTION case_visibility_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    us uuid[];
    cs uuid[];
    ts uuid[];
BEGIN
    IF TG_TABLE_NAME = 'cases' AND TG_OP = 'INSERT' THEN
        -- A new case is visible to its creator, and to no one else until links are added: no recompute.
        INSERT INTO case_visibility (org_id, user_id, case_id, created_on)
        SELECT org_id, created_by, id, created_on FROM changed WHERE created_by IS NOT NULL
        ORDER BY id, created_by
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    ELSIF TG_TABLE_NAME = 'case_assignees' THEN
        PERFORM visibility_lock_cases(ARRAY(SELECT DISTINCT case_id FROM changed));
        PERFORM visibility_lock(1302, ARRAY(SELECT user_id FROM changed), false);
        SELECT array_agg(user_id), array_agg(case_id) INTO us, cs FROM changed;
    ELSIF TG_TABLE_NAME = 'case_teams' THEN
        PERFORM visibility_lock_cases(ARRAY(SELECT DISTINCT case_id FROM changed));
        ts := ARRAY(SELECT DISTINCT team_id FROM changed);
        PERFORM visibility_lock(1301, ts, false);
        PERFORM visibility_lock(1302, ARRAY(SELECT user_id FROM team_members WHERE team_id = ANY (ts)), false);
        SELECT array_agg(tm.user_id), array_agg(ch.case_id) INTO us, cs
        FROM changed ch JOIN team_members tm ON tm.team_id = ch.team_id;
    ELSE
        PERFORM visibility_lock(1301, ARRAY(SELECT team_id FROM changed), true);
        PERFORM visibility_lock(1302, ARRAY(SELECT user_id FROM changed), true);
        SELECT array_agg(ch.user_id), array_agg(ct.case_id) INTO us, cs
        FROM changed ch JOIN case_teams ct ON ct.team_id = ch.team_id;
    END IF;
    PERFORM case_visibility_recompute(COALESCE(us, '{}'), COALESCE(cs, '{}'));
    RETURN NULL;
END $$;

-- sql/009's team deletion: the team and its members locked as for a membership change before its case links go
-- (the caller took visibility_lock_team_gone before the team's row, so this only finds its locks held).
CREATE OR REPLACE FUNCTION case_visibility_team_gone() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM visibility_lock_team_members(OLD.id, NULL);
    DELETE FROM case_teams WHERE team_id = OLD.id;
    RETURN OLD;
END $$;

-- Rows the race left wrong are put right: every pair that has a row or that the rule makes visible, recomputed.
LOCK TABLE cases, case_assignees, case_teams, team_members IN SHARE ROW EXCLUSIVE MODE;
SELECT case_visibility_recompute(COALESCE(array_agg(user_id), '{}'), COALESCE(array_agg(case_id), '{}'))
FROM (SELECT user_id, case_id FROM case_visibility
      UNION SELECT created_by, id FROM cases WHERE created_by IS NOT NULL
      UNION SELECT user_id, case_id FROM case_assignees
      UNION SELECT tm.user_id, ct.case_id FROM case_teams ct JOIN team_members tm ON tm.team_id = ct.team_id) v;
