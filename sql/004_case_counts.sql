-- 004_case_counts.sql: exact case counts per organization, status, priority and type, kept by triggers, so that
-- an ADMIN's list with no filter or only those filters counts a few rows instead of every case; and an
-- assignee index and a creator index that count an organization's cases of one assignee, or those a USER may
-- see, without visiting the cases.
-- Also lets iso_utc inline (at the end). Idempotent: every object is created if missing or replaced, and the counts are rebuilt from the cases.
CREATE TABLE IF NOT EXISTS case_counts (
    org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status     text NOT NULL,
    priority   text NOT NULL,
    case_type  text NOT NULL,                 -- '' for a case without a type
    slot       smallint NOT NULL,             -- 0..7 from the case id: concurrent writers rarely share a row
    n          bigint NOT NULL,
    PRIMARY KEY (org_id, status, priority, case_type, slot)
);

-- The counter row of a case among the eight of its (organization, status, priority, type).
CREATE OR REPLACE FUNCTION case_count_slot(id uuid) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (get_byte(uuid_send(id), 15) % 8)::smallint;

-- Statement-level INSERT and DELETE on cases: add or subtract the transition table "changed". Inserts lock
-- counter rows in key order (concurrent writers cannot deadlock); deletes only decrement rows that exist, so
-- that deleting an organization, whose counters may already be gone by cascade, does not recreate them.
CREATE OR REPLACE FUNCTION case_counts_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_counts AS k (org_id, status, priority, case_type, slot, n)
        SELECT org_id, status, priority, COALESCE(case_type, ''), case_count_slot(id), count(*)
        FROM changed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (org_id, status, priority, case_type, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    ELSE
        UPDATE case_counts k SET n = k.n - d.n
        FROM (SELECT org_id, status, priority, COALESCE(case_type, '') AS case_type, case_count_slot(id) AS slot,
                     count(*) AS n FROM changed GROUP BY 1, 2, 3, 4, 5) d
        WHERE k.org_id = d.org_id AND k.status = d.status AND k.priority = d.priority
          AND k.case_type = d.case_type AND k.slot = d.slot;
    END IF;
    RETURN NULL;
END $$;

-- Row-level UPDATE that changed status, priority or type: move the case from its old counter to its new one.
CREATE OR REPLACE FUNCTION case_counts_move() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_counts AS k (org_id, status, priority, case_type, slot, n)
    SELECT * FROM (VALUES
        (OLD.org_id, OLD.status, OLD.priority, COALESCE(OLD.case_type, ''), case_count_slot(OLD.id), -1::bigint),
        (NEW.org_id, NEW.status, NEW.priority, COALESCE(NEW.case_type, ''), case_count_slot(NEW.id), 1::bigint)) v
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, status, priority, case_type, slot) DO UPDATE SET n = k.n + EXCLUDED.n;
    RETURN NULL;
END $$;

-- No case may change while the triggers appear and the counts are rebuilt.
LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
CREATE OR REPLACE TRIGGER case_counts_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_counts_apply();
CREATE OR REPLACE TRIGGER case_counts_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION case_counts_apply();
CREATE OR REPLACE TRIGGER case_counts_update AFTER UPDATE OF org_id, status, priority, case_type ON cases
    FOR EACH ROW WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.status IS DISTINCT FROM NEW.status
                       OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.case_type IS DISTINCT FROM NEW.case_type)
    EXECUTE FUNCTION case_counts_move();
DELETE FROM case_counts;
INSERT INTO case_counts (org_id, status, priority, case_type, slot, n)
SELECT org_id, status, priority, COALESCE(case_type, ''), case_count_slot(id), count(*)
FROM cases GROUP BY 1, 2, 3, 4, 5;

-- A USER's own cases among those they may see: (creator, organization) with the id, read without the table.
CREATE INDEX IF NOT EXISTS cases_creator_org ON cases (created_by, org_id, id);
DROP INDEX IF EXISTS cases_created_by;

-- Assignee filter: (user, organization) first, so an ADMIN's count by assignee is an index-only scan.
CREATE INDEX IF NOT EXISTS case_assignees_user_org ON case_assignees (user_id, org_id, case_id);
DROP INDEX IF EXISTS case_assignees_user;

-- iso_utc was IMMUTABLE around the STABLE to_char, which keeps PostgreSQL from inlining it: every call went
-- through the SQL-function executor (three per case in a list). STABLE, it inlines to the to_char call.
ALTER FUNCTION iso_utc(timestamptz) STABLE;
